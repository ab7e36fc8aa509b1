import type { Actor } from "@basegun/auth";
import { Prisma, writeAudit, type Db } from "@basegun/db";
import { DEFAULT_QUALITY_SAMPLE_RATE, DEFAULT_ROUTING_RULES, type Tier } from "@basegun/domain";
import type { ServiceDeps } from "../../deps.ts";
import { ServiceError } from "../../errors.ts";
import { requireScope } from "../access.ts";

export interface RoutingPolicyView {
  /** 0 is the built-in default, in force until an admin saves a first version */
  version: number;
  reviewTiers: Tier[];
  sampleTiers: Tier[];
  qualitySampleRate: number;
  doubleReviewRate: number;
  claimTtlSeconds: number;
  note: string | null;
  createdById: string | null;
  createdAt: Date | null;
}

export const DEFAULT_ROUTING_POLICY: RoutingPolicyView = {
  version: 0,
  reviewTiers: [...DEFAULT_ROUTING_RULES.reviewTiers],
  sampleTiers: [...DEFAULT_ROUTING_RULES.sampleTiers],
  qualitySampleRate: DEFAULT_QUALITY_SAMPLE_RATE,
  doubleReviewRate: 0,
  claimTtlSeconds: 600,
  note: null,
  createdById: null,
  createdAt: null,
};

type PolicyReader = Pick<Db, "routingPolicy"> | Prisma.TransactionClient;

/** The policy in force: the latest version (versions are inserted, never edited). */
export async function loadActivePolicy(db: PolicyReader): Promise<RoutingPolicyView> {
  const row = await db.routingPolicy.findFirst({ orderBy: { version: "desc" } });
  if (!row) return DEFAULT_ROUTING_POLICY;
  return {
    version: row.version,
    reviewTiers: row.reviewTiers,
    sampleTiers: row.sampleTiers,
    qualitySampleRate: row.qualitySampleRate,
    doubleReviewRate: row.doubleReviewRate,
    claimTtlSeconds: row.claimTtlSeconds,
    note: row.note,
    createdById: row.createdById,
    createdAt: row.createdAt,
  };
}

export async function getRoutingPolicy(deps: ServiceDeps, actor: Actor): Promise<{ active: RoutingPolicyView; history: RoutingPolicyView[] }> {
  requireScope(actor, "routing:manage");
  const history = (await deps.db.routingPolicy.findMany({ orderBy: { version: "desc" }, take: 50 })).map(pickView);
  return { active: history[0] ?? DEFAULT_ROUTING_POLICY, history };
}

const pickView = (row: RoutingPolicyView): RoutingPolicyView => ({
  version: row.version,
  reviewTiers: row.reviewTiers,
  sampleTiers: row.sampleTiers,
  qualitySampleRate: row.qualitySampleRate,
  doubleReviewRate: row.doubleReviewRate,
  claimTtlSeconds: row.claimTtlSeconds,
  note: row.note,
  createdById: row.createdById,
  createdAt: row.createdAt,
});

export interface RoutingPolicyChange {
  /** the version the admin edited: saving over a newer version is refused (optimistic concurrency) */
  expectedVersion: number;
  reviewTiers: Tier[];
  sampleTiers: Tier[];
  qualitySampleRate: number;
  doubleReviewRate: number;
  claimTtlSeconds: number;
  note?: string;
}

/** Inserts the next policy version, with an audit row holding before and after, in one transaction. */
export async function updateRoutingPolicy(deps: ServiceDeps, actor: Actor, change: RoutingPolicyChange): Promise<RoutingPolicyView> {
  requireScope(actor, "routing:manage");
  try {
    return await deps.db.$transaction(async (tx) => {
      const before = await loadActivePolicy(tx);
      if (before.version !== change.expectedVersion) {
        throw new ServiceError("CONFLICT", `routing policy is at version ${before.version}, not ${change.expectedVersion}`, "routingPolicyConflict", {
          currentVersion: before.version,
        });
      }
      const row = await tx.routingPolicy.create({
        data: {
          version: before.version + 1,
          reviewTiers: change.reviewTiers,
          sampleTiers: change.sampleTiers,
          qualitySampleRate: change.qualitySampleRate,
          doubleReviewRate: change.doubleReviewRate,
          claimTtlSeconds: change.claimTtlSeconds,
          note: change.note?.trim() || null,
          createdById: actor.userId,
        },
      });
      const after = pickView(row);
      await writeAudit(tx, {
        actorId: actor.userId,
        actorRole: actor.role,
        action: "routingPolicy.update",
        resourceType: "RoutingPolicy",
        resourceId: String(row.version),
        data: { before: { ...before, createdAt: before.createdAt?.toISOString() ?? null }, after: { ...after, createdAt: after.createdAt?.toISOString() ?? null } },
      });
      return after;
    });
  } catch (e) {
    // two admins saving the same next version: the unique version lets one through
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") {
      throw new ServiceError("CONFLICT", "routing policy changed meanwhile", "routingPolicyConflict");
    }
    throw e;
  }
}
