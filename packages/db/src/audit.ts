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

type AuditWriter = { auditLog: { create(args: { data: Prisma.AuditLogUncheckedCreateInput }): Promise<unknown> } };

/**
 * Appends one audit row. Pass the transaction client so the row commits with the change it describes
 * (or not at all). The table refuses UPDATE and DELETE at the database level.
 */
export async function writeAudit(tx: AuditWriter, entry: AuditEntry): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: entry.actorId ?? null,
      actorRole: entry.actorRole ?? null,
      action: entry.action,
      resourceType: entry.resourceType,
      resourceId: entry.resourceId ?? null,
      data: entry.data,
      ip: entry.ip ?? null,
      userAgent: entry.userAgent?.slice(0, 512) ?? null,
    },
  });
}
