import { z } from "zod";

/** The identify job: everything else is read from the database, which is the source of truth. */
export const identifyJobSchema = z.object({
  caseId: z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, "case ids are cuids"),
  // present on a manual retry so the audit trail shows who asked
  requestedBy: z.string().optional(),
});
export type IdentifyJob = z.infer<typeof identifyJobSchema>;

/** Job options for identify jobs: the case id is the job id, so enqueuing twice does not run twice. */
export const identifyJobOptions = (caseId: string) => ({
  jobId: `case-${caseId}`,
  attempts: 4,
  backoff: { type: "exponential" as const, delay: 1000, jitter: 0.3 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});
