/**
 * `pnpm bench:identify [N]`: N real photos through the whole path (HTTP upload → queue → worker →
 * stored result) of a running platform, and through the raw pipeline (decode, preprocess, ONNX) in this
 * process. Prints p50/p95 latency, throughput, both peak memories and the whole/raw ratios.
 *
 * Needs the platform running (`API_UPLOAD_RATE_LIMIT_PER_MINUTE=100000 pnpm start`: the benchmark sends
 * far more than the default 600 uploads a minute per key), BASE_URL (default http://localhost:3000),
 * DATABASE_URL (to create an API key for the demo officer) and the photos in DATASETS_DIR.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { createDb, generateApiKey } from "@basegun/db";
import { datasetsDir, DEFAULT_BACKBONE_PATH, loadIdentifier, MODELS_DIR } from "@basegun/ml";

const N = Number(process.argv[2] ?? process.env.BENCH_N ?? 40);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const BASE_URL = process.env.BASE_URL ?? "http://localhost:3000";

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
};
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
const peakRssMb = (pid: number | "self") => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
};

/** Node processes running the inference worker (found by their working directory, workers/inference). */
function workerPids(): number[] {
  const out = execFileSync("ps", ["-eo", "pid=,args="], { encoding: "utf8" });
  return out
    .split("\n")
    .filter((line) => /node/.test(line) && /src\/main\.ts/.test(line))
    .map((line) => Number(line.trim().split(/\s+/)[0]))
    .filter((pid) => {
      try {
        return /workers[/\\]inference$/.test(readlinkSync(`/proc/${pid}/cwd`));
      } catch {
        return false;
      }
    });
}

/** Cumulative CPU seconds per role (web, inference worker, PostgreSQL, Redis, this client, other). */
function cpuByRole(): Map<string, number> {
  const ticks = 100; // USER_HZ on Linux
  const roles = new Map<string, number>();
  const workers = new Set(workerPids());
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    let stat: string;
    try {
      stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const seconds = (Number(fields[11]) + Number(fields[12])) / ticks; // utime + stime
    const role =
      pid === process.pid ? "bench client"
      : workers.has(pid) ? "inference worker"
      : comm.startsWith("next-server") ? "web (next)"
      : comm === "postgres" ? "postgresql"
      : comm.startsWith("redis") ? "redis"
      : "other";
    roles.set(role, (roles.get(role) ?? 0) + seconds);
  }
  return roles;
}

function pickPhotos(count: number): string[] {
  const root = path.join(datasetsDir(), "weapons-coarse");
  const rows = readFileSync(path.join(root, "manifest.csv"), "utf8").trim().split("\n").slice(1);
  const files = rows
    .map((line) => line.split(","))
    .filter((cols) => cols[3] !== "yes")
    .map((cols) => path.join(root, cols[0]!));
  // every k-th file: a mix of the four classes, the same list every run
  const step = Math.max(1, Math.floor(files.length / count));
  return files.filter((_, i) => i % step === 0).slice(0, count);
}

/**
 * How a client gets its result: in the upload's own answer (`Prefer: wait` on the POST, one request in
 * all), by one status request that waits (`Prefer: wait` on the GET), or by polling at a fixed interval.
 */
type StatusMode = { uploadWait: number } | { wait: number } | { pollMs: number };

// The client shares the platform's two cores: its request bodies are built once, before any timing,
// so that what it costs during the runs is the HTTP exchange a real client would also make.
const BOUNDARY = "basegun-bench-boundary";
const bodies = new Map<string, Buffer>();
function multipartBody(file: string): Buffer {
  let body = bodies.get(file);
  if (!body) {
    const head = `--${BOUNDARY}\r\nContent-Disposition: form-data; name="photos"; filename="${path.basename(file)}"\r\nContent-Type: image/jpeg\r\n\r\n`;
    body = Buffer.concat([Buffer.from(head), readFileSync(file), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]);
    bodies.set(file, body);
  }
  return body;
}

// node:http on kept-alive connections rather than fetch: the client shares the platform's two cores,
// and fetch cost it 2.5 times the CPU (6.5 against 2.6 ms per photo, measured with this benchmark).
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(method: "GET" | "POST", url: string, headers: Record<string, string>, body?: Buffer): Promise<{ status: number; json: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(url, BASE_URL), { method, agent, headers: body ? { ...headers, "content-length": String(body.length) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        try {
          resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) });
        } catch {
          reject(new Error(`${method} ${url} answered ${res.statusCode}: ${text.slice(0, 200)}`));
        }
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Uploads one photo and gets its result: with `Prefer: wait` (one status request that answers when the
 * case is done, what the API recommends) or by polling at a fixed interval (a plain client).
 */
