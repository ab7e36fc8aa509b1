-- Adding photos to a case (after an expert asked for another photo) makes a new photo revision:
-- the worker stores one prediction per (case, model version, photo revision).
ALTER TABLE "Case" ADD COLUMN "photoRevision" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Prediction" ADD COLUMN "photoRevision" INTEGER NOT NULL DEFAULT 0;

DROP INDEX "Prediction_caseId_modelVersionId_key";
CREATE UNIQUE INDEX "Prediction_caseId_modelVersionId_photoRevision_key" ON "Prediction"("caseId", "modelVersionId", "photoRevision");
