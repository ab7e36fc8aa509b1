import { createHash } from "node:crypto";

/**
 * Cases made from the same files: the key of a case is a hash of its photos' original-bytes hashes
 * (sorted), so two cases share a key exactly when they hold the same pictures. The derivative's hash
 * cannot serve: every upload is re-encoded.
 */
export function samePhotosKey(originalSha256s: readonly string[]): string | null {
  if (originalSha256s.length === 0) return null;
  return createHash("sha256").update([...originalSha256s].sort().join("+")).digest("hex").slice(0, 16);
}

export interface SamePhotosGroup {
  key: string;
  /** how many cases of this list share the photos */
  size: number;
  /** 0 for the first case of the group in the list's order, then 1, 2… */
  index: number;
}

/**
 * The list in its own order, except that cases with the same photos follow the first of them: a group
 * takes the place of its best-placed case. Cases without photos stand alone.
 */
export function groupBySamePhotos<T>(items: readonly T[], keyOf: (item: T) => string | null): Array<{ item: T; group: SamePhotosGroup | null }> {
  const groups = new Map<string, T[]>();
  const order: Array<string | T> = [];
  for (const item of items) {
    const key = keyOf(item);
    if (key === null) {
      order.push(item);
      continue;
    }
    const members = groups.get(key);
    if (members) members.push(item);
    else {
      groups.set(key, [item]);
      order.push(key);
    }
  }
  return order.flatMap((entry) => {
    if (typeof entry !== "string") return [{ item: entry, group: null }];
    const members = groups.get(entry)!;
    return members.map((item, index) => ({ item, group: members.length > 1 ? { key: entry, size: members.length, index } : null }));
  });
}
