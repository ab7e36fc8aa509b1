import type { Actor } from "@basegun/auth";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { createCaller } from "../src/root.ts";
import { createTRPCContext } from "../src/trpc.ts";
import { closeDeps, makeDeps, makeUser } from "./fixtures.ts";

let deps: ServiceDeps;
const actors: Partial<Record<"officer" | "expert" | "admin", Actor>> = {};
beforeAll(async () => {
  deps = await makeDeps();
  for (const role of ["officer", "expert", "admin"] as const) actors[role] = await makeUser(deps.db, role);
});
afterAll(async () => {
  await closeDeps(deps);
});

type Caller = ReturnType<typeof createCaller>;
const id = "cnotarealid0000000000000";

// every lifecycle procedure: only admins may reach any of them
const procedures: Record<string, (c: Caller) => Promise<unknown>> = {
  "dataset.stats": (c) => c.dataset.stats({}),
  "dataset.items": (c) => c.dataset.items({}),
  "dataset.versions": (c) => c.dataset.versions({}),
  "dataset.version": (c) => c.dataset.version({ id }),
  "dataset.freeze": (c) => c.dataset.freeze({}),
  "dataset.export": (c) => c.dataset.export({ datasetVersionId: id }),
  "dataset.importFolder": (c) => c.dataset.importFolder({ folder: "weapons-coarse" }),
  "models.list": (c) => c.models.list({}),
  "models.byId": (c) => c.models.byId({ id }),
  "models.lineage": (c) => c.models.lineage({ predictionId: id }),
  "models.train": (c) => c.models.train({ datasetVersionId: id }),
  "models.evaluate": (c) => c.models.evaluate({ modelVersionId: id, datasetVersionId: id }),
  "models.upload": (c) => c.models.upload({ manifest: "{}", onnxBase64: "AA==" }),
  "models.runs": (c) => c.models.runs({}),
  "models.run": (c) => c.models.run({ id }),
  "models.cancelRun": (c) => c.models.cancelRun({ id }),
  "models.compare": (c) => c.models.compare({ candidateId: id }),
  "models.promotePreview": (c) => c.models.promotePreview({ modelVersionId: id }),
  "models.promote": (c) => c.models.promote({ modelVersionId: id, expectedCurrentVersionId: null, confirm: true }),
  "models.rollbackPreview": (c) => c.models.rollbackPreview(),
  "models.rollback": (c) => c.models.rollback({ expectedCurrentVersionId: id, confirm: true }),
  "models.setShadow": (c) => c.models.setShadow({ modelVersionId: id }),
  "models.clearShadow": (c) => c.models.clearShadow({}),
  "models.aliasHistory": (c) => c.models.aliasHistory({}),
  "models.aliasAt": (c) => c.models.aliasAt({ at: new Date() }),
  "models.monitoring": (c) => c.models.monitoring({}),
  "models.shadowReport": (c) => c.models.shadowReport({}),
};
const cases = Object.entries(procedures);
const callerFor = (actor: Actor | null) => createCaller(createTRPCContext({ actor, headers: new Headers(), deps }));
const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof TRPCError ? error.code : error === null ? "OK" : "OTHER";
};

describe("model lifecycle access: admins only", () => {
  it.each(cases)("%s refuses anonymous callers", async (_name, call) => {
    expect(await codeOf(call(callerFor(null)))).toBe("UNAUTHORIZED");
  });
  it.each(cases)("%s refuses officers", async (_name, call) => {
    expect(await codeOf(call(callerFor(actors.officer!)))).toBe("FORBIDDEN");
  });
  it.each(cases)("%s refuses experts", async (_name, call) => {
    expect(await codeOf(call(callerFor(actors.expert!)))).toBe("FORBIDDEN");
  });
  it.each(["dataset.stats", "models.list", "models.aliasHistory", "models.byId", "models.rollbackPreview"])("%s lets an admin through", async (name) => {
    // reaching the service: a result, or its own NOT_FOUND for the made-up id, never FORBIDDEN
    expect(["OK", "NOT_FOUND"]).toContain(await codeOf(procedures[name]!(callerFor(actors.admin!))));
  });

  it("dataset.items takes the input an infinite query sends (cursor and direction), not a 400", async () => {
    // useInfiniteQuery adds `direction` beside the input: a strict input without it refused every page
    const caller = callerFor(actors.admin!);
    const page = await caller.dataset.items({ limit: 1, direction: "forward" });
    expect(Array.isArray(page.items)).toBe(true);
    expect(await codeOf(caller.dataset.items({ limit: 1, cursor: id, direction: "forward" }))).toBe("OK");
    expect(await codeOf(caller.dataset.items({ limit: 1, unknownKey: 1 } as never))).toBe("BAD_REQUEST");
  });
});
