import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { claimNextReview, claimReview, releaseReview } from "../src/services/review/claim.ts";
import { submitReviewDecision } from "../src/services/review/decide.ts";
import { getReviewDetail } from "../src/services/review/detail.ts";
import { listQueue } from "../src/services/review/queue.ts";
import { groupBySamePhotos, samePhotosKey } from "../src/services/review/same-photos.ts";
import { closeDeps, depsWithExpert, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

describe("groupBySamePhotos", () => {
  const key = (hashes: string[]) => samePhotosKey(hashes);
  it.each<[string, Array<[string, string | null]>, Array<[string, number | null, number | null]>]>([
    ["all distinct: unchanged, no group", [["a", "k1"], ["b", "k2"], ["c", "k3"]], [["a", null, null], ["b", null, null], ["c", null, null]]],
    [
      "three of the same file in the queue: they follow the first",
      [["a", "k1"], ["b", "k2"], ["c", "k1"], ["d", null], ["e", "k1"]],
      [["a", 3, 0], ["c", 3, 1], ["e", 3, 2], ["b", null, null], ["d", null, null]],
    ],
    ["cases without photos stand alone", [["a", null], ["b", null]], [["a", null, null], ["b", null, null]]],
  ])("%s", (_name, items, expected) => {
    const grouped = groupBySamePhotos(items, ([, k]) => k);
    expect(grouped.map(({ item, group }) => [item[0], group?.size ?? null, group?.index ?? null])).toEqual(expected);
  });

  it("the key is the set of original files, whatever their order", () => {
    expect(key(["x", "y"])).toBe(key(["y", "x"]));
    expect(key(["x"])).not.toBe(key(["x", "y"]));
    expect(key([])).toBeNull();
  });
});

describe("cases made from the same photo file", () => {
  let deps: ServiceDeps;
  let expert: Actor;
  beforeAll(async () => {
    ({ deps, expert } = await depsWithExpert());
  });
  afterAll(async () => {
    await closeDeps(deps);
  });

  it("are grouped in the queue, and the review screen shows the earlier decision on that photo", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("same-photo"));
    const file = "c".repeat(64);
    const old = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    // queue order (same priority): first, other, second, third: the same file comes back three times
    const first = await storeFinishedCase(deps.db, officer, { photos: 1, photoHashes: [file], confidence: 0.5, createdAt: old(40) });
    const other = await storeFinishedCase(deps.db, officer, { photos: 1, confidence: 0.5, createdAt: old(30) });
    const second = await storeFinishedCase(deps.db, officer, { photos: 1, photoHashes: [file], confidence: 0.5, createdAt: old(20) });
    const third = await storeFinishedCase(deps.db, officer, { photos: 1, photoHashes: [file], confidence: 0.5, createdAt: old(10) });

    const queue = await listQueue(deps, expert, { unit: officer.unit! });
    expect(queue.items.map((item) => item.caseId)).toEqual([first, second, third, other].map((c) => c.theCase.id));
    expect(queue.items.map((item) => item.samePhotos && [item.samePhotos.size, item.samePhotos.index])).toEqual([[3, 0], [3, 1], [3, 2], null]);
    expect(new Set(queue.items.slice(0, 3).map((item) => item.samePhotos?.key)).size).toBe(1);

    const firstReview = queue.items[0]!;
    const secondReview = queue.items[1]!;
    expect((await getReviewDetail(deps, expert, secondReview.id)).samePhotoDecision).toBeNull();

    const claim = await claimReview(deps, expert, firstReview.id);
    await submitReviewDecision(deps, expert, firstReview.id, {
      decision: "correct",
      version: claim.version,
      typology: "epaule_a_pompe",
      answers: { overallLengthCm: 110, barrelLengthCm: 70, lengthSource: "measured", magazineCapacity: 4, stockFixed: true },
      make: "Remington",
    });
    const detail = await getReviewDetail(deps, expert, secondReview.id);
    expect(detail.samePhotoDecision).toMatchObject({
      caseId: first.theCase.id,
      decision: "correct",
      typology: { key: "epaule_a_pompe" },
      categoryLetters: ["C"],
      make: "Remington",
      answers: { overallLengthCm: 110, magazineCapacity: 4, stockFixed: true },
    });
    // "next case" after the first: the same photo comes next, before the older case with other files
    const plain = await claimNextReview(deps, expert, { unit: officer.unit! });
    expect(plain?.caseId).toBe(other.theCase.id);
    await releaseReview(deps, expert, plain!.reviewId);
    const next = await claimNextReview(deps, expert, { unit: officer.unit!, afterReviewId: firstReview.id });
    expect(next?.caseId).toBe(second.theCase.id);
    await releaseReview(deps, expert, next!.reviewId);
    // an urgent case still comes first
    const urgent = await storeFinishedCase(deps.db, officer, { photos: 1, confidence: 0.5, urgency: "urgent" });
    expect((await claimNextReview(deps, expert, { unit: officer.unit!, afterReviewId: firstReview.id }))?.caseId).toBe(urgent.theCase.id);

    // a case with other files sees nothing
    const otherReview = queue.items[3]!;
    expect((await getReviewDetail(deps, expert, otherReview.id)).samePhotoDecision).toBeNull();
  });
});
