import type { Db, Prisma } from "@basegun/db";

/** Thrown between steps when the admin cancelled the run. */
export class RunCancelledError extends Error {
  constructor() {
    super("cancelled by an administrator");
  }
}

/**
 * A run's voice: log lines appended to TrainingRun.logs (and the worker's log), progress 0..1 with the
 * current step, and the cancel flag checked between steps. Progress writes are throttled; a step change
 * is always written.
 */
export class RunContext {
  private lastProgressWrite = 0;

  constructor(
    readonly db: Db,
    readonly runId: string,
    private readonly echo: (line: string) => void = () => {},
  ) {}

  async log(line: string): Promise<void> {
    // a full UTC instant: the console shows it in the reader's time zone, like every other time on its screens
    const stamped = `${new Date().toISOString()} ${line}\n`;
    this.echo(line);
    await this.db.$executeRaw`UPDATE "TrainingRun" SET "logs" = "logs" || ${stamped} WHERE "id" = ${this.runId}`;
  }

  /** Synchronous logger for library code (ml's log callbacks): writes are queued in order. */
  private pending: Promise<void> = Promise.resolve();
  readonly logSync = (line: string) => {
    this.pending = this.pending.then(() => this.log(line)).catch(() => {});
  };
  flush = () => this.pending;

  async step(step: string, progress: number): Promise<void> {
    await this.checkCancelled();
    await this.db.trainingRun.update({ where: { id: this.runId }, data: { step, progress } });
    this.lastProgressWrite = Date.now();
    await this.log(`— ${step}`);
  }

  async progress(progress: number): Promise<void> {
    if (Date.now() - this.lastProgressWrite < 500) return;
    this.lastProgressWrite = Date.now();
    await this.db.trainingRun.update({ where: { id: this.runId }, data: { progress: Math.min(1, Math.max(0, progress)) } });
  }

  async checkCancelled(): Promise<void> {
    const run = await this.db.trainingRun.findUnique({ where: { id: this.runId }, select: { cancelRequestedAt: true } });
    if (run?.cancelRequestedAt) throw new RunCancelledError();
  }

  async finish(status: "succeeded" | "failed" | "cancelled", data: { error?: string; summary?: object; modelVersionId?: string } = {}): Promise<void> {
    await this.flush();
    await this.db.trainingRun.update({
      where: { id: this.runId },
      data: {
        status,
        finishedAt: new Date(),
        ...(status === "succeeded" ? { progress: 1, step: "done" } : { step: status }),
        ...(data.error ? { error: data.error.slice(0, 2000) } : {}),
        ...(data.summary ? { summary: data.summary as Prisma.InputJsonValue } : {}),
        ...(data.modelVersionId ? { modelVersionId: data.modelVersionId } : {}),
      },
    });
  }
}
