import { SERVICE_UNAVAILABLE_DIGEST } from "@/lib/service-unavailable-digest";

/**
 * A dependency (PostgreSQL) cannot be reached: the request cannot be answered now, which is not the
 * caller's fault and not a refusal. Answered 503 with Retry-After by the APIs and "service momentanément
 * indisponible" by the app (the error page recognises the digest, which Next passes to it unchanged
 * while it hides every error's message); never a sign-in failure.
 */
export class ServiceUnavailableError extends Error {
  readonly digest = SERVICE_UNAVAILABLE_DIGEST;
  constructor() {
    super("service unavailable");
    this.name = "ServiceUnavailableError";
  }
}

/** Seconds a client is told to wait (Retry-After) when a dependency is down. */
export const RETRY_AFTER_SECONDS = 5;
