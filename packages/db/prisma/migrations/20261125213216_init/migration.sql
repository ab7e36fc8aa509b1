-- CreateEnum
CREATE TYPE "Role" AS ENUM ('officer', 'expert', 'admin');

-- CreateEnum
CREATE TYPE "CaseStatus" AS ENUM ('pending', 'processing', 'done', 'failed');

-- CreateEnum
CREATE TYPE "CaseUrgency" AS ENUM ('normal', 'urgent');

-- CreateEnum
CREATE TYPE "CaseSource" AS ENUM ('web', 'api');

-- CreateEnum
CREATE TYPE "PhotoKind" AS ENUM ('overview', 'left', 'right', 'markings', 'magazine');

-- CreateEnum
CREATE TYPE "ConfidenceTier" AS ENUM ('low', 'medium', 'high');

-- CreateEnum
CREATE TYPE "PredictionStatus" AS ENUM ('identified', 'not_determined', 'no_firearm');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'officer',
    "unit" TEXT,
    "passwordHash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastLoginAt" TIMESTAMP(3),

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiKey" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiKey_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Case" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "unit" TEXT,
    "source" "CaseSource" NOT NULL DEFAULT 'web',
    "status" "CaseStatus" NOT NULL DEFAULT 'pending',
    "urgency" "CaseUrgency" NOT NULL DEFAULT 'normal',
    "procedureNumber" TEXT,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "failureReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Case_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Photo" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "kind" "PhotoKind" NOT NULL DEFAULT 'overview',
    "position" INTEGER NOT NULL,
    "originalKey" TEXT NOT NULL,
    "originalSha256" TEXT NOT NULL,
    "originalBytes" INTEGER NOT NULL,
    "originalMime" TEXT NOT NULL,
    "derivativeKey" TEXT NOT NULL,
    "derivativeSha256" TEXT NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Photo_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelVersion" (
    "id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "artifactPath" TEXT NOT NULL,
    "artifactSha256" TEXT NOT NULL,
    "manifest" JSONB NOT NULL,
    "metrics" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "ModelVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelAlias" (
    "name" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ModelAlias_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "ModelAliasEvent" (
    "id" TEXT NOT NULL,
    "alias" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "previousVersionId" TEXT,
    "actorId" TEXT,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelAliasEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Prediction" (
    "id" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "rulesVersion" TEXT NOT NULL,
    "status" "PredictionStatus" NOT NULL,
    "rawProbabilities" JSONB NOT NULL,
    "probabilities" JSONB NOT NULL,
    "familyProbabilities" JSONB NOT NULL,
    "topTypology" TEXT NOT NULL,
    "typology" TEXT,
    "family" TEXT,
    "confidence" DOUBLE PRECISION NOT NULL,
    "tier" "ConfidenceTier" NOT NULL,
    "noFirearmScore" DOUBLE PRECISION NOT NULL,
    "category" JSONB,
    "executionProvider" TEXT NOT NULL,
    "latencyMs" INTEGER NOT NULL,
    "timings" JSONB NOT NULL,
    "shadow" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Prediction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "actorRole" TEXT,
    "action" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceId" TEXT,
    "data" JSONB,
    "ip" TEXT,
    "userAgent" TEXT,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApiKey_hash_key" ON "ApiKey"("hash");

-- CreateIndex
CREATE INDEX "ApiKey_userId_idx" ON "ApiKey"("userId");

-- CreateIndex
CREATE INDEX "Case_ownerId_createdAt_idx" ON "Case"("ownerId", "createdAt");

-- CreateIndex
CREATE INDEX "Case_unit_createdAt_idx" ON "Case"("unit", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_idx" ON "Case"("status");

-- CreateIndex
CREATE INDEX "Photo_originalSha256_idx" ON "Photo"("originalSha256");

-- CreateIndex
CREATE UNIQUE INDEX "Photo_caseId_position_key" ON "Photo"("caseId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "ModelVersion_version_key" ON "ModelVersion"("version");

-- CreateIndex
CREATE INDEX "ModelAliasEvent_alias_createdAt_idx" ON "ModelAliasEvent"("alias", "createdAt");

-- CreateIndex
CREATE INDEX "Prediction_modelVersionId_createdAt_idx" ON "Prediction"("modelVersionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Prediction_caseId_modelVersionId_key" ON "Prediction"("caseId", "modelVersionId");

-- CreateIndex
CREATE INDEX "AuditLog_resourceType_resourceId_idx" ON "AuditLog"("resourceType", "resourceId");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- AddForeignKey
ALTER TABLE "ApiKey" ADD CONSTRAINT "ApiKey_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Case" ADD CONSTRAINT "Case_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Photo" ADD CONSTRAINT "Photo_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAlias" ADD CONSTRAINT "ModelAlias_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAliasEvent" ADD CONSTRAINT "ModelAliasEvent_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Prediction" ADD CONSTRAINT "Prediction_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditLog" ADD CONSTRAINT "AuditLog_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- The audit log is append-only: the database itself refuses to change or delete a row.
-- The migration runner splits statements on every semicolon, even inside quotes: the body's
-- semicolons are written as the escape \073.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''AuditLog is append-only (% refused)'', TG_OP\073 END\073';

CREATE TRIGGER audit_log_no_update_or_delete
  BEFORE UPDATE OR DELETE ON "AuditLog"
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
