/**
 * A dependency (PostgreSQL) cannot be reached: the request cannot be answered now, which is not the
 * caller's fault and not a refusal. Answered 503 with Retry-After by the API and "service momentanément
 * indisponible" by the app; never a sign-in failure.
 */
export class ServiceUnavailableError extends Error {
  constructor() {
    super("service unavailable");
    this.name = "ServiceUnavailableError";
  }
}
