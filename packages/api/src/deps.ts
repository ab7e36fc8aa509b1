import { getDb, type Db } from "@basegun/db";
import { CaseUpdateHub, createIdentifyProducer, type IdentifyProducer } from "@basegun/queue";
import { LocalPhotoStore, resolveStorageDir, type PhotoStore } from "@basegun/storage";
import type { LifecycleDeps } from "./services/lifecycle/lifecycle-deps.ts";

/** What the services need from the outside world; tests build their own against the real services. */
export interface ServiceDeps {
  db: Db;
  store: PhotoStore;
  producer: IdentifyProducer;
  redisUrl: string;
  /** the process's shared subscriber to case announcements: created from redisUrl when absent */
  caseUpdates?: CaseUpdateHub;
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
      caseUpdates: new CaseUpdateHub(redisUrl),
    };
  }
  return globalForDeps.basegunServiceDeps;
}

const hubs = new WeakMap<ServiceDeps, CaseUpdateHub>();

/** The deps' case-update hub; one is made (once per deps object) for deps built without it. */
export function caseUpdatesOf(deps: ServiceDeps): CaseUpdateHub {
  if (deps.caseUpdates) return deps.caseUpdates;
  let hub = hubs.get(deps);
  if (!hub) {
    hub = new CaseUpdateHub(deps.redisUrl);
    hubs.set(deps, hub);
  }
  return hub;
}
