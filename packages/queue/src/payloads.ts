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

/** A training-worker job: the TrainingRun row holds its kind, parameters, progress and logs. */
export const trainingJobSchema = z.object({
  runId: z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, "run ids are cuids"),
});
export type TrainingJob = z.infer<typeof trainingJobSchema>;

/**
 * The run id is the job id: enqueuing twice does not run twice. One retry covers a worker killed mid-run
 * (the run restarts from its first step; every step is idempotent); a run that failed on its own
 * merits is marked failed by the worker and not retried.
 */
export const trainingJobOptions = (runId: string) => ({
  jobId: `run-${runId}`,
  attempts: 2,
  backoff: { type: "fixed" as const, delay: 5000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 200 },
  removeOnFail: { age: 30 * 24 * 3600 },
});

/** The read-markings job: one MarkingsReading row (its photo, case and status are read from the database). */
export const readMarkingsJobSchema = z.object({
  readingId: z.string().min(1).max(64).regex(/^[a-z0-9]+$/i, "reading ids are cuids"),
});
export type ReadMarkingsJob = z.infer<typeof readMarkingsJobSchema>;

/** The reading id is the job id: enqueuing twice (upload, then the sweeper) does not read twice. */
export const readMarkingsJobOptions = (readingId: string) => ({
  jobId: `markings-${readingId}`,
  attempts: 3,
  backoff: { type: "exponential" as const, delay: 1000, jitter: 0.3 },
  removeOnComplete: { age: 24 * 3600, count: 1000 },
  removeOnFail: { age: 7 * 24 * 3600 },
});
