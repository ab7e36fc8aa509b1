import type { Db } from "@basegun/db";
import type { IdentifyProducer } from "@basegun/queue";

/**
 * Re-enqueues cases that are waiting without a job: accepted while Redis was down, or whose job was
 * lost with Redis's memory. The job id is the case id, so a case whose job is still queued is not
 * enqueued twice.
 */
export async function sweepStrandedCases(db: Db, producer: IdentifyProducer, olderThanMs: number, limit = 100): Promise<number> {
  const before = new Date(Date.now() - olderThanMs);
  const stranded = await db.case.findMany({
    where: { status: { in: ["pending", "processing"] }, updatedAt: { lt: before } },
    select: { id: true },
    orderBy: { createdAt: "asc" },
    take: limit,
  });
  for (const { id } of stranded) await producer.enqueue({ caseId: id });
  return stranded.length;
}
