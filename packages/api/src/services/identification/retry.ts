import type { Actor } from "@basegun/auth";
import { writeAudit } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { notFound, ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";
import { getIdentification } from "./read.ts";
import type { IdentificationView } from "./view.ts";

/** Puts a failed case of the actor's back in the queue. */
export async function retryIdentification(deps: ServiceDeps, actor: Actor, caseId: string): Promise<IdentificationView> {
  requireScope(actor, "identification:create");
  const current = await deps.db.case.findFirst({ where: { id: caseId, ownerId: actor.userId }, select: { status: true } });
  if (!current) throw notFound("identification");
  if (current.status !== "failed") {
    throw new ServiceError("CONFLICT", `only a failed identification can be retried (this one is ${current.status})`, "retryNotFailed");
  }
  await deps.db.$transaction(async (tx) => {
    // compare-and-set on the status: two clicks on "retry" enqueue once
    const { count } = await tx.case.updateMany({
      where: { id: caseId, status: "failed" },
      data: { status: "pending", failureReason: null, attempts: 0 },
    });
    if (count === 0) return;
    await writeAudit(tx, { actorId: actor.userId, actorRole: actor.role, action: "identification.retry", resourceType: "Case", resourceId: caseId });
  });
  await deps.producer.enqueue({ caseId, requestedBy: actor.userId }).catch(() => {
    /* the sweeper re-enqueues pending cases once Redis is back */
  });
  return getIdentification(deps, actor, caseId);
}
