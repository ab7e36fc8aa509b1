import { addMarkingsPhoto, createIdentification, getIdentification, getReviewDetail, type ServiceDeps } from "@basegun/api";
import type { Actor } from "@basegun/auth";
import { poolOf } from "@basegun/db";
import { createMarkingsProducer } from "@basegun/queue";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { claimCase } from "../src/case-sql.ts";
import { processReadMarkings } from "../src/markings/process-markings.ts";
import { startInferenceWorker, type RunningWorker } from "../src/worker.ts";
import { drawnPhoto, flushRedis, makeHarness, makeOfficer, silentLog, waitFor, WORKER_TEST_REDIS_URL } from "./harness.ts";
import { renderBlankMetal, renderMarkings } from "./markings-images.ts";

let h: Awaited<ReturnType<typeof makeHarness>>;
let worker: RunningWorker;
let deps: ServiceDeps;

beforeAll(async () => {
  h = await makeHarness();
  await flushRedis();
  deps = { ...h.deps, markingsProducer: createMarkingsProducer(WORKER_TEST_REDIS_URL) };
  worker = await startInferenceWorker(h.env, silentLog);
});
beforeEach(async () => {
  // leave nothing stranded by an earlier test for the sweeper to pick up
  await h.db.case.updateMany({ where: { status: { in: ["pending", "processing"] } }, data: { status: "failed", failureReason: "test cleanup" } });
});
afterAll(async () => {
  await worker?.close();
  await deps?.markingsProducer?.close();
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

const caseStatus = async (id: string) => (await h.db.case.findUniqueOrThrow({ where: { id } })).status;

/** A case of the officer's, identified (done), as on the result page where the button is. */
async function identifiedCase(officer: Actor, seed = 0) {
  const created = await createIdentification(deps, officer, { photos: [{ bytes: await drawnPhoto(seed) }], source: "web" });
  await waitFor(async () => (await caseStatus(created.id)) === "done");
  return created.id;
}

async function readingOf(officer: Actor, caseId: string) {
  return waitFor(async () => {
    const view = await getIdentification(deps, officer, caseId);
    const reading = view.markingsReadings[0];
    return reading && reading.status !== "pending" ? { view, reading } : null;
  }, 45_000);
}

describe("markings photos: read-markings job in the inference worker", () => {
  it("reads a reference alarm gun's marking: alarm match, typology and category C, not re-identified", async () => {
    // the OCR engine is loaded on the first markings photo, not with the worker
    expect(worker.ocr.loaded).toBe(false);
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer);
    const added = await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await renderMarkings(["ZORAKI 918 CAL 9mm P.A.K"]) } });
    // the photo is there at once, of kind markings, and its reading pending; the case stays done
    expect(added.photos.map((photo) => photo.kind)).toEqual(["overview", "markings"]);
    expect(added.markingsReadings[0]?.status).toBe("pending");
    expect(added.status).toBe("done");

    const { view, reading } = await readingOf(officer, caseId);
    expect(worker.ocr.loaded).toBe(true);
    expect(reading.status).toBe("done");
    expect(reading.text).toMatch(/ZORAKI ?918/);
    expect(reading.match).toMatchObject({ kind: "alarm", matchedId: "zoraki-918", label: "Zoraki 918" });
    expect(reading.match?.typology?.key).toBe("pistolet_semi_auto_moderne");
    expect(reading.match?.category?.letters).toEqual(["C"]);
    expect(reading.match?.category?.alarmGunId).toBe("zoraki-918");
    expect(reading.match?.score).toBeGreaterThan(0.9);
    expect(reading.photoId).toBe(view.photos[1]?.id);

    // not part of the typology batch: no second prediction, no new photo revision
    expect(view.status).toBe("done");
    expect(await h.db.prediction.count({ where: { caseId, shadow: false } })).toBe(1);
    expect((await h.db.case.findUniqueOrThrow({ where: { id: caseId } })).photoRevision).toBe(0);
    expect(await h.db.auditLog.count({ where: { resourceId: caseId, action: "identification.addMarkingsPhoto" } })).toBe(1);
    const audit = await h.db.auditLog.findFirstOrThrow({ where: { resourceId: caseId, action: "markings.read" } });
    expect(audit.data).toMatchObject({ matchKind: "alarm", matchedId: "zoraki-918" });

    // the expert reviewing the case sees the text read and the match
    // (the shipped model answers low tier: the case went to an expert)
    const review = await h.db.review.findFirstOrThrow({ where: { caseId } });
    const expertUser = await h.db.user.create({ data: { email: `expert-${Date.now()}-${Math.random().toString(36).slice(2)}@test.local`, name: "Expert", role: "expert" } });
    const detail = await getReviewDetail(deps, { userId: expertUser.id, role: "expert", unit: null, via: "session" }, review.id);
    expect(detail.markingsReadings[0]).toMatchObject({ text: reading.text, match: { kind: "alarm", matchedId: "zoraki-918" } });
  });

  it("tolerates a one-character error on the brand word (ZORAXI 925 → Zoraki 925), with a lower score", async () => {
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer, 4);
    await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await renderMarkings(["ZORAXI 925", "CAL 9mm P.A.K"]) } });
    const { reading } = await readingOf(officer, caseId);
    expect(reading.text).toContain("ZORAXI");
    expect(reading.match).toMatchObject({ kind: "alarm", matchedId: "zoraki-925" });
    expect(reading.match?.score).toBeLessThan(1);
    expect(reading.match?.category?.letters).toEqual(["C"]);
  });

  it("matches a model of the reference catalogue: typology and calibres from the catalogue", async () => {
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer, 6);
    await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await renderMarkings(["GLOCK 17", "AUSTRIA 9x19"], { font: "Liberation Sans", rotate: 2 }) } });
    const { reading } = await readingOf(officer, caseId);
    expect(reading.match).toMatchObject({ kind: "catalogue", matchedId: "glock|17", label: "Glock 17", calibres: "9x19" });
    expect(reading.match?.typology?.key).toBe("pistolet_semi_auto_moderne");
    // a catalogue pistol is not an alarm gun: its category is the typology's own (B)
    expect(reading.match?.category?.letters).toEqual(["B"]);
  });

  it("says so when nothing is readable: done, empty text, no match", async () => {
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer, 8);
    await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await renderBlankMetal() } });
    const { reading } = await readingOf(officer, caseId);
    expect(reading).toMatchObject({ status: "done", text: "" });
    expect(reading.match).toMatchObject({ kind: "none", matchedId: null, typology: null, category: null });
  });

  it("fails a reading whose photo cannot be decoded, with a reason, without retrying it", async () => {
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer, 10);
    // no job at upload (as with Redis down): the photo is corrupted before the sweeper enqueues it
    const offline: ServiceDeps = { ...deps, markingsProducer: { enqueue: async () => { throw new Error("redis down"); }, close: async () => {} } };
    await addMarkingsPhoto(offline, officer, caseId, { photo: { bytes: await renderMarkings(["KIMAR 911"]) } });
    const photo = await h.db.photo.findFirstOrThrow({ where: { caseId, kind: "markings" } });
    await h.deps.store.put(photo.derivativeKey, Buffer.from("garbage, not a jpeg"));
    const { reading } = await readingOf(officer, caseId);
    expect(reading.status).toBe("failed");
    expect(reading.failureReason).toMatch(/unreadable|decode/i);
    const row = await h.db.markingsReading.findUniqueOrThrow({ where: { id: reading.id } });
    expect(row.attempts).toBe(1);
  });

  it("identify ignores markings photos; a markings photo sent with a new case is read too", async () => {
    const officer = await makeOfficer(h.db);
    const created = await createIdentification(deps, officer, {
      photos: [{ bytes: await drawnPhoto(12) }, { bytes: await renderMarkings(["BLOW F92 AUTO"]), kind: "markings" }],
      source: "web",
    });
    await waitFor(async () => (await caseStatus(created.id)) === "done");
    const { reading } = await readingOf(officer, created.id);
    expect(reading.match).toMatchObject({ kind: "alarm", matchedId: "blow-f92-auto" });

    // the typology batch is the weapon's photo alone
    const photos = await h.db.photo.findMany({ where: { caseId: created.id }, orderBy: { position: "asc" } });
    await h.db.case.update({ where: { id: created.id }, data: { status: "pending" } });
    const claimed = await claimCase(poolOf(h.db), created.id);
    expect(claimed.outcome === "claimed" && claimed.derivativeKeys).toEqual([photos[0]!.derivativeKey]);
    await h.db.case.update({ where: { id: created.id }, data: { status: "done" } });

    // markings photos alone are not an identification
    await expect(
      createIdentification(deps, officer, { photos: [{ bytes: await renderMarkings(["ZORAKI 925"]), kind: "markings" }], source: "web" }),
    ).rejects.toMatchObject({ messageKey: "photoMissing" });
  });

  it("the sweeper creates a reading missing for a markings photo (a crash after the photo's commit) and reads it", async () => {
    const officer = await makeOfficer(h.db);
    const created = await createIdentification(deps, officer, {
      photos: [{ bytes: await drawnPhoto(16) }, { bytes: await renderMarkings(["KIMAR POWER ALARM"]), kind: "markings" }],
      source: "web",
    });
    const first = await readingOf(officer, created.id);
    await h.db.markingsReading.deleteMany({ where: { caseId: created.id } });
    const again = await readingOf(officer, created.id);
    expect(again.reading.id).not.toBe(first.reading.id);
    expect(again.reading.match).toMatchObject({ kind: "alarm", matchedId: "kimar-power-alarm" });
    expect(again.reading.match?.typology?.key).toBe("revolver");
  });

  it("a replayed job changes nothing; another officer's case is not found", async () => {
    const officer = await makeOfficer(h.db);
    const caseId = await identifiedCase(officer, 14);
    await addMarkingsPhoto(deps, officer, caseId, { photo: { bytes: await renderMarkings(["KIMAR 75 AUTO"]) } });
    const { reading } = await readingOf(officer, caseId);
    const markingsDeps = { db: h.db, store: h.deps.store, ocr: worker.ocr, announce: async () => {} };
    expect(await processReadMarkings(markingsDeps, { readingId: reading.id })).toBe("already-done");
    expect(await processReadMarkings(markingsDeps, { readingId: "cmissing" })).toBe("missing");
    expect(await h.db.auditLog.count({ where: { resourceId: caseId, action: "markings.read" } })).toBe(1);

    const stranger = await makeOfficer(h.db);
    await expect(addMarkingsPhoto(deps, stranger, caseId, { photo: { bytes: await renderMarkings(["KIMAR 911"]) } })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
