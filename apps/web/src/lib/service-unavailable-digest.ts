/** The digest of an outage error: the only part of a server error Next passes to the error page. */
export const SERVICE_UNAVAILABLE_DIGEST = "BASEGUN_SERVICE_UNAVAILABLE";
