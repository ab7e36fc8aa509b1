import type { Actor } from "@basegun/auth";
import { hasScope } from "@basegun/auth";
import type { Prisma } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { canReadCase } from "../access.ts";
import { caseViewInclude, loadCaseRow, toIdentificationView, toSummary, type IdentificationSummary, type IdentificationView } from "./view.ts";

/**
 * One case, if the actor may see it. A case that exists but belongs to someone else answers exactly like
 * a case that does not exist, so ids cannot be probed.
 */
export async function getIdentification(deps: ServiceDeps, actor: Actor, caseId: string): Promise<IdentificationView> {
  const row = await loadCaseRow(deps.db, caseId);
  if (!row || !canReadCase(actor, row)) throw notFound("identification");
  return toIdentificationView(row);
}

export interface ListOptions {
  cursor?: string;
  limit?: number;
  /** "mine" (default) or "unit" for roles that may see their unit's cases */
  scope?: "mine" | "unit";
}

export async function listIdentifications(
  deps: ServiceDeps,
  actor: Actor,
  options: ListOptions = {},
): Promise<{ items: IdentificationSummary[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const where: Prisma.CaseWhereInput =
    options.scope === "unit" && actor.unit && hasScope(actor.role, "identification:read:unit")
      ? { unit: actor.unit }
      : { ownerId: actor.userId };
  const rows = await deps.db.case.findMany({
    where,
    include: caseViewInclude,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(options.cursor ? { cursor: { id: options.cursor }, skip: 1 } : {}),
  });
  const page = rows.slice(0, limit);
  return { items: page.map(toSummary), nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null };
}