async function uploadAndWait(key: string, file: string, mode: StatusMode): Promise<{ clientMs: number; id: string; startedAt: number; statusRequests: number }> {
  const startedAt = Date.now();
  const started = performance.now();
  const uploadHeaders: Record<string, string> = { authorization: `Bearer ${key}`, "content-type": `multipart/form-data; boundary=${BOUNDARY}` };
  if ("uploadWait" in mode) uploadHeaders.prefer = `wait=${mode.uploadWait}`;
  const upload = await request("POST", "/api/v1/identifications", uploadHeaders, multipartBody(file));
  if (upload.status === 201) {
    const finished = upload.json as { id: string; status: string };
    if (finished.status !== "done") throw new Error(`case ${finished.id} ${finished.status}`);
    return { clientMs: performance.now() - started, id: finished.id, startedAt, statusRequests: 0 };
  }
  if (upload.status === 429) {
    throw new Error(
      "the platform limits uploads per API key (API_UPLOAD_RATE_LIMIT_PER_MINUTE, 600 a minute by default): to measure its capacity, start it with a limit it never reaches, e.g. API_UPLOAD_RATE_LIMIT_PER_MINUTE=100000 pnpm start (the limit is still counted on every upload)",
    );
  }
  if (upload.status !== 202) throw new Error(`upload answered ${upload.status}: ${JSON.stringify(upload.json)}`);
  const { id, statusUrl } = upload.json as { id: string; statusUrl: string };
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if ("wait" in mode) headers.prefer = `wait=${mode.wait}`;
  for (let statusRequests = 1; ; statusRequests++) {
    const status = (await request("GET", statusUrl, headers)).json as { status: string };
    if (status.status === "done") return { clientMs: performance.now() - started, id, startedAt, statusRequests };
    if (status.status === "failed") throw new Error(`case ${id} failed`);
    if ("pollMs" in mode) await new Promise((r) => setTimeout(r, mode.pollMs));
  }
}

/** N photos through the platform by CONCURRENCY clients at once: photos per second and CPU per role. */
async function concurrentRun(key: string, photos: string[], mode: StatusMode) {
  const queue = [...photos];
  let statusRequests = 0;
  const cpuBefore = cpuByRole();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let file = queue.shift(); file; file = queue.shift()) {
        const done = await uploadAndWait(key, file, mode);
        statusRequests += done.statusRequests;
      }
    }),
  );
  const throughput = photos.length / ((performance.now() - started) / 1000);
  const cpuAfter = cpuByRole();
  const cpuMsPerPhoto = new Map([...cpuAfter].map(([role, after]) => [role, ((after - (cpuBefore.get(role) ?? 0)) * 1000) / photos.length]));
  return { throughput, cpuMsPerPhoto, statusRequestsPerPhoto: statusRequests / photos.length };
}

function printConcurrent(label: string, run: Awaited<ReturnType<typeof concurrentRun>>) {
  console.log(`  throughput at concurrency ${CONCURRENCY}, ${label}: ${run.throughput.toFixed(1)} photos/s (${run.statusRequestsPerPhoto.toFixed(1)} status requests per photo)`);
  const total = [...run.cpuMsPerPhoto.values()].reduce((a, b) => a + b, 0);
  const parts = [...run.cpuMsPerPhoto].sort((a, b) => b[1] - a[1]).filter(([, ms]) => ms >= 0.5);
  console.log(`    CPU per photo ${total.toFixed(0)} ms: ${parts.map(([role, ms]) => `${role} ${ms.toFixed(1)}`).join(", ")}`);
}

const db = createDb();
const photos = pickPhotos(N);
for (const file of photos) multipartBody(file);
console.log(`bench:identify — ${photos.length} photos from ${datasetsDir()}, platform at ${BASE_URL}`);

