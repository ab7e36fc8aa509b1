import { getDb, type Db } from "@basegun/db";
import { createIdentifyProducer, type IdentifyProducer } from "@basegun/queue";
import { LocalPhotoStore, resolveStorageDir, type PhotoStore } from "@basegun/storage";
import type { LifecycleDeps } from "./services/lifecycle/lifecycle-deps.ts";

/** What the services need from the outside world; tests build their own against the real services. */
export interface ServiceDeps {
  db: Db;
  store: PhotoStore;
  producer: IdentifyProducer;
  redisUrl: string;
  /** model lifecycle (admin): from the environment when absent, see lifecycleOf */
  lifecycle?: LifecycleDeps;
}

const globalForDeps = globalThis as unknown as { basegunServiceDeps?: ServiceDeps };

/** Process-wide dependencies from the (already validated) environment. */
export function getServiceDeps(): ServiceDeps {
  if (!globalForDeps.basegunServiceDeps) {
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    globalForDeps.basegunServiceDeps = {
      db: getDb(),
      store: new LocalPhotoStore(resolveStorageDir(process.env.STORAGE_DIR)),
      producer: createIdentifyProducer(redisUrl),
      redisUrl,
    };
  }
  return globalForDeps.basegunServiceDeps;
}
