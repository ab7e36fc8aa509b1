import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { getIdentification, listIdentifications } from "../src/services/identification/read.ts";
import { countUnseenVerdicts, markVerdictSeen } from "../src/services/identification/verdict-seen.ts";
import { claimReview } from "../src/services/review/claim.ts";
import { submitReviewDecision } from "../src/services/review/decide.ts";
import { closeDeps, depsWithExpert, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;
let expert: Actor;

beforeAll(async () => {
  ({ deps, expert } = await depsWithExpert());
});
afterAll(async () => {
  await closeDeps(deps);
});

async function decide(caseId: string, decision: { decision: "confirm" } | { decision: "correct"; typology: string }) {
  const review = await deps.db.review.findFirstOrThrow({ where: { caseId, status: { not: "decided" } } });
  const claimed = await claimReview(deps, expert, review.id);
  await submitReviewDecision(deps, expert, review.id, { ...decision, version: claimed.version } as Parameters<typeof submitReviewDecision>[3]);
  return deps.db.review.findUniqueOrThrow({ where: { id: review.id } });
}

describe("the officer sees the expert's verdict", () => {
  it("a correction is the list row's answer, new until the owner opens the case; a colleague's opening clears nothing", async () => {
    const unit = uniqueUnit("verdict");
    const owner = await makeUser(deps.db, "officer", unit);
    const stranger = await makeUser(deps.db, "officer", uniqueUnit("stranger"));
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "pistolet_semi_auto_moderne", photos: 1 });

    // waiting for the expert: nothing new yet
    expect(await countUnseenVerdicts(deps, owner)).toBe(0);
    const waiting = (await listIdentifications(deps, owner)).items.find((item) => item.id === theCase.id)!;
    expect(waiting).toMatchObject({ state: "awaiting_expert", verdictUnseen: false, expertTypology: null });

    await decide(theCase.id, { decision: "correct", typology: "revolver" });

    expect(await countUnseenVerdicts(deps, owner)).toBe(1);
    const row = (await listIdentifications(deps, owner)).items.find((item) => item.id === theCase.id)!;
    expect(row).toMatchObject({ state: "expert_corrected", verdictUnseen: true, expertTypology: { key: "revolver" } });
    expect(row.expertLetters).toEqual(row.categoryLetters);
    expect(row.expertLetters!.length).toBeGreaterThan(0);
    expect((await getIdentification(deps, owner, theCase.id)).verdictUnseen).toBe(true);

    // someone who may not read the case gets the same "not found" as any read
    await expect(markVerdictSeen(deps, stranger, theCase.id)).rejects.toBeInstanceOf(ServiceError);
    expect(await countUnseenVerdicts(deps, owner)).toBe(1);

    const before = await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(await markVerdictSeen(deps, owner, theCase.id)).toEqual({ seen: true });
    expect(await countUnseenVerdicts(deps, owner)).toBe(0);
    const after = await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(after.verdictSeenAt).not.toBeNull();
    // opening a case is not a change to it: live updates key on updatedAt
    expect(after.updatedAt.getTime()).toBe(before.updatedAt.getTime());
    expect((await getIdentification(deps, owner, theCase.id)).verdictUnseen).toBe(false);
    expect((await listIdentifications(deps, owner)).items.find((item) => item.id === theCase.id)!.verdictUnseen).toBe(false);
  });

  it("a verdict decided after the last opening is new again; a confirmation reads as confirmed", async () => {
    const owner = await makeUser(deps.db, "officer", uniqueUnit("again"));
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low", typology: "revolver", photos: 1 });
    const review = await decide(theCase.id, { decision: "confirm" });
    await markVerdictSeen(deps, owner, theCase.id);
    expect(await countUnseenVerdicts(deps, owner)).toBe(0);

    // seen just before the decision (as when the officer had opened it while the expert worked)
    await deps.db.case.update({ where: { id: theCase.id }, data: { verdictSeenAt: new Date(review.decidedAt!.getTime() - 1000) } });
    expect(await countUnseenVerdicts(deps, owner)).toBe(1);
    const row = (await listIdentifications(deps, owner)).items.find((item) => item.id === theCase.id)!;
    expect(row).toMatchObject({ state: "expert_confirmed", verdictUnseen: true });
  });

  it("counts only the owner's own cases", async () => {
    const owner = await makeUser(deps.db, "officer", uniqueUnit("own"));
    const other = await makeUser(deps.db, "officer", uniqueUnit("other"));
    const { theCase } = await storeFinishedCase(deps.db, other, { tier: "low", typology: "revolver", photos: 1 });
    await decide(theCase.id, { decision: "correct", typology: "epaule_a_verrou" });
    expect(await countUnseenVerdicts(deps, other)).toBe(1);
    expect(await countUnseenVerdicts(deps, owner)).toBe(0);
  });
});
