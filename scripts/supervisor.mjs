// Keeps the platform's processes running under `pnpm start`: a child that dies is restarted with
// exponential backoff; one that keeps dying (more than `maxRestarts` within `windowMs`) brings the
// whole platform down cleanly instead of leaving it half-running. Each child runs in its own process
// group, so stopping or restarting it also ends what it started (pnpm → node): no orphans.
import { spawn } from "node:child_process";

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Signals a child's whole process group (negative pid); a group already gone is fine. */
function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: nothing left in the group
  }
}

/** Whether any process of the group still exists (a zombie counts until whoever adopted it reaps it). */
function groupExists(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Waits until the group's processes are gone, at most `timeoutMs`: a SIGKILL is delivered
 * asynchronously, so "stopped" is only said once nothing of the group is left (on a busy machine the
 * grandchildren can outlive the signal by some milliseconds).
 */
async function groupGone(pid, timeoutMs = 5000) {
  const until = Date.now() + timeoutMs;
  while (groupExists(pid) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * @param {object} options
 * @param {Array<{ name: string, command: string, args: string[], cwd?: string, env?: Record<string, string | undefined> }>} options.children
 * @param {{ initialMs?: number, maxMs?: number, resetAfterMs?: number }} [options.backoff]
 * @param {{ count?: number, windowMs?: number }} [options.maxRestarts]
 * @param {number} [options.stopTimeoutMs] time a child has to stop after SIGTERM before SIGKILL
 * @param {(line: string) => void} [options.log]
 * @param {"inherit" | "ignore"} [options.stdio]
 */
export function createSupervisor(options) {
  const backoff = { initialMs: 1000, maxMs: 30_000, resetAfterMs: 60_000, ...options.backoff };
  const limit = { count: 5, windowMs: 120_000, ...options.maxRestarts };
  const stopTimeoutMs = options.stopTimeoutMs ?? 15_000;
  const log = options.log ?? ((line) => console.log(line));
  const state = new Map(); // name → { spec, child, startedAt, delay, restarts: number[], timer }
  let stopping = null;
  let resolveDone;
  const done = new Promise((resolve) => (resolveDone = resolve));

  function launch(entry) {
    const { spec } = entry;
    entry.child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env ?? process.env, stdio: options.stdio ?? "inherit", detached: true });
    entry.startedAt = Date.now();
    entry.child.on("exit", (code, signal) => onExit(entry, entry.child, code, signal));
    entry.child.on("error", (error) => log(`✖ ${spec.name}: ${error.message}`));
  }

  function onExit(entry, child, code, signal) {
    // whatever the child started dies with it (a pnpm wrapper's node, say)
    signalGroup(child.pid, "SIGKILL");
    if (stopping || entry.child !== child) return;
    const now = Date.now();
    entry.restarts = entry.restarts.filter((at) => now - at < limit.windowMs);
    if (entry.restarts.length >= limit.count) {
      log(`✖ ${entry.spec.name} died ${limit.count + 1} times within ${Math.round(limit.windowMs / 1000)} s (last: ${signal ?? `exit ${code}`}): stopping the platform`);
      void stop(1);
      return;
    }
    if (now - entry.startedAt >= backoff.resetAfterMs) entry.delay = backoff.initialMs;
    const delay = entry.delay;
    entry.delay = Math.min(entry.delay * 2, backoff.maxMs);
    entry.restarts.push(now);
    log(`⚠ ${entry.spec.name} stopped (${signal ?? `exit ${code}`}): restarting in ${(delay / 1000).toFixed(1)} s`);
    entry.timer = setTimeout(() => {
      entry.timer = null;
      if (!stopping) launch(entry);
    }, delay);
  }

  /** Stops every child (SIGTERM to its group, SIGKILL after stopTimeoutMs); resolves with `code`. */
  function stop(code = 0) {
    if (stopping) return stopping;
    stopping = (async () => {
      const waits = [];
      for (const entry of state.values()) {
        if (entry.timer) clearTimeout(entry.timer);
        const child = entry.child;
        if (!child || child.exitCode !== null || child.signalCode !== null) {
          if (child) {
            signalGroup(child.pid, "SIGKILL");
            waits.push(groupGone(child.pid));
          }
          continue;
        }
        signalGroup(child.pid, "SIGTERM");
        waits.push(
          new Promise((resolve) => {
            const timer = setTimeout(() => signalGroup(child.pid, "SIGKILL"), stopTimeoutMs);
            child.once("exit", () => {
              clearTimeout(timer);
              signalGroup(child.pid, "SIGKILL");
              void groupGone(child.pid).then(resolve);
            });
          }),
        );
      }
      await Promise.all(waits);
      resolveDone(code);
      return code;
    })();
    return stopping;
  }

  return {
    start() {
      for (const spec of options.children) {
        const entry = { spec, child: null, startedAt: 0, delay: backoff.initialMs, restarts: [], timer: null };
        state.set(spec.name, entry);
        launch(entry);
      }
    },
    stop,
    /** resolves with the exit code once the platform has stopped (asked, or given up) */
    done,
    /** the current pid of a child (its process group id too) */
    pid: (name) => state.get(name)?.child?.pid ?? null,
    alive,
  };
}
