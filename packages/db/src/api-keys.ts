import { createHash, randomBytes } from "node:crypto";

export const API_KEY_PREFIX = "bgk_";

/** A new key: shown once to its owner; only its sha256 is stored. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = API_KEY_PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, API_KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

// Keys carry 256 bits of entropy, so a plain sha256 (no salt, no stretching) is enough and allows
// a unique-index lookup.
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
