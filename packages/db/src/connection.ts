/** Splits a postgresql:// URL into the discrete fields node-postgres takes. */
export function poolConfigFromUrl(url: string) {
  if (!url) throw new Error("DATABASE_URL is not set (e.g. postgresql://postgres@127.0.0.1:5432/basegun)");
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${parsed.protocol}`);
  }
  return {
    host: parsed.hostname || "127.0.0.1",
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.replace(/^\//, "")) || "postgres",
  };
}
