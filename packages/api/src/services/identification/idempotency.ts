import { createHash } from "node:crypto";
import { poolOf, type Db } from "@basegun/db";
import { ServiceError } from "../../errors.ts";

/**
 * Upload idempotency (the IETF httpapi Idempotency-Key draft's semantics): a client sends one key per
 * photo batch and the same key again when it retries. The key is stored with the case, unique per owner,
 * so a retry after the server stored the batch (the connection was cut before the answer arrived, the
 * phone's offline queue sent it twice) returns the case the first send created, never a second case.
 * The same key with a different body is a client bug: refused (422), never silently answered with a case
 * that holds other photos.
 */

// visible ASCII, long enough that two batches of one officer never collide by chance (a UUID is 36)
const KEY_PATTERN = /^[\x21-\x7e]{8,255}$/;

/** The header's value, or null when absent. A structured-field string ("…") is unquoted. */
export function parseIdempotencyKey(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const trimmed = raw.trim();
  const value = trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  if (!KEY_PATTERN.test(value)) {
    throw new ServiceError("BAD_REQUEST", "Idempotency-Key must be 8 to 255 visible ASCII characters (a UUID, say)", "idempotencyKeyInvalid");
  }
  return value;
}

export interface IdempotentBody {
  photos: ReadonlyArray<{ bytes: Buffer; kind?: string }>;
  procedureNumber?: string;
  urgency?: string;
}

/** What identifies a batch: each photo's bytes and kind in order, and the case's fields. */
export function idempotencyHash(body: IdempotentBody): string {
  const canonical = JSON.stringify({
    photos: body.photos.map((photo) => [createHash("sha256").update(photo.bytes).digest("hex"), photo.kind ?? null]),
    procedureNumber: body.procedureNumber?.trim() || null,
    urgency: body.urgency ?? "normal",
  });
  return createHash("sha256").update(canonical).digest("hex");
}

/**
 * The id of the owner's case created with this key, or null. Throws 422 when that case was created
 * from another body.
 */
export async function findKeyedCase(db: Db, ownerId: string, key: string, hash: string): Promise<string | null> {
  const { rows } = await poolOf(db).query<{ id: string; idempotencyHash: string | null }>(
    `SELECT "id", "idempotencyHash" FROM "Case" WHERE "ownerId" = $1 AND "idempotencyKey" = $2`,
    [ownerId, key],
  );
  const row = rows[0];
  if (!row) return null;
  if (row.idempotencyHash !== hash) {
    throw new ServiceError("UNPROCESSABLE", "this Idempotency-Key was already used with other photos or fields; send a new key for a new batch", "idempotencyKeyReused", {
      caseId: row.id,
    });
  }
  return row.id;
}

/** The unique index's violation: another send with the same key committed first. */
export function isKeyConflict(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && e.constraint === "Case_ownerId_idempotencyKey_key";
}
