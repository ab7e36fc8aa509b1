import type { Actor } from "@basegun/auth";
import { Prisma } from "@basegun/db";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";

export interface AgreementRow {
  key: string;
  decided: number;
  agreed: number;
  /** agreed / decided, null without decisions */
  rate: number | null;
}

export interface ReviewMeasures {
  since: Date;
  until: Date;
  queueDepth: Array<{ at: Date; depth: number }>;
  decided: number;
  medianSecondsToDecision: number | null;
  decisionsPerExpert: Array<{ expertId: string; name: string; confirm: number; correct: number; unusable: number; total: number }>;
  /** model versus expert, over confirm and correct decisions that had a prediction */
  agreementByTier: AgreementRow[];
  agreementByTypology: AgreementRow[];
  /**
   * officer versus expert, per typology the officer gave (cards or visual key): decisions taken after
   * the officer's choice whose label (confirm or correct) agrees with it
   */
  officerAgreementByTypology: AgreementRow[];
  /** blind double reviews with both halves decided: did the two experts give the same typology? */
  doubleReview: { pairs: number; agreed: number; rate: number | null };
}

const rate = (agreed: number, total: number) => (total > 0 ? agreed / total : null);
const int = (value: bigint | number | null) => Number(value ?? 0);

// The expert's label: the typology decided (a correction's, or the candidate a confirmation named); older
// confirmations took the officer's typology on a review opened for it, the model's top-1 otherwise.
const LABEL = Prisma.sql`CASE WHEN r."decision" = 'confirm' THEN coalesce(r."correctedTypology",
  CASE WHEN r."reason" = 'officer_identified' THEN r."officerTypology" END, p."topTypology") ELSE r."correctedTypology" END`;

/** How the review loop performs over a window (default the last 30 days). */
export async function getReviewMeasures(
  deps: ServiceDeps,
  actor: Actor,
  options: { days?: number; bucket?: "hour" | "day" } = {},
): Promise<ReviewMeasures> {
  requireScope(actor, "review:measures");
  const days = Math.min(Math.max(options.days ?? 30, 1), 365);
  const bucket = options.bucket ?? (days <= 2 ? "hour" : "day");
  const until = new Date();
  const since = new Date(until.getTime() - days * 86_400_000);
  const step = bucket === "hour" ? Prisma.sql`interval '1 hour'` : Prisma.sql`interval '1 day'`;
  const db = deps.db;

  const [depth, timing, perExpert, byTier, byTypology, pairs, byOfficerTypology] = await Promise.all([
    db.$queryRaw<Array<{ at: Date; depth: bigint }>>`
      SELECT t AS "at", (SELECT count(*) FROM "Review" r
        WHERE r."createdAt" <= t AND (r."decidedAt" IS NULL OR r."decidedAt" > t)) AS "depth"
      FROM generate_series(date_trunc(${bucket}, ${since}::timestamp) + ${step}, ${until}::timestamp + ${step}, ${step}) AS t
      ORDER BY t`,
    db.$queryRaw<Array<{ decided: bigint; median: number | null }>>`
      SELECT count(*) AS "decided",
        percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r."decidedAt" - r."createdAt")) AS "median"
      FROM "Review" r WHERE r."status" = 'decided' AND r."decidedAt" >= ${since}`,
    db.$queryRaw<Array<{ expertId: string; name: string; confirm: bigint; correct: bigint; unusable: bigint; total: bigint }>>`
      SELECT u."id" AS "expertId", u."name",
        count(*) FILTER (WHERE r."decision" = 'confirm') AS "confirm",
        count(*) FILTER (WHERE r."decision" = 'correct') AS "correct",
        count(*) FILTER (WHERE r."decision" = 'unusable') AS "unusable",
        count(*) AS "total"
      FROM "Review" r JOIN "User" u ON u."id" = r."decidedById"
      WHERE r."status" = 'decided' AND r."decidedAt" >= ${since}
      GROUP BY u."id", u."name" ORDER BY "total" DESC, u."name"`,
    agreementBy(db, Prisma.sql`r."tier"::text`, since),
    agreementBy(db, Prisma.sql`p."topTypology"`, since),
    db.$queryRaw<Array<{ pairs: bigint; agreed: bigint }>>`
      SELECT count(*) AS "pairs",
        count(*) FILTER (WHERE a."label" IS NOT DISTINCT FROM b."label" AND a."decision" <> 'unusable') AS "agreed"
      FROM (SELECT r."blindGroup", r."slot", r."decision", ${LABEL} AS "label"
              FROM "Review" r LEFT JOIN "Prediction" p ON p."id" = r."predictionId"
              WHERE r."status" = 'decided' AND r."blindGroup" IS NOT NULL AND r."decidedAt" >= ${since}) a
      JOIN (SELECT r."blindGroup", r."slot", r."decision", ${LABEL} AS "label"
              FROM "Review" r LEFT JOIN "Prediction" p ON p."id" = r."predictionId"
              WHERE r."status" = 'decided' AND r."blindGroup" IS NOT NULL) b
        ON a."blindGroup" = b."blindGroup" AND a."slot" = 1 AND b."slot" = 2`,
    db.$queryRaw<Array<{ key: string; decided: bigint; agreed: bigint }>>`
      SELECT r."officerTypology" AS "key", count(*) AS "decided", count(*) FILTER (WHERE r."officerAgrees") AS "agreed"
      FROM "Review" r
      WHERE r."status" = 'decided' AND r."officerAgrees" IS NOT NULL AND r."decidedAt" >= ${since}
      GROUP BY 1 ORDER BY 1`,
  ]);

  const pair = pairs[0];
  return {
    since,
    until,
    queueDepth: depth.map((row) => ({ at: row.at, depth: int(row.depth) })),
    decided: int(timing[0]?.decided ?? 0),
    medianSecondsToDecision: timing[0]?.median ?? null,
    decisionsPerExpert: perExpert.map((row) => ({
      expertId: row.expertId,
      name: row.name,
      confirm: int(row.confirm),
      correct: int(row.correct),
      unusable: int(row.unusable),
      total: int(row.total),
    })),
    agreementByTier: byTier,
    agreementByTypology: byTypology,
    officerAgreementByTypology: byOfficerTypology.map((row) => ({ key: row.key, decided: int(row.decided), agreed: int(row.agreed), rate: rate(int(row.agreed), int(row.decided)) })),
    doubleReview: { pairs: int(pair?.pairs ?? 0), agreed: int(pair?.agreed ?? 0), rate: rate(int(pair?.agreed ?? 0), int(pair?.pairs ?? 0)) },
  };
}

async function agreementBy(db: ServiceDeps["db"], key: Prisma.Sql, since: Date): Promise<AgreementRow[]> {
  const rows = await db.$queryRaw<Array<{ key: string | null; decided: bigint; agreed: bigint }>>`
    SELECT ${key} AS "key", count(*) AS "decided", count(*) FILTER (WHERE ${LABEL} = p."topTypology") AS "agreed"
    FROM "Review" r JOIN "Prediction" p ON p."id" = r."predictionId"
    WHERE r."status" = 'decided' AND r."decision" IN ('confirm', 'correct') AND r."decidedAt" >= ${since}
    GROUP BY 1 ORDER BY 1`;
  return rows.map((row) => ({ key: row.key ?? "none", decided: int(row.decided), agreed: int(row.agreed), rate: rate(int(row.agreed), int(row.decided)) }));
}