try {
  await request("GET", "/api/v1/openapi.json", {}).catch(() => {
    throw new Error(`no platform answers at ${BASE_URL}: start it with \`pnpm start\` (or set BASE_URL)`);
  });
  const officer = await db.user.findUniqueOrThrow({ where: { email: "officer@basegun.local" } });
  const { key, prefix, hash } = generateApiKey();
  await db.apiKey.create({ data: { userId: officer.id, label: "bench", prefix, hash } });

  // --- raw pipeline, in this process ---
  const alias = await db.modelAlias.findUniqueOrThrow({ where: { name: "production" }, include: { modelVersion: true } });
  const identifier = await loadIdentifier({
    modelDir: path.join(process.env.MODELS_DIR ?? MODELS_DIR, alias.modelVersion.artifactPath),
    backbonePath: process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH,
    executionProvider: "cpu",
  });
  const images = photos.map((f) => readFileSync(f));
  await identifier.identify([images[0]!]); // warm-up
  // This machine's speed drifts between minutes (the raw pipeline alone was seen at 32 to 46 photos/s):
  // the raw pipeline runs before and after the whole path, and the ratio uses the mean of both.
  const runRaw = async () => {
    const latencies: number[] = [];
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (const image of images) {
      const t = performance.now();
      await identifier.identify([image]);
      latencies.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpuBefore);
    return { latencies, throughput: images.length / ((performance.now() - started) / 1000), cpuMsPerPhoto: (cpu.user + cpu.system) / 1000 / images.length };
  };
  const rawBefore = await runRaw();

  // --- whole path, sequential (latency) ---
  await uploadAndWait(key, photos[0]!, { wait: 30 }); // warm-up: first requests load the routes
  const whole: number[] = [];
  const uploadStarts = new Map<string, number>();
  for (const file of photos) {
    const { clientMs, id, startedAt } = await uploadAndWait(key, file, { wait: 30 });
    whole.push(clientMs);
    uploadStarts.set(id, startedAt);
  }
  // upload started (client clock) → prediction row committed (database clock, same machine)
  const stored = await db.case.findMany({ where: { id: { in: [...uploadStarts.keys()] } }, include: { predictions: { where: { shadow: false } } } });
  const serverMs = stored.flatMap((c) => (c.predictions[0] ? [c.predictions[0].createdAt.getTime() - uploadStarts.get(c.id)!] : []));

  // --- whole path, concurrent (throughput) ---
  const oneRequest = await concurrentRun(key, photos, { uploadWait: 30 });
  const waiting = await concurrentRun(key, photos, { wait: 30 });
  // a plain client polling often: what the status requests themselves cost the platform
  const polling = await concurrentRun(key, photos, { pollMs: 50 });
  const rawAfter = await runRaw();
  await identifier.close();
  const rawPeak = peakRssMb("self");
  const raw = [...rawBefore.latencies, ...rawAfter.latencies];
  const rawThroughput = (rawBefore.throughput + rawAfter.throughput) / 2;
  const workerPeaks = workerPids().map((pid) => peakRssMb(pid));

  console.log("\nraw pipeline (decode + preprocess + backbone + head + calibration, one process)");
  console.log(`  p50 ${fmt(quantile(raw, 0.5))}   p95 ${fmt(quantile(raw, 0.95))}   throughput ${rawThroughput.toFixed(1)} photos/s (before ${rawBefore.throughput.toFixed(1)}, after ${rawAfter.throughput.toFixed(1)})   peak RSS ${rawPeak.toFixed(0)} MB   CPU ${((rawBefore.cpuMsPerPhoto + rawAfter.cpuMsPerPhoto) / 2).toFixed(1)} ms per photo`);
  console.log("whole path (HTTP upload → PostgreSQL → BullMQ → worker → stored result → HTTP status)");
  console.log(`  upload started → prediction stored: p50 ${fmt(quantile(serverMs, 0.5))}   p95 ${fmt(quantile(serverMs, 0.95))}`);
  console.log(`  client-observed (upload, then one status request with Prefer: wait): p50 ${fmt(quantile(whole, 0.5))}   p95 ${fmt(quantile(whole, 0.95))}`);
  printConcurrent("one request (POST with Prefer: wait)", oneRequest);
  printConcurrent("upload, then GET with Prefer: wait", waiting);
  printConcurrent("polling every 50 ms", polling);
  console.log(`  worker peak RSS: ${workerPeaks.length ? workerPeaks.map((m) => `${m.toFixed(0)} MB`).join(", ") : "worker process not found"}`);
  console.log("ratios");
  console.log(`  whole/raw p50 latency ${(quantile(serverMs, 0.5) / quantile(raw, 0.5)).toFixed(2)}   whole/raw throughput ${(oneRequest.throughput / rawThroughput).toFixed(2)} (one request), ${(waiting.throughput / rawThroughput).toFixed(2)} (upload + waiting GET), ${(polling.throughput / rawThroughput).toFixed(2)} (polling)`);
  console.log(`  load average during the run: ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
  await db.apiKey.updateMany({ where: { hash }, data: { revokedAt: new Date() } });
} finally {
  agent.destroy();
  await db.$disconnect();
}
