import type { Actor } from "@basegun/auth";
import type { ServiceDeps } from "../../deps.ts";
import { requireScope } from "../access.ts";
import { photoUrl, type TypologyRef } from "../identification/view.ts";
import { typologyRef } from "./decision-view.ts";
import { filtersWhere, waitingWhere, type QueueFilters } from "./queue-filters.ts";
import { groupBySamePhotos, samePhotosKey, type SamePhotosGroup } from "./same-photos.ts";

export interface QueueItem {
  id: string;
  caseId: string;
  reason: "low_confidence" | "category_needs_answer" | "officer_request" | "quality_sample" | "officer_identified";
  /** "claimed" only while the lock is live; an expired claim shows as waiting */
  status: "waiting" | "claimed";
  priority: number;
  urgent: boolean;
  unit: string | null;
  tier: "low" | "medium" | "high" | null;
  typology: TypologyRef | null;
  confidence: number | null;
  createdAt: Date;
  waitingSeconds: number;
  claimedBy: { id: string; name: string } | null;
  claimedUntil: Date | null;
  heldByMe: boolean;
  blindDoubleReview: boolean;
  thumbnailUrl: string | null;
  version: number;
  /** other cases of this page made from the same files (original bytes): listed together, after the first */
  samePhotos: SamePhotosGroup | null;
}

export interface QueueView {
  items: QueueItem[];
  nextCursor: string | null;
  counts: {
    waiting: number;
    claimed: number;
    byReason: Record<QueueItem["reason"], number>;
    byTier: Record<"low" | "medium" | "high" | "none", number>;
  };
  oldestWaitingSince: Date | null;
  oldestWaitingSeconds: number | null;
}

export interface ListQueueOptions extends QueueFilters {
  /** "waiting" (default), "claimed", "mine" (my live claims) or "active" (waiting + claimed) */
  view?: "waiting" | "claimed" | "mine" | "active";
  cursor?: string;
  limit?: number;
}


/**
 * The review queue, in the order claimNext serves it (urgent first, then uncertainty, then age), except
 * that cases made from the same photo files follow the first of them on the page, marked as a group.
 */
export async function listQueue(deps: ServiceDeps, actor: Actor, options: ListQueueOptions = {}): Promise<QueueView> {
  requireScope(actor, "review:read");
  const { view = "waiting", cursor, limit: requested, ...filters } = options;
  const limit = Math.min(Math.max(requested ?? 50, 1), 200);
  const now = new Date();
  const filtered = filtersWhere(filters, now);
  const liveClaim = { status: "claimed" as const, claimedUntil: { gte: now } };
  const waiting = { AND: [filtered, waitingWhere(now)] };
  const claimed = { AND: [filtered, liveClaim] };
  const where =
    view === "waiting" ? waiting
    : view === "claimed" ? claimed
    : view === "mine" ? { AND: [filtered, liveClaim, { claimedById: actor.userId }] }
    : { AND: [filtered, { OR: [waitingWhere(now), liveClaim] }] };

  const [rows, waitingCount, claimedCount, byReason, byTier, oldest] = await Promise.all([
    deps.db.review.findMany({
      where,
      orderBy: [{ priority: "desc" }, { createdAt: "asc" }, { id: "asc" }],
      take: limit + 1,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      include: {
        claimedBy: { select: { id: true, name: true } },
        case: { select: { photos: { orderBy: { position: "asc" }, select: { id: true, originalSha256: true } } } },
      },
    }),
    deps.db.review.count({ where: waiting }),
    deps.db.review.count({ where: claimed }),
    deps.db.review.groupBy({ by: ["reason"], where: waiting, _count: { _all: true } }),
    deps.db.review.groupBy({ by: ["tier"], where: waiting, _count: { _all: true } }),
    deps.db.review.findFirst({ where: waiting, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);

  const page = rows.slice(0, limit);
  const reasonCounts: QueueView["counts"]["byReason"] = { low_confidence: 0, category_needs_answer: 0, officer_request: 0, quality_sample: 0, officer_identified: 0 };
  for (const group of byReason) reasonCounts[group.reason] = group._count._all;
  const tierCounts: QueueView["counts"]["byTier"] = { low: 0, medium: 0, high: 0, none: 0 };
  for (const group of byTier) tierCounts[group.tier ?? "none"] = group._count._all;

  return {
    items: groupBySamePhotos(page, (row) => samePhotosKey(row.case.photos.map((photo) => photo.originalSha256))).map(({ item: row, group }) => {
      const live = row.status === "claimed" && (row.claimedUntil?.getTime() ?? 0) >= now.getTime();
      const firstPhoto = row.case.photos[0];
      return {
        id: row.id,
        caseId: row.caseId,
        reason: row.reason,
        status: live ? "claimed" : "waiting",
        priority: row.priority,
        urgent: row.urgent,
        unit: row.unit,
        tier: row.tier,
        typology: typologyRef(row.topTypology),
        confidence: row.confidence,
        createdAt: row.createdAt,
        waitingSeconds: Math.max(0, Math.round((now.getTime() - row.createdAt.getTime()) / 1000)),
        claimedBy: live ? row.claimedBy : null,
        claimedUntil: live ? row.claimedUntil : null,
        heldByMe: live && row.claimedById === actor.userId,
        blindDoubleReview: row.blindGroup !== null,
        thumbnailUrl: firstPhoto ? photoUrl(firstPhoto.id) : null,
        version: row.version,
        samePhotos: group,
      };
    }),
    nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
    counts: { waiting: waitingCount, claimed: claimedCount, byReason: reasonCounts, byTier: tierCounts },
    oldestWaitingSince: oldest?.createdAt ?? null,
    oldestWaitingSeconds: oldest ? Math.max(0, Math.round((now.getTime() - oldest.createdAt.getTime()) / 1000)) : null,
  };
}
