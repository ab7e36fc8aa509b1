-- The expert's category comes from the rules: the answers the expert gave (the officer's, completed),
-- the letters the rules gave, and an override with its explanation when the expert departs from them.
ALTER TABLE "Review" ADD COLUMN "expertAnswers" JSONB;
ALTER TABLE "Review" ADD COLUMN "rulesLetters" TEXT[] DEFAULT ARRAY[]::TEXT[];
ALTER TABLE "Review" ADD COLUMN "rulesVersion" TEXT;
ALTER TABLE "Review" ADD COLUMN "categoryOverride" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Review" ADD COLUMN "overrideExplanation" TEXT;
