import type { Actor } from "@basegun/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { caseViewInclude, loadCaseRow } from "../src/services/identification/case-row.ts";
import { readCaseState } from "../src/services/identification/status.ts";
import { requestExpert } from "../src/services/review/request.ts";
import { closeDeps, makeDeps, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

// The hot path reads cases in plain SQL (see @basegun/db's sql.ts); these tests hold it to exactly what
// the ORM returns for the same rows, so the two can never drift apart unnoticed.
let deps: ServiceDeps;
let officer: Actor;

beforeAll(async () => {
  deps = await makeDeps();
  officer = await makeUser(deps.db, "officer", uniqueUnit("case-row"));
});
afterAll(async () => {
  await closeDeps(deps);
});

const viaOrm = (caseId: string) => deps.db.case.findUnique({ where: { id: caseId }, include: caseViewInclude });

describe("loadCaseRow (plain SQL) equals the ORM's case view row", () => {
  it("for a finished case with photos, a prediction, an open review and the officer's answers", async () => {
    const stored = await storeFinishedCase(deps.db, officer, { tier: "low", photos: 3, answers: { barrelLengthCm: 30 }, urgency: "urgent" });
    const row = await loadCaseRow(deps.db, stored.theCase.id);
    expect(row?.photos).toHaveLength(3);
    expect(row?.predictions).toHaveLength(1);
    expect(row?.reviews.length).toBeGreaterThan(0);
    expect(row).toEqual(await viaOrm(stored.theCase.id));
  });

  it("for a decided review (dates, corrected letters) and a later officer request", async () => {
    const stored = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const [review] = await deps.db.review.findMany({ where: { caseId: stored.theCase.id } });
    await deps.db.review.update({
      where: { id: review!.id },
      data: { status: "decided", activeKey: null, decision: "correct", correctedTypology: "revolver", correctedLetters: ["B", "C"], decidedAt: new Date(), claimedAt: new Date() },
    });
    await requestExpert(deps, officer, stored.theCase.id, { message: "encore un doute" });
    const row = await loadCaseRow(deps.db, stored.theCase.id);
    expect(row?.reviews).toHaveLength(2);
    expect(row).toEqual(await viaOrm(stored.theCase.id));
  });

  it("for a pending case with nothing yet, then with an officer request and no prediction; null for an unknown id", async () => {
    const pending = await deps.db.case.create({ data: { ownerId: officer.userId, unit: officer.unit } });
    expect(await loadCaseRow(deps.db, pending.id)).toEqual(await viaOrm(pending.id));
    await requestExpert(deps, officer, pending.id, { message: "avant le résultat" });
    const row = await loadCaseRow(deps.db, pending.id);
    expect(row?.reviews).toMatchObject([{ predictionId: null, prediction: null }]);
    expect(row).toEqual(await viaOrm(pending.id));
    expect(await loadCaseRow(deps.db, "c-unknown")).toBeNull();
  });

  it("reads timestamps as the UTC instants the ORM wrote", async () => {
    const at = new Date("2026-03-29T01:30:00.123Z"); // a daylight-saving change in Europe/Paris
    const stored = await storeFinishedCase(deps.db, officer, { createdAt: at });
    expect((await loadCaseRow(deps.db, stored.theCase.id))?.createdAt).toEqual(at);
    expect((await readCaseState(deps, officer, stored.theCase.id)).createdAt).toEqual(at);
  });
});
