import { Prisma } from "@basegun/db";
import { z } from "zod";

/** Filters shared by the queue listing and "claim the next one". */
export const queueFiltersSchema = z
  .object({
    typology: z.string().max(64).optional(),
    tier: z.enum(["low", "medium", "high"]).optional(),
    reason: z.enum(["low_confidence", "category_needs_answer", "officer_request", "quality_sample", "officer_identified"]).optional(),
    unit: z.string().max(120).optional(),
    /** waiting at least this long */
    minAgeMinutes: z.number().int().min(0).max(525_600).optional(),
    /** waiting at most this long */
    maxAgeMinutes: z.number().int().min(0).max(525_600).optional(),
  })
  .strict();
export type QueueFilters = z.infer<typeof queueFiltersSchema>;

const minutesAgo = (minutes: number, now: Date) => new Date(now.getTime() - minutes * 60_000);

/** The same filters as SQL, for the raw claim query (column names of "Review" aliased r). */
export function filtersSql(filters: QueueFilters, now: Date): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.typology) parts.push(Prisma.sql`r."topTypology" = ${filters.typology}`);
  if (filters.tier) parts.push(Prisma.sql`r."tier" = CAST(${filters.tier} AS "ConfidenceTier")`);
  if (filters.reason) parts.push(Prisma.sql`r."reason" = CAST(${filters.reason} AS "ReviewReason")`);
  if (filters.unit) parts.push(Prisma.sql`r."unit" = ${filters.unit}`);
  if (filters.minAgeMinutes !== undefined) parts.push(Prisma.sql`r."createdAt" <= ${minutesAgo(filters.minAgeMinutes, now)}`);
  if (filters.maxAgeMinutes !== undefined) parts.push(Prisma.sql`r."createdAt" >= ${minutesAgo(filters.maxAgeMinutes, now)}`);
  return parts.length ? Prisma.sql`AND ${Prisma.join(parts, " AND ")}` : Prisma.empty;
}

/** The same filters for Prisma's query builder (listing and counts). */
export function filtersWhere(filters: QueueFilters, now: Date): Prisma.ReviewWhereInput {
  return {
    ...(filters.typology ? { topTypology: filters.typology } : {}),
    ...(filters.tier ? { tier: filters.tier } : {}),
    ...(filters.reason ? { reason: filters.reason } : {}),
    ...(filters.unit ? { unit: filters.unit } : {}),
    ...(filters.minAgeMinutes !== undefined || filters.maxAgeMinutes !== undefined
      ? {
          createdAt: {
            ...(filters.minAgeMinutes !== undefined ? { lte: minutesAgo(filters.minAgeMinutes, now) } : {}),
            ...(filters.maxAgeMinutes !== undefined ? { gte: minutesAgo(filters.maxAgeMinutes, now) } : {}),
          },
        }
      : {}),
  };
}

/** Waiting for an expert: open, or claimed by someone whose lock has run out. */
export const waitingWhere = (now: Date): Prisma.ReviewWhereInput => ({
  OR: [{ status: "open" }, { status: "claimed", claimedUntil: { lt: now } }],
});
