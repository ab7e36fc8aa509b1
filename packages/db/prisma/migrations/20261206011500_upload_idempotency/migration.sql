-- Upload idempotency: a photo batch sent again with the same Idempotency-Key (a retry after a cut
-- connection, the phone's offline queue) finds the case the first send created. One key per owner:
-- the unique index is what makes two concurrent sends with one key create a single case.
ALTER TABLE "Case" ADD COLUMN "idempotencyKey" TEXT,
ADD COLUMN "idempotencyHash" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Case_ownerId_idempotencyKey_key" ON "Case"("ownerId", "idempotencyKey");
