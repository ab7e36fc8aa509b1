-- Model lifecycle: frozen dataset versions, imports, training runs, evaluations, model sources and
-- statuses, alias actions (a cleared shadow alias has no version).
-- CreateEnum
CREATE TYPE "ModelSource" AS ENUM ('shipped', 'trained', 'uploaded');

-- CreateEnum
CREATE TYPE "ModelVersionStatus" AS ENUM ('candidate', 'registered');

-- CreateEnum
CREATE TYPE "ModelAliasAction" AS ENUM ('set', 'promote', 'rollback', 'clear');

-- CreateEnum
CREATE TYPE "DatasetSplit" AS ENUM ('train', 'validation', 'test');

-- CreateEnum
CREATE TYPE "TrainingRunKind" AS ENUM ('train', 'evaluate', 'upload');

-- CreateEnum
CREATE TYPE "TrainingRunStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- DropForeignKey
ALTER TABLE "ModelAliasEvent" DROP CONSTRAINT "ModelAliasEvent_modelVersionId_fkey";

-- AlterTable
ALTER TABLE "ModelVersion" ADD COLUMN     "datasetVersionId" TEXT,
ADD COLUMN     "source" "ModelSource" NOT NULL DEFAULT 'shipped',
ADD COLUMN     "status" "ModelVersionStatus" NOT NULL DEFAULT 'registered';

-- AlterTable
ALTER TABLE "ModelAliasEvent" ADD COLUMN     "action" "ModelAliasAction" NOT NULL DEFAULT 'set',
ALTER COLUMN "modelVersionId" DROP NOT NULL;

-- AlterTable
ALTER TABLE "DatasetItem" ADD COLUMN     "imageKey" TEXT,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "labelSet" TEXT[],
ADD COLUMN     "noFirearm" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "origin" TEXT,
ADD COLUMN     "sha256" TEXT,
ADD COLUMN     "sourceLabel" TEXT,
ALTER COLUMN "photoId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "DatasetVersion" (
    "id" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "note" TEXT,
    "splitRule" TEXT NOT NULL,
    "itemCount" INTEGER NOT NULL,
    "counts" JSONB NOT NULL,
    "contentSha256" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DatasetVersionItem" (
    "datasetVersionId" TEXT NOT NULL,
    "datasetItemId" TEXT NOT NULL,
    "typology" TEXT,
    "labelSet" TEXT[],
    "noFirearm" BOOLEAN NOT NULL DEFAULT false,
    "split" "DatasetSplit" NOT NULL,
    "source" "DatasetItemSource" NOT NULL,
    "sourceLabel" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "imageKey" TEXT NOT NULL,

    CONSTRAINT "DatasetVersionItem_pkey" PRIMARY KEY ("datasetVersionId","datasetItemId")
);

-- CreateTable
CREATE TABLE "DatasetImport" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "folder" TEXT NOT NULL,
    "licence" TEXT,
    "attribution" TEXT,
    "itemCount" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DatasetImport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ModelEvaluation" (
    "id" TEXT NOT NULL,
    "modelVersionId" TEXT NOT NULL,
    "datasetVersionId" TEXT NOT NULL,
    "split" "DatasetSplit" NOT NULL DEFAULT 'test',
    "metrics" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelEvaluation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingRun" (
    "id" TEXT NOT NULL,
    "kind" "TrainingRunKind" NOT NULL DEFAULT 'train',
    "status" "TrainingRunStatus" NOT NULL DEFAULT 'queued',
    "datasetVersionId" TEXT,
    "modelVersionId" TEXT,
    "plannedVersion" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "step" TEXT,
    "logs" TEXT NOT NULL DEFAULT '',
    "summary" JSONB,
    "error" TEXT,
    "cancelRequestedAt" TIMESTAMP(3),
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "TrainingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "DatasetVersion_number_key" ON "DatasetVersion"("number");

-- CreateIndex
CREATE INDEX "DatasetVersionItem_datasetVersionId_split_idx" ON "DatasetVersionItem"("datasetVersionId", "split");

-- CreateIndex
CREATE UNIQUE INDEX "ModelEvaluation_modelVersionId_datasetVersionId_split_key" ON "ModelEvaluation"("modelVersionId", "datasetVersionId", "split");

-- CreateIndex
CREATE INDEX "TrainingRun_status_createdAt_idx" ON "TrainingRun"("status", "createdAt");

-- CreateIndex
CREATE INDEX "TrainingRun_kind_createdAt_idx" ON "TrainingRun"("kind", "createdAt");

-- CreateIndex
CREATE INDEX "DatasetItem_importId_idx" ON "DatasetItem"("importId");

-- CreateIndex
CREATE INDEX "DatasetItem_sha256_idx" ON "DatasetItem"("sha256");

-- AddForeignKey
ALTER TABLE "ModelVersion" ADD CONSTRAINT "ModelVersion_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAliasEvent" ADD CONSTRAINT "ModelAliasEvent_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetVersion" ADD CONSTRAINT "DatasetVersion_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetVersionItem" ADD CONSTRAINT "DatasetVersionItem_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetVersionItem" ADD CONSTRAINT "DatasetVersionItem_datasetItemId_fkey" FOREIGN KEY ("datasetItemId") REFERENCES "DatasetItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetImport" ADD CONSTRAINT "DatasetImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelEvaluation" ADD CONSTRAINT "ModelEvaluation_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelEvaluation" ADD CONSTRAINT "ModelEvaluation_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRun" ADD CONSTRAINT "TrainingRun_datasetVersionId_fkey" FOREIGN KEY ("datasetVersionId") REFERENCES "DatasetVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRun" ADD CONSTRAINT "TrainingRun_modelVersionId_fkey" FOREIGN KEY ("modelVersionId") REFERENCES "ModelVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TrainingRun" ADD CONSTRAINT "TrainingRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DatasetItem" ADD CONSTRAINT "DatasetItem_importId_fkey" FOREIGN KEY ("importId") REFERENCES "DatasetImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A frozen dataset version never changes: its items refuse UPDATE and DELETE (a whole version may only
-- go with its parent row, which nothing deletes). Body semicolons are written \073 (see the init migration).
CREATE FUNCTION dataset_version_item_is_frozen() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''DatasetVersionItem is frozen (% refused)'', TG_OP\073 END\073';

CREATE TRIGGER dataset_version_item_frozen
  BEFORE UPDATE OR DELETE ON "DatasetVersionItem"
  FOR EACH ROW EXECUTE FUNCTION dataset_version_item_is_frozen();

-- A model version is immutable: its name, artifact, hash and manifest never change once registered
-- (status and metrics may: a candidate becomes registered when promoted).
CREATE FUNCTION model_version_is_immutable() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN IF NEW."version" <> OLD."version" OR NEW."artifactPath" <> OLD."artifactPath" OR NEW."artifactSha256" <> OLD."artifactSha256" OR NEW."manifest" <> OLD."manifest" THEN RAISE EXCEPTION ''ModelVersion % is immutable'', OLD."version"\073 END IF\073 RETURN NEW\073 END\073';

CREATE TRIGGER model_version_immutable
  BEFORE UPDATE ON "ModelVersion"
  FOR EACH ROW EXECUTE FUNCTION model_version_is_immutable();
