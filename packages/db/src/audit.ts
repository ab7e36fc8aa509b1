import type { Prisma } from "./generated/prisma/client.ts";

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

type AuditWriter = Pick<Prisma.TransactionClient, "$executeRaw">;

/**
 * Appends one audit row. Pass the transaction client so the row commits with the change it describes
 * (or not at all). The table refuses UPDATE and DELETE at the database level.
 *
 * A plain INSERT rather than the ORM's create: every identification writes two of these, and the
 * ORM's query compilation costs three times the CPU of the statement itself (measured: 1.6 against
 * 0.5 ms per row).
 */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  const data = entry.data === undefined ? null : JSON.stringify(entry.data);
  await tx.$executeRaw`
    INSERT INTO "AuditLog" ("actorId", "actorRole", "action", "resourceType", "resourceId", "data", "ip", "userAgent")
    VALUES (${entry.actorId ?? null}, ${entry.actorRole ?? null}, ${entry.action}, ${entry.resourceType}, ${entry.resourceId ?? null},
      ${data}::jsonb, ${entry.ip ?? null}, ${entry.userAgent?.slice(0, 512) ?? null})`;
}
