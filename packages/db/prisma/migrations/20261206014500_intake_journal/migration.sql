-- Photo files written before their rows commit are listed here first: a process killed in between
-- leaves a journal entry, from which the storage reconciliation removes the files (no orphan).
CREATE TABLE "IntakeJournal" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "files" JSONB NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "IntakeJournal_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "IntakeJournal_startedAt_idx" ON "IntakeJournal"("startedAt");
