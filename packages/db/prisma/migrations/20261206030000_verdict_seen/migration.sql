-- The officer learns of new expert verdicts: when the owner last opened the case after a verdict.
ALTER TABLE "Case" ADD COLUMN "verdictSeenAt" TIMESTAMP(3);
