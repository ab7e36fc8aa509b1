import { z } from "zod";

/**
 * The variables every worker process reads (inference and training), validated the same way in both;
 * each worker adds its own, and the photo storage's (@basegun/storage's storageEnv). Relative paths are
 * taken from the repository root (see resolveRepoPath).
 */
export const sharedWorkerEnv = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }),
  MODELS_DIR: z.string().min(1).default("models"),
  BACKBONE_PATH: z.string().min(1).optional(),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
};

/** A bad environment stops the worker at start, naming each bad variable. */
export function exitOnInvalidEnv(processName: string) {
  return (issues: ReadonlyArray<{ path?: ReadonlyArray<PropertyKey | { key: PropertyKey }>; message: string }>): never => {
    const lines = issues.map((issue) => `  ${issue.path?.map((part) => String(typeof part === "object" ? part.key : part)).join(".") ?? "?"}: ${issue.message}`);
    console.error(`basegun ${processName}: invalid environment\n${lines.join("\n")}`);
    process.exit(1);
  };
}
