import type { Prisma } from "./generated/prisma/client.ts";
import type { SqlRunner } from "./sql.ts";

export interface AuditEntry {
  actorId?: string | null;
  actorRole?: string | null;
  action: string;
  resourceType: string;
  resourceId?: string | null;
  data?: Prisma.InputJsonValue;
  ip?: string | null;
  userAgent?: string | null;
}

type AuditWriter = Pick<Prisma.TransactionClient, "$executeRawUnsafe"> | SqlRunner;

const AUDIT_INSERT = `INSERT INTO "AuditLog" ("actorId", "actorRole", "action", "resourceType", "resourceId", "data", "ip", "userAgent")
  VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`;

/** The INSERT's parameters, in AUDIT_INSERT's order. */
export function auditValues(entry: AuditEntry): unknown[] {
  const data = entry.data === undefined ? null : JSON.stringify(entry.data);
  return [entry.actorId ?? null, entry.actorRole ?? null, entry.action, entry.resourceType, entry.resourceId ?? null, data, entry.ip ?? null, entry.userAgent?.slice(0, 512) ?? null];
}

/**
 * Appends one audit row. Pass the transaction (the ORM's transaction client or a plain-SQL runner inside
 * a transaction) so the row commits with the change it describes, or not at all. The table refuses
 * UPDATE and DELETE at the database level.
 *
 * A plain INSERT rather than the ORM's create: every identification writes two of these, and the
 * ORM's query compilation costs three times the CPU of the statement itself (measured: 1.6 against
 * 0.5 ms per row).
 */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  if ("query" in tx) await tx.query(AUDIT_INSERT, auditValues(entry));
  else await tx.$executeRawUnsafe(AUDIT_INSERT, ...auditValues(entry));
}
