-- Guided identification: the officer's own choice of weapon (cards or visual key), routed to an
-- expert with its own reason. Once an expert confirms it, its labels carry their own source.
ALTER TYPE "ReviewReason" ADD VALUE 'officer_identified';
ALTER TYPE "DatasetItemSource" ADD VALUE 'officer_confirmed';

CREATE TYPE "OfficerChoiceSource" AS ENUM ('officer');

ALTER TABLE "Case" ADD COLUMN "officerTypology" TEXT,
  ADD COLUMN "officerFamily" TEXT,
  ADD COLUMN "officerKeyAnswers" JSONB,
  ADD COLUMN "officerChoiceSource" "OfficerChoiceSource",
  ADD COLUMN "officerChoiceAt" TIMESTAMP(3),
  ADD COLUMN "officerChoiceById" TEXT;

ALTER TABLE "Case" ADD CONSTRAINT "Case_officerChoiceById_fkey" FOREIGN KEY ("officerChoiceById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "Review" ADD COLUMN "officerTypology" TEXT,
  ADD COLUMN "officerAgrees" BOOLEAN;
