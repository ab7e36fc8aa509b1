import { poolOf, type Db } from "@basegun/db";
import { createRedis, readHeartbeats } from "@basegun/queue";


/**
 * Readiness: can this platform serve an identification now? PostgreSQL answers, Redis answers, and at
 * least one inference worker has its model loaded (its heartbeat in Redis). Each check is bounded in
 * time and reports only ok/failed and, for the model, the version: never an address or an error text.
 */
export interface Readiness {
  ready: boolean;
  checks: { postgres: boolean; redis: boolean; model: boolean };
  models: string[];
}

const CHECK_TIMEOUT_MS = 2000;

const within = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error("timeout")), CHECK_TIMEOUT_MS).unref())]);

let redis: ReturnType<typeof createRedis> | null = null;

/** A connection still opening (the first check after start) is waited for, within the check's time. */
async function connected(client: ReturnType<typeof createRedis>): Promise<void> {
  if (client.status === "ready") return;
  // reconnecting after a loss: not ready now, and no listener piles up per check
  if (!["wait", "connecting", "connect"].includes(client.status)) throw new Error(`redis ${client.status}`);
  await new Promise<void>((resolve, reject) => {
    client.once("ready", () => resolve());
    client.once("end", () => reject(new Error("redis closed")));
  });
}

export async function checkReadiness(db: Db, redisUrl: string): Promise<Readiness> {
  redis ??= createRedis(redisUrl, "producer", "basegun-web-readiness");
  const [postgres, heartbeats] = await Promise.all([
    within(poolOf(db).query("SELECT 1")).then(
      () => true,
      () => false,
    ),
    within(connected(redis).then(() => readHeartbeats(redis!))).then(
      (beats) => beats,
      () => null,
    ),
  ]);
  const models = [...new Set((heartbeats ?? []).map((beat) => beat.model))].sort();
  const checks = { postgres, redis: heartbeats !== null, model: models.length > 0 };
  return { ready: checks.postgres && checks.redis && checks.model, checks, models };
}
