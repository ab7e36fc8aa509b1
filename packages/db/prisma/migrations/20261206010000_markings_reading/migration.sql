-- The OCR reading of a close-up photo of the markings (read-markings job), matched against the reference
-- alarm guns and the reference catalogue.
CREATE TYPE "MarkingsReadingStatus" AS ENUM ('pending', 'done', 'failed');
CREATE TYPE "MarkingsMatchKind" AS ENUM ('alarm', 'catalogue', 'none');

CREATE TABLE "MarkingsReading" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,
    "status" "MarkingsReadingStatus" NOT NULL DEFAULT 'pending',
    "text" TEXT,
    "ocrConfidence" DOUBLE PRECISION,
    "matchKind" "MarkingsMatchKind",
    "matchedId" TEXT,
    "matchedLabel" TEXT,
    "typology" TEXT,
    "calibres" TEXT,
    "score" DOUBLE PRECISION,
    "latencyMs" INTEGER,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "failureReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "MarkingsReading_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "MarkingsReading_photoId_key" ON "MarkingsReading"("photoId");
CREATE INDEX "MarkingsReading_caseId_createdAt_idx" ON "MarkingsReading"("caseId", "createdAt");
CREATE INDEX "MarkingsReading_status_createdAt_idx" ON "MarkingsReading"("status", "createdAt");

ALTER TABLE "MarkingsReading" ADD CONSTRAINT "MarkingsReading_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "MarkingsReading" ADD CONSTRAINT "MarkingsReading_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE CASCADE ON UPDATE CASCADE;
