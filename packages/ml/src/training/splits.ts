import { createHash } from "node:crypto";

export type Split = "train" | "validation" | "test";

/**
 * Deterministic split from a stable key (a weapons-coarse `group`, a file name): the same key always
 * lands in the same split, whatever else is in the dataset, so augmented copies of one picture
 * never straddle splits.
 */
export function splitOf(key: string, fractions: { train: number; validation: number }, salt = "basegun-split-v1"): Split {
  const digest = createHash("sha256").update(`${salt}:${key}`).digest();
  const unit = digest.readUInt32BE(0) / 2 ** 32;
  if (unit < fractions.train) return "train";
  if (unit < fractions.train + fractions.validation) return "validation";
  return "test";
}
