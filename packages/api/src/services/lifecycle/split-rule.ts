import { createHash } from "node:crypto";

export type Split = "train" | "validation" | "test";

/**
 * The one split rule of every dataset version: the first 8 hex digits of the item's split key (a stable
 * hash of the photo's group: its case, or its group in an imported folder) modulo 100, with fixed
 * fractions. Nothing about a freeze can move a photo to another split, so a test photo of version 3 is a
 * test photo of version 7 too. Changing the fractions means a new rule name.
 */
export const SPLIT_RULE = "group-sha256-mod100:train<70,validation<85,test" as const;

export function splitOfKey(splitKey: string): Split {
  const bucket = Number.parseInt(splitKey.slice(0, 8), 16) % 100;
  if (!Number.isFinite(bucket)) throw new Error(`split key ${splitKey} is not hexadecimal`);
  if (bucket < 70) return "train";
  if (bucket < 85) return "validation";
  return "test";
}

/** Split key of an imported image: its group within the named import (weapons-coarse groups augmented copies). */
export function importSplitKey(importName: string, group: string): string {
  return createHash("sha256").update(`import:${importName}:${group}`).digest("hex").slice(0, 16);
}
