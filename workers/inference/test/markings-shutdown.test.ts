import { addMarkingsPhoto, createIdentification, type ServiceDeps } from "@basegun/api";
import { createMarkingsProducer } from "@basegun/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startInferenceWorker } from "../src/worker.ts";
import { drawnPhoto, flushRedis, makeHarness, makeOfficer, silentLog, waitFor, WORKER_TEST_REDIS_URL } from "./harness.ts";
import { renderMarkings } from "./markings-images.ts";

let h: Awaited<ReturnType<typeof makeHarness>>;
let deps: ServiceDeps;

beforeAll(async () => {
  h = await makeHarness();
  await flushRedis();
  deps = { ...h.deps, markingsProducer: createMarkingsProducer(WORKER_TEST_REDIS_URL) };
});
afterAll(async () => {
  await deps?.markingsProducer?.close();
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

describe("read-markings and graceful shutdown", () => {
  it("a worker asked to stop finishes the markings photo it is reading before it closes", async () => {
    const worker = await startInferenceWorker(h.env, silentLog);
    const officer = await makeOfficer(h.db);
    const created = await createIdentification(deps, officer, { photos: [{ bytes: await drawnPhoto(30) }], source: "web" });
    await waitFor(async () => (await h.db.case.findUniqueOrThrow({ where: { id: created.id } })).status === "done");

    const view = await addMarkingsPhoto(deps, officer, created.id, { photo: { bytes: await renderMarkings(["BLOW C75", "9mm P.A.K"]) } });
    const readingId = view.markingsReadings[0]!.id;
    // claimed (one attempt) but not stored yet: the OCR engine is still loading or reading
    await waitFor(async () => {
      const row = await h.db.markingsReading.findUniqueOrThrow({ where: { id: readingId } });
      return row.attempts === 1;
    }, 30_000, 10);
    expect((await h.db.markingsReading.findUniqueOrThrow({ where: { id: readingId } })).status).toBe("pending");

    await worker.close();
    const row = await h.db.markingsReading.findUniqueOrThrow({ where: { id: readingId } });
    expect(row).toMatchObject({ status: "done", matchKind: "alarm", matchedId: "blow-c75", attempts: 1 });
  });
});
