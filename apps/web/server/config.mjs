// The web server's own settings, validated once at start (the app's are in src/env.ts, which lists the
// same variables so that a bad value is reported the same way).
import { z } from "zod";
import { allowedOrigins, parseTrustedProxies } from "./request-guard.mjs";

const schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  TRUSTED_PROXIES: z.string().default(""),
  // a client has this long to send its whole request, body included, or gets 408
  REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
});

export function loadServerConfig(env) {
  const parsed = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== "")));
  if (!parsed.success) throw new Error(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  const settings = parsed.data;
  return {
    ...settings,
    trusted: parseTrustedProxies(settings.TRUSTED_PROXIES),
    origins: allowedOrigins(settings.PUBLIC_URL, settings.PORT),
    publicHttps: settings.PUBLIC_URL?.startsWith("https:") ?? false,
  };
}
