import { dateFromJson, poolOf, type Db, type Prisma } from "@basegun/db";

/**
 * What a case's view is built from: the case, its photos in order, its latest production prediction
 * (with the model's version), its ten latest reviews (with the reviewed prediction's top typology) and
 * its five latest markings readings (OCR of the markings photos).
 */
export const caseViewInclude = {
  photos: { orderBy: { position: "asc" as const } },
  predictions: { where: { shadow: false }, orderBy: { createdAt: "desc" as const }, take: 1, include: { modelVersion: { select: { version: true } } } },
  reviews: { orderBy: { createdAt: "desc" as const }, take: 10, include: { prediction: { select: { topTypology: true } } } },
  markingsReadings: { orderBy: [{ createdAt: "desc" as const }, { id: "desc" as const }], take: 5 },
};

export type CaseRow = Prisma.CaseGetPayload<{ include: typeof caseViewInclude }>;

type Jsonified<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

/**
 * The same row as `db.case.findUnique({ include: caseViewInclude })`, in one plain-SQL statement: every
 * result page and every finished status request reads it, and the ORM's version took about four times
 * the CPU (see @basegun/db's sql.ts). A test compares both on the same cases.
 */
export async function loadCaseRow(db: Db, caseId: string): Promise<CaseRow | null> {
  type Photo = CaseRow["photos"][number];
  type Prediction = CaseRow["predictions"][number];
  type Review = CaseRow["reviews"][number];
  type Reading = CaseRow["markingsReadings"][number];
  const { rows } = await poolOf(db).query<
    Omit<CaseRow, "photos" | "predictions" | "reviews" | "markingsReadings"> & {
      photos: Jsonified<Photo>[];
      predictions: Jsonified<Prediction>[];
      reviews: Jsonified<Review>[];
      markingsReadings: Jsonified<Reading>[];
    }
  >(
    `SELECT c.*,
       coalesce((SELECT json_agg(p ORDER BY p."position") FROM "Photo" p WHERE p."caseId" = c."id"), '[]'::json) AS "photos",
       coalesce((SELECT json_agg(x) FROM (
         SELECT pr.*, json_build_object('version', mv."version") AS "modelVersion"
         FROM "Prediction" pr JOIN "ModelVersion" mv ON mv."id" = pr."modelVersionId"
         WHERE pr."caseId" = c."id" AND NOT pr."shadow" ORDER BY pr."createdAt" DESC LIMIT 1) x), '[]'::json) AS "predictions",
       coalesce((SELECT json_agg(y ORDER BY y."createdAt" DESC) FROM (
         SELECT r.*, CASE WHEN rp."id" IS NULL THEN NULL ELSE json_build_object('topTypology', rp."topTypology") END AS "prediction"
         FROM "Review" r LEFT JOIN "Prediction" rp ON rp."id" = r."predictionId"
         WHERE r."caseId" = c."id" ORDER BY r."createdAt" DESC LIMIT 10) y), '[]'::json) AS "reviews",
       coalesce((SELECT json_agg(z ORDER BY z."createdAt" DESC, z."id" DESC) FROM (
         SELECT m.* FROM "MarkingsReading" m WHERE m."caseId" = c."id" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 5) z), '[]'::json) AS "markingsReadings"
     FROM "Case" c WHERE c."id" = $1`,
    [caseId],
  );
  const row = rows[0];
  if (!row) return null;
  return {
    ...row,
    photos: row.photos.map((photo) => ({ ...photo, createdAt: dateFromJson(photo.createdAt) })),
    predictions: row.predictions.map((prediction) => ({ ...prediction, createdAt: dateFromJson(prediction.createdAt) })),
    reviews: row.reviews.map((review) => ({
      ...review,
      claimedAt: dateFromJson(review.claimedAt),
      claimedUntil: dateFromJson(review.claimedUntil),
      officerAnsweredAt: dateFromJson(review.officerAnsweredAt),
      decidedAt: dateFromJson(review.decidedAt),
      createdAt: dateFromJson(review.createdAt),
      updatedAt: dateFromJson(review.updatedAt),
    })),
    markingsReadings: row.markingsReadings.map((reading) => ({
      ...reading,
      createdAt: dateFromJson(reading.createdAt),
      completedAt: dateFromJson(reading.completedAt),
    })),
  };
}
