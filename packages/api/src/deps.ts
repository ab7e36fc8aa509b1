import { getDb, type Db } from "@basegun/db";
import { CaseUpdateHub, createIdentifyProducer, createMarkingsProducer, type IdentifyProducer, type MarkingsProducer } from "@basegun/queue";
import { photoStoreFromEnv, resolveStorageDir, storageEnvFrom, type PhotoStore } from "@basegun/storage";
import type { LifecycleDeps } from "./services/lifecycle/lifecycle-deps.ts";
import { UploadLimiter } from "./services/identification/upload-limiter.ts";
import { DEFAULT_UPLOAD_LIMITS } from "./services/identification/upload-limits.ts";

/** What the services need from the outside world; tests build their own against the real services. */
export interface ServiceDeps {
  db: Db;
  store: PhotoStore;
  producer: IdentifyProducer;
  /** read-markings jobs (OCR of a markings photo): made from redisUrl when absent, see markingsProducerOf */
  markingsProducer?: MarkingsProducer;
  redisUrl: string;
  /** the process's shared subscriber to case announcements: created from redisUrl when absent */
  caseUpdates?: CaseUpdateHub;
  /** model lifecycle (admin): from the environment when absent, see lifecycleOf */
  lifecycle?: LifecycleDeps;
  /** uploads per user and minute; absent, nothing is limited (tests that do not test the limit) */
  uploadLimiter?: UploadLimiter;
}

/** A per-minute limit from the (already validated) environment: a whole number, 0 for none. */
const limitFromEnv = (value: string | undefined, fallback: number) => (value === undefined || value === "" ? fallback : Number(value));

const globalForDeps = globalThis as unknown as { basegunServiceDeps?: ServiceDeps };

/** Process-wide dependencies from the (already validated) environment. */
export function getServiceDeps(): ServiceDeps {
  if (!globalForDeps.basegunServiceDeps) {
    const redisUrl = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";
    globalForDeps.basegunServiceDeps = {
      db: getDb(),
      store: photoStoreFromEnv(storageEnvFrom(process.env), resolveStorageDir(process.env.STORAGE_DIR)),
      producer: createIdentifyProducer(redisUrl),
      markingsProducer: createMarkingsProducer(redisUrl),
      redisUrl,
      caseUpdates: new CaseUpdateHub(redisUrl),
      uploadLimiter: new UploadLimiter(redisUrl, {
        session: limitFromEnv(process.env.UPLOAD_RATE_LIMIT_PER_MINUTE, DEFAULT_UPLOAD_LIMITS.session),
        apiKey: limitFromEnv(process.env.API_UPLOAD_RATE_LIMIT_PER_MINUTE, DEFAULT_UPLOAD_LIMITS.apiKey),
      }),
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
