-- CreateEnum
CREATE TYPE "ReviewReason" AS ENUM ('low_confidence', 'category_needs_answer', 'officer_request', 'quality_sample');

-- CreateEnum
CREATE TYPE "ReviewStatus" AS ENUM ('open', 'claimed', 'decided');

-- CreateEnum
CREATE TYPE "ReviewDecision" AS ENUM ('confirm', 'correct', 'unusable');

-- CreateEnum
CREATE TYPE "DatasetItemSource" AS ENUM ('expert_review', 'import', 'officer_feedback');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "answersIncomplete" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "expertRequest" JSONB;

-- CreateTable
CREATE TABLE "Review" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "predictionId" TEXT,
    "reason" "ReviewReason" NOT NULL,
    "status" "ReviewStatus" NOT NULL DEFAULT 'open',
    "priority" INTEGER NOT NULL DEFAULT 0,
    "urgent" BOOLEAN NOT NULL DEFAULT false,
    "unit" TEXT,
    "tier" "ConfidenceTier",
    "topTypology" TEXT,
    "confidence" DOUBLE PRECISION,
    "policyVersion" INTEGER,
    "blindGroup" TEXT,
    "slot" INTEGER NOT NULL DEFAULT 1,
    "activeKey" TEXT,
    "claimedById" TEXT,
    "claimedAt" TIMESTAMP(3),
    "claimedUntil" TIMESTAMP(3),
    "decision" "ReviewDecision",
    "correctedTypology" TEXT,
    "correctedLetters" TEXT[],
    "correctedConditions" TEXT[],
    "make" TEXT,
    "model" TEXT,
    "calibre" TEXT,
    "notes" TEXT,
    "messageToOfficer" TEXT,
    "officerAnsweredAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "version" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Review_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetItem" (
    "id" TEXT NOT NULL,
    "photoId" TEXT NOT NULL,
    "typology" TEXT,
    "categoryLetters" TEXT[],
    "usable" BOOLEAN NOT NULL DEFAULT true,
    "source" "DatasetItemSource" NOT NULL,
    "labellerId" TEXT,
    "reviewId" TEXT,
    "predictionId" TEXT,
    "modelVersionId" TEXT,
    "agreesWithModel" BOOLEAN,
    "reviewReason" "ReviewReason",
    "splitKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingPolicy" (
    "id" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "reviewTiers" "ConfidenceTier"[] DEFAULT ARRAY['low']::"ConfidenceTier"[],
    "sampleTiers" "ConfidenceTier"[] DEFAULT ARRAY['high']::"ConfidenceTier"[],
    "qualitySampleRate" DOUBLE PRECISION NOT NULL DEFAULT 0.05,
    "doubleReviewRate" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "claimTtlSeconds" INTEGER NOT NULL DEFAULT 600,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RoutingPolicy_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Review_activeKey_key" ON "Review"("activeKey");

-- CreateIndex
CREATE INDEX "Review_status_priority_createdAt_idx" ON "Review"("status", "priority", "createdAt");

-- CreateIndex
CREATE INDEX "Review_caseId_createdAt_idx" ON "Review"("caseId", "createdAt");

-- CreateIndex
CREATE INDEX "Review_decidedById_decidedAt_idx" ON "Review"("decidedById", "decidedAt");

-- CreateIndex
CREATE INDEX "Review_blindGroup_idx" ON "Review"("blindGroup");

-- CreateIndex
CREATE INDEX "DatasetItem_photoId_idx" ON "DatasetItem"("photoId");

-- CreateIndex
CREATE INDEX "DatasetItem_source_createdAt_idx" ON "DatasetItem"("source", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetItem_splitKey_idx" ON "DatasetItem"("splitKey");

-- CreateIndex
CREATE UNIQUE INDEX "RoutingPolicy_version_key" ON "RoutingPolicy"("version");

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_claimedById_fkey" FOREIGN KEY ("claimedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Review" ADD CONSTRAINT "Review_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_photoId_fkey" FOREIGN KEY ("photoId") REFERENCES "Photo"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_labellerId_fkey" FOREIGN KEY ("labellerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_predictionId_fkey" FOREIGN KEY ("predictionId") REFERENCES "Prediction"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RoutingPolicy" ADD CONSTRAINT "RoutingPolicy_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
