import { Redis, type RedisOptions } from "ioredis";

/**
 * Workers block on Redis and must retry forever (maxRetriesPerRequest: null); producers inside web
 * requests must fail fast instead of queuing commands while Redis is down.
 */
export function createRedis(url: string, role: "worker" | "producer" | "subscriber", connectionName?: string): Redis {
  const options: RedisOptions =
    role === "producer"
      ? { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, lazyConnect: false }
      : { maxRetriesPerRequest: null, enableReadyCheck: false };
  // a name shows in CLIENT LIST which process holds which connection
  const redis = new Redis(url, connectionName ? { ...options, connectionName } : options);
  // an 'error' listener keeps a Redis restart from crashing the process; ioredis reconnects by itself
  redis.on("error", () => {});
  return redis;
}
