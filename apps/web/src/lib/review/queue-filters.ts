import { TYPOLOGY_KEYS, type TypologyKey } from "@basegun/domain";

/**
 * The queue's filters live in the URL (shareable, kept on reload and on the way back from a case).
 * This maps the URL's search parameters to the API's filters and back; anything unknown is dropped.
 */

export const TIERS = ["low", "medium", "high"] as const;
export const REASONS = ["low_confidence", "category_needs_answer", "officer_request", "officer_identified", "quality_sample"] as const;
export const VIEWS = ["waiting", "claimed", "mine", "active"] as const;
/** Age presets: the API takes minutes, people think in these bands. */
export const AGE_BANDS = ["lt1h", "1h-24h", "gt24h"] as const;

export type Tier = (typeof TIERS)[number];
export type Reason = (typeof REASONS)[number];
export type QueueViewName = (typeof VIEWS)[number];
export type AgeBand = (typeof AGE_BANDS)[number];

export interface QueueSearch {
  view: QueueViewName;
  typology?: TypologyKey;
  tier?: Tier;
  reason?: Reason;
  unit?: string;
  age?: AgeBand;
}

/** What the API's `review.queue` / `review.claimNext` take. */
export interface ApiQueueFilters {
  typology?: string;
  tier?: Tier;
  reason?: Reason;
  unit?: string;
  minAgeMinutes?: number;
  maxAgeMinutes?: number;
}

const AGE_MINUTES: Record<AgeBand, { minAgeMinutes?: number; maxAgeMinutes?: number }> = {
  lt1h: { maxAgeMinutes: 60 },
  "1h-24h": { minAgeMinutes: 60, maxAgeMinutes: 24 * 60 },
  gt24h: { minAgeMinutes: 24 * 60 },
};

type RawSearch = Record<string, string | string[] | undefined> | URLSearchParams;

function first(search: RawSearch, key: string): string | undefined {
  const value = search instanceof URLSearchParams ? (search.get(key) ?? undefined) : search[key];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
}

const oneOf = <T extends string>(choices: readonly T[], value: string | undefined): T | undefined =>
  value !== undefined && (choices as readonly string[]).includes(value) ? (value as T) : undefined;

// same bound as the API's unit filter
const MAX_UNIT_LENGTH = 120;

export function parseQueueSearch(search: RawSearch): QueueSearch {
  const unit = first(search, "unit");
  const parsed: QueueSearch = { view: oneOf(VIEWS, first(search, "view")) ?? "waiting" };
  const typology = oneOf(TYPOLOGY_KEYS, first(search, "typology"));
  const tier = oneOf(TIERS, first(search, "tier"));
  const reason = oneOf(REASONS, first(search, "reason"));
  const age = oneOf(AGE_BANDS, first(search, "age"));
  if (typology) parsed.typology = typology;
  if (tier) parsed.tier = tier;
  if (reason) parsed.reason = reason;
  if (unit && unit.length <= MAX_UNIT_LENGTH) parsed.unit = unit;
  if (age) parsed.age = age;
  return parsed;
}

/** The filters as the API takes them (the view is a listing option, not a filter). */
export function toApiFilters(search: QueueSearch): ApiQueueFilters {
  return {
    ...(search.typology ? { typology: search.typology } : {}),
    ...(search.tier ? { tier: search.tier } : {}),
    ...(search.reason ? { reason: search.reason } : {}),
    ...(search.unit ? { unit: search.unit } : {}),
    ...(search.age ? AGE_MINUTES[search.age] : {}),
  };
}

/** Back to a query string: defaults are left out so the plain queue keeps a plain URL. */
export function toSearchParams(search: QueueSearch): URLSearchParams {
  const params = new URLSearchParams();
  if (search.view !== "waiting") params.set("view", search.view);
  for (const key of ["typology", "tier", "reason", "unit", "age"] as const) {
    const value = search[key];
    if (value) params.set(key, value);
  }
  return params;
}

export function hasFilters(search: QueueSearch): boolean {
  return Boolean(search.typology || search.tier || search.reason || search.unit || search.age);
}
