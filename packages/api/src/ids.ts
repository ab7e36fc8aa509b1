import { randomBytes } from "node:crypto";

/** A cuid-like id (lowercase letter then base36): unguessable, URL-safe, valid as a BullMQ job id part. */
export function createId(): string {
  const time = Date.now().toString(36);
  const random = BigInt(`0x${randomBytes(12).toString("hex")}`).toString(36).padStart(18, "0");
  return `c${time}${random}`;
}
