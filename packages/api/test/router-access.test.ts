import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { createCaller } from "../src/root.ts";
import { createTRPCContext } from "../src/trpc.ts";
import { closeDeps, makeDeps, makeUser } from "./fixtures.ts";

let deps: ServiceDeps;
beforeAll(async () => {
  deps = await makeDeps();
});
afterAll(async () => {
  await closeDeps(deps);
});

const anonymous = () => createCaller(createTRPCContext({ actor: null, headers: new Headers(), deps }));
const someId = "cnotarealcase00000000000";

// every procedure, called by someone who is not signed in, must be refused before doing anything
const calls: Record<string, (c: ReturnType<typeof anonymous>) => Promise<unknown>> = {
  "identification.list": (c) => c.identification.list({}),
  "identification.byId": (c) => c.identification.byId({ id: someId }),
  "identification.saveAnswers": (c) => c.identification.saveAnswers({ id: someId, answers: {} }),
  "identification.retry": (c) => c.identification.retry({ id: someId }),
  "identification.unseenVerdicts": (c) => c.identification.unseenVerdicts(),
  "identification.markVerdictSeen": (c) => c.identification.markVerdictSeen({ id: someId }),
  "identification.onUpdate": async (c) => {
    const stream = await c.identification.onUpdate({ id: someId });
    for await (const _ of stream) break;
  },
  "me.get": (c) => c.me.get(),
};

describe("tRPC access", () => {
  it.each(Object.entries(calls))("%s refuses anonymous callers", async (_name, call) => {
    const error = await call(anonymous()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe("UNAUTHORIZED");
  });

  it("maps service errors to tRPC codes and validates input", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caller = createCaller(createTRPCContext({ actor: officer, headers: new Headers(), deps }));
    await expect(caller.identification.byId({ id: someId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(caller.identification.byId({ id: "../../etc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.identification.saveAnswers({ id: someId, answers: { overallLengthCm: -3 } })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(caller.identification.saveAnswers({ id: someId, answers: { unknownField: 1 } as never })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await caller.me.get()).role).toBe("officer");
  });

  it("refuses the live-update subscription of a case the caller may not read with NOT_FOUND, before any stream opens", async () => {
    const officer = await makeUser(deps.db, "officer");
    const stranger = await makeUser(deps.db, "officer", "Another unit");
    const caller = createCaller(createTRPCContext({ actor: officer, headers: new Headers(), deps }));
    await expect(caller.identification.onUpdate({ id: someId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const foreign = await deps.db.case.create({ data: { ownerId: stranger.userId, unit: stranger.unit } });
    await expect(caller.identification.onUpdate({ id: foreign.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    // the owner gets the stream
    const own = createCaller(createTRPCContext({ actor: stranger, headers: new Headers(), deps }));
    const stream = await own.identification.onUpdate({ id: foreign.id });
    for await (const update of stream) {
      expect(JSON.stringify(update)).toContain(foreign.id);
      break;
    }
  });

  it("refuses a role unknown to the scope table (deny by default)", async () => {
    const officer = await makeUser(deps.db, "officer");
    const caller = createCaller(createTRPCContext({ actor: { ...officer, role: "visitor" as never }, headers: new Headers(), deps }));
    await expect(caller.identification.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
