import { createHash } from "node:crypto";

export type Split = "train" | "validation" | "test";

/**
 * Deterministic split from a stable key (a weapons-coarse `group`, a file name): the same key always
 * lands in the same split, whatever else is in the dataset, so augmented copies of one picture
 * never straddle splits.
 */
export function splitOf(key: string, fractions: { train: number; validation: number }, salt = "basegun-split-v1"): Split {
  const unit = hashUnit(`${salt}:${key}`);
  if (unit < fractions.train) return "train";
  if (unit < fractions.train + fractions.validation) return "validation";
  return "test";
}

/** A stable number in [0, 1) from a text: the first 32 bits of its sha256. */
export function hashUnit(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}
