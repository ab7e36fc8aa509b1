import { createHash } from "node:crypto";

export type Split = "train" | "validation" | "test";

/**
 * Deterministic split from a stable key (a weapons-coarse `group`, a file name): the same key always
 * lands in the same split, whatever else is in the dataset, so augmented copies of one picture
 * never straddle splits.
 */
export function splitOf(key: string, fractions: { train: number; validation: number }, salt = "basegun-split-v1", folds?: CrossFitFold): Split {
  const unit = hashUnit(`${salt}:${key}`);
  const heldOut = fractions.train + fractions.validation;
  if (folds) {
    if (unit >= heldOut) return "test";
    return foldOf(unit / heldOut, folds.count) === folds.fold ? "validation" : "train";
  }
  if (unit < fractions.train) return "train";
  if (unit < heldOut) return "validation";
  return "test";
}

/**
 * Cross-fitting (python/finetune.py --cv-folds/--cv-fold cut the same way): the test split stays where
 * it is, and train + validation are cut into `count` folds by the same hash. Fold `fold` is the
 * validation split and the others train; fold -1 puts every fold in train (the final model).
 */
export interface CrossFitFold {
  count: number;
  fold: number;
}

/** The fold of a position in [0, 1) among `count` equal folds. */
export function foldOf(position: number, count: number): number {
  return Math.min(count - 1, Math.floor(position * count));
}

export function assertCrossFitFold(folds: CrossFitFold): void {
  if (!Number.isInteger(folds.count) || folds.count < 2) throw new Error(`cross-fitting needs at least 2 folds, not ${folds.count}`);
  if (!Number.isInteger(folds.fold) || folds.fold < -1 || folds.fold >= folds.count) throw new Error(`fold ${folds.fold} is not one of 0..${folds.count - 1} (or -1, every fold)`);
}

/** A stable number in [0, 1) from a text: the first 32 bits of its sha256. */
export function hashUnit(text: string): number {
  return createHash("sha256").update(text).digest().readUInt32BE(0) / 2 ** 32;
}
