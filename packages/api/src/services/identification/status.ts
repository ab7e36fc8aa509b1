import type { Actor } from "@basegun/auth";
import { poolOf } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { canReadCase } from "../access.ts";
import { getIdentification } from "./read.ts";
import type { CaseStatus, IdentificationView } from "./view.ts";

export const isFinalStatus = (status: CaseStatus) => status === "done" || status === "failed";

/** A case without its photos, result and reviews: all a status answer needs until it is done. */
export interface CaseState {
  id: string;
  status: CaseStatus;
  createdAt: Date;
  failureReason: string | null;
}

/**
 * A case's state alone, after the same access check as the full read: one small indexed query instead
 * of the full view's joins. What a waiting request reads at each announcement, and what a polling
 * client gets until the result exists.
 */
export async function readCaseState(deps: Pick<ServiceDeps, "db">, actor: Actor, caseId: string): Promise<CaseState> {
  // plain SQL: a waiting request reads it at each announcement, a polling client at each poll
  const { rows } = await poolOf(deps.db).query<CaseState & { ownerId: string; unit: string | null }>(
    `SELECT "id", "status"::text AS "status", "createdAt", "failureReason", "ownerId", "unit" FROM "Case" WHERE "id" = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row || !canReadCase(actor, row)) throw notFound("identification");
  return { id: row.id, status: row.status, createdAt: row.createdAt, failureReason: row.failureReason };
}

/** The service API's answer: the state, and the full view once the case is done (it holds the result). */
export interface IdentificationStatus {
  state: CaseState;
  view: IdentificationView | null;
}

export async function getIdentificationStatus(deps: ServiceDeps, actor: Actor, caseId: string): Promise<IdentificationStatus> {
  const state = await readCaseState(deps, actor, caseId);
  return withViewWhenDone(deps, actor, state);
}

export async function withViewWhenDone(deps: ServiceDeps, actor: Actor, state: CaseState): Promise<IdentificationStatus> {
  if (state.status !== "done") return { state, view: null };
  const view = await getIdentification(deps, actor, state.id);
  return { state: { id: view.id, status: view.status, createdAt: view.createdAt, failureReason: view.failureReason }, view };
}
