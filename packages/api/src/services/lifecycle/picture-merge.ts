import { splitOfKey, type Split } from "./split-rule.ts";

/** What the freeze needs of a labelled item, newest first. */
export interface MergeRow {
  id: string;
  /** the photo's group (its case, or its group in an import) */
  splitKey: string;
  /** the picture: hash of the original bytes (a case photo's upload, an imported file) */
  picture: string;
  /** the same image labelled again (a case photo, or one import's file): older labels are superseded */
  imageId: string;
  /** an exact label (a typology, or no firearm) rather than a coarse label set */
  full: boolean;
}

export interface MergeOutcome {
  /** the item kept for each picture */
  kept: Set<string>;
  /** item id → why it was left out */
  dropped: Map<string, "superseded" | "replaced" | "merged">;
  /** split of every group key: groups that share a picture share the split of their oldest item */
  splitOf: (splitKey: string) => Split;
}

/**
 * One picture, one label, one split. The label kept for a picture is the newest full label (an expert's
 * typology beats a coarse import label), else the newest label; the others are superseded (the same image
 * labelled again), replaced (a coarse label under a full one) or merged (a duplicate from another case or
 * source). Groups linked by a shared picture are one group whose split is its oldest item's, so a
 * picture never sits in two splits and a case never straddles two; a picture seen in an earlier version
 * keeps its split, unless a later link joins it to an older group.
 */
export function mergePictures(rowsNewestFirst: readonly MergeRow[]): MergeOutcome {
  const parent = new Map<string, string>();
  const root = (key: string): string => {
    let top = key;
    while (parent.get(top) !== top) top = parent.get(top)!;
    // path compression: later lookups are direct
    let node = key;
    while (node !== top) {
      const next = parent.get(node)!;
      parent.set(node, top);
      node = next;
    }
    return top;
  };
  // age of a group key: the position of its oldest item (0 = the oldest item of all)
  const age = new Map<string, number>();
  rowsNewestFirst.forEach((row, index) => {
    age.set(row.splitKey, rowsNewestFirst.length - 1 - index);
    if (!parent.has(row.splitKey)) parent.set(row.splitKey, row.splitKey);
  });
  const union = (a: string, b: string) => {
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) return;
    // the older group's key stays the root: its split is the component's
    if (age.get(ra)! <= age.get(rb)!) parent.set(rb, ra);
    else parent.set(ra, rb);
  };

  const byPicture = new Map<string, MergeRow[]>();
  for (const row of rowsNewestFirst) {
    const members = byPicture.get(row.picture);
    if (members) {
      union(members[0]!.splitKey, row.splitKey);
      members.push(row);
    } else byPicture.set(row.picture, [row]);
  }

  const kept = new Set<string>();
  const dropped = new Map<string, "superseded" | "replaced" | "merged">();
  for (const members of byPicture.values()) {
    const winner = members.find((row) => row.full) ?? members[0]!;
    kept.add(winner.id);
    for (const row of members) {
      if (row === winner) continue;
      dropped.set(row.id, row.imageId === winner.imageId ? "superseded" : !row.full && winner.full ? "replaced" : "merged");
    }
  }
  return { kept, dropped, splitOf: (splitKey) => splitOfKey(root(splitKey)) };
}
