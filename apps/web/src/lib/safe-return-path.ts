/**
 * Where to go after sign-in: only a path of this site. A crafted callbackUrl ("//evil.example",
 * "https://…", "/\\evil") must not send the officer to another site (open redirect).
 */
export function safeReturnPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // control characters are stripped by browsers in URLs, which can turn "/\t/evil" into "//evil"
  // eslint-disable-next-line no-control-regex -- matching control characters is the point here
  return /[\u0000-\u001f\u007f]/.test(value) ? fallback : value;
}
