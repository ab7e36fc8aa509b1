import { z } from "zod";
import { LocalPhotoStore, type PhotoStore } from "./photo-store.ts";
import type { S3StoreConfig } from "./s3-photo-store.ts";

/**
 * Where photos live, from the environment: the same variables in the web app and both workers, which
 * must all see the same photos. `local` (default) is a directory; `s3` any S3-compatible service.
 */
export const storageEnv = {
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  STORAGE_DIR: z.string().min(1).default("var/storage"),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_BUCKET: z.string().min(1).optional(),
  S3_ORIGINALS_BUCKET: z.string().min(1).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(["true", "false"]).default("true").transform((value) => value === "true"),
  S3_SERVER_SIDE_ENCRYPTION: z.enum(["AES256", "aws:kms"]).optional(),
};

const storageEnvSchema = z.object(storageEnv);
export type StorageEnv = z.output<typeof storageEnvSchema>;

/** The checks across variables, for createEnv's final schema: each names the variable to fix. */
export function refineStorageEnv(env: Partial<Pick<StorageEnv, "STORAGE_DRIVER" | "S3_BUCKET" | "S3_ACCESS_KEY_ID" | "S3_SECRET_ACCESS_KEY">>, ctx: z.RefinementCtx): void {
  if (env.STORAGE_DRIVER !== "s3") return;
  if (!env.S3_BUCKET) ctx.addIssue({ code: "custom", path: ["S3_BUCKET"], message: "required when STORAGE_DRIVER=s3" });
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    ctx.addIssue({ code: "custom", path: [env.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"], message: "set both S3 keys, or neither (the SDK's default credentials)" });
  }
}

export function s3ConfigFromEnv(env: StorageEnv): S3StoreConfig {
  if (!env.S3_BUCKET) throw new Error("S3_BUCKET: required when STORAGE_DRIVER=s3");
  return {
    region: env.S3_REGION,
    bucket: env.S3_BUCKET,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
    ...(env.S3_ORIGINALS_BUCKET ? { originalsBucket: env.S3_ORIGINALS_BUCKET } : {}),
    ...(env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID } : {}),
    ...(env.S3_SECRET_ACCESS_KEY ? { secretAccessKey: env.S3_SECRET_ACCESS_KEY } : {}),
    ...(env.S3_SERVER_SIDE_ENCRYPTION ? { serverSideEncryption: env.S3_SERVER_SIDE_ENCRYPTION } : {}),
  };
}

/**
 * The S3 store, its SDK loaded on first use: a deployment on a local directory never loads it (a
 * large module graph, and a warning about Node 20 from its newer versions).
 */
class LazyS3PhotoStore implements PhotoStore {
  private store: Promise<PhotoStore> | null = null;
  constructor(private readonly config: S3StoreConfig) {}
  private load(): Promise<PhotoStore> {
    this.store ??= import("./s3-photo-store.ts").then(({ S3PhotoStore }) => new S3PhotoStore(this.config));
    return this.store;
  }
  async put(key: string, bytes: Buffer) {
    return (await this.load()).put(key, bytes);
  }
  async get(key: string) {
    return (await this.load()).get(key);
  }
  async delete(key: string) {
    return (await this.load()).delete(key);
  }
  async *list(area: "originals" | "derivatives") {
    yield* (await this.load()).list(area);
  }
}

/** The configured store; `storageDir` is STORAGE_DIR already resolved (see resolveStorageDir). */
export function photoStoreFromEnv(env: StorageEnv, storageDir: string): PhotoStore {
  return env.STORAGE_DRIVER === "s3" ? new LazyS3PhotoStore(s3ConfigFromEnv(env)) : new LocalPhotoStore(storageDir);
}

/** The storage variables of a process's environment, checked (for code that reads process.env itself). */
export function storageEnvFrom(runtimeEnv: NodeJS.ProcessEnv): StorageEnv {
  const present = Object.fromEntries(Object.keys(storageEnv).map((key) => [key, runtimeEnv[key] === "" ? undefined : runtimeEnv[key]]));
  return storageEnvSchema.superRefine(refineStorageEnv).parse(present);
}
