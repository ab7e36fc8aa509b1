import type { Actor, Role } from "@basegun/auth";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { createCaller } from "../src/root.ts";
import { createIdentification } from "../src/services/identification/create.ts";
import { getPhotoForViewer } from "../src/services/identification/photos.ts";
import { requestExpert } from "../src/services/review/request.ts";
import { createTRPCContext } from "../src/trpc.ts";
import { type ServiceError } from "../src/errors.ts";
import { closeDeps, makeDeps, makeUser, photoBytes } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;
const actors = {} as Record<Role, Actor>;
beforeAll(async () => {
  deps = await makeDeps();
  for (const role of ["officer", "expert", "admin"] as const) actors[role] = await makeUser(deps.db, role, uniqueUnit("access"));
});
afterAll(async () => {
  await closeDeps(deps);
});

const callerFor = (actor: Actor | null) => createCaller(createTRPCContext({ actor, headers: new Headers(), deps }));
type Caller = ReturnType<typeof callerFor>;
const someId = "cnotarealreview000000000";
const policyChange = { expectedVersion: 999_999, reviewTiers: ["low" as const], sampleTiers: ["high" as const], qualitySampleRate: 0.05, doubleReviewRate: 0, claimTtlSeconds: 600 };

// every procedure of the review loop, with the roles that must never reach it
const procedures: Array<{ name: string; call: (c: Caller) => Promise<unknown>; denied: Role[] }> = [
  { name: "review.queue", call: (c) => c.review.queue({}), denied: ["officer"] },
  { name: "review.byId", call: (c) => c.review.byId({ id: someId }), denied: ["officer"] },
  // a unit no review has: the allowed roles claim nothing and change nothing
  { name: "review.claimNext", call: (c) => c.review.claimNext({ unit: "no such unit" }), denied: ["officer"] },
  { name: "review.claim", call: (c) => c.review.claim({ id: someId }), denied: ["officer"] },
  { name: "review.release", call: (c) => c.review.release({ id: someId }), denied: ["officer"] },
  { name: "review.decide", call: (c) => c.review.decide({ id: someId, decision: { decision: "confirm", version: 0 } }), denied: ["officer"] },
  { name: "review.measures", call: (c) => c.review.measures({ days: 1 }), denied: ["officer"] },
  { name: "review.policy", call: (c) => c.review.policy(), denied: ["officer", "expert"] },
  // a stale expectedVersion: an admin gets CONFLICT, so this test never changes the policy
  { name: "review.updatePolicy", call: (c) => c.review.updatePolicy(policyChange), denied: ["officer", "expert"] },
  { name: "identification.requestExpert", call: (c) => c.identification.requestExpert({ id: someId, request: {} }), denied: [] },
];

const codeOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  return error instanceof TRPCError ? error.code : error === null ? "OK" : "OTHER";
};

describe("review loop access matrix", () => {
  it.each(procedures.map((p) => [p.name, p] as const))("%s refuses anonymous callers", async (_name, procedure) => {
    expect(await codeOf(procedure.call(callerFor(null)))).toBe("UNAUTHORIZED");
  });

  const deniedCases = procedures.flatMap((p) => p.denied.map((role) => [p.name, role, p] as const));
  it.each(deniedCases)("%s refuses the %s role", async (_name, role, procedure) => {
    expect(await codeOf(procedure.call(callerFor(actors[role])))).toBe("FORBIDDEN");
  });

  const allowedCases = procedures.flatMap((p) => (["officer", "expert", "admin"] as const).filter((r) => !p.denied.includes(r)).map((role) => [p.name, role, p] as const));
  it.each(allowedCases)("%s lets the %s role through to the object check", async (_name, role, procedure) => {
    expect(["OK", "NOT_FOUND", "CONFLICT"]).toContain(await codeOf(procedure.call(callerFor(actors[role]))));
  });

  it("a role unknown to the scope table reaches nothing (deny by default)", async () => {
    const stranger = callerFor({ ...actors.admin, role: "auditor" as never });
    for (const procedure of procedures) expect(await codeOf(procedure.call(stranger))).toBe("FORBIDDEN");
  });
});

describe("object checks", () => {
  it("only the owner asks for an expert on a case, whatever their role", async () => {
    const { theCase } = await storeFinishedCase(deps.db, actors.officer, { tier: "high", random: 0.9 });
    for (const role of ["expert", "admin"] as const) {
      expect(await codeOf(callerFor(actors[role]).identification.requestExpert({ id: theCase.id, request: {} }))).toBe("NOT_FOUND");
    }
    const colleague = await makeUser(deps.db, "officer", actors.officer.unit);
    expect(await codeOf(callerFor(colleague).identification.requestExpert({ id: theCase.id, request: {} }))).toBe("NOT_FOUND");
    expect(await deps.db.review.count({ where: { caseId: theCase.id } })).toBe(0);
    expect(await codeOf(callerFor(actors.officer).identification.requestExpert({ id: theCase.id, request: { urgency: "urgent" } }))).toBe("OK");
  });

  it("an expert sees the photos of a case only once it is in review; another officer never", async () => {
    const owner = await makeUser(deps.db, "officer", uniqueUnit("photos"));
    const created = await createIdentification(deps, owner, { photos: [{ bytes: await photoBytes() }], source: "web" });
    const photoId = created.photos[0]!.id;
    const denied = async (actor: Actor) => ((await getPhotoForViewer(deps, actor, photoId).catch((e: unknown) => e)) as ServiceError).code;
    expect(await denied(actors.expert)).toBe("NOT_FOUND");
    await deps.db.case.update({ where: { id: created.id }, data: { status: "done" } });
    await requestExpert(deps, owner, created.id, {});
    await expect(getPhotoForViewer(deps, actors.expert, photoId)).resolves.toMatchObject({ contentType: "image/jpeg" });
    expect(await denied(actors.officer)).toBe("NOT_FOUND");
    await expect(getPhotoForViewer(deps, owner, photoId)).resolves.toMatchObject({ contentType: "image/jpeg" });
  });

  it("release and decide refuse an expert who does not hold the review", async () => {
    const owner = await makeUser(deps.db, "officer", uniqueUnit("hold"));
    const { theCase } = await storeFinishedCase(deps.db, owner, { tier: "low" });
    const review = await deps.db.review.findFirstOrThrow({ where: { caseId: theCase.id } });
    const holder = await makeUser(deps.db, "expert");
    await callerFor(holder).review.claim({ id: review.id });
    const other = callerFor(actors.expert);
    expect(await codeOf(other.review.release({ id: review.id }))).toBe("CONFLICT");
    expect(await codeOf(other.review.decide({ id: review.id, decision: { decision: "confirm", version: review.version + 1 } }))).toBe("CONFLICT");
    expect(await codeOf(other.review.claim({ id: review.id }))).toBe("CONFLICT");
    // an admin may unstick a claim
    expect(await codeOf(callerFor(actors.admin).review.release({ id: review.id }))).toBe("OK");
  });

  it("validates decision input at the edge", async () => {
    const caller = callerFor(actors.expert);
    expect(await codeOf(caller.review.decide({ id: someId, decision: { decision: "correct", version: 0, typology: "bazooka", categoryLetters: ["B"] } as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.review.decide({ id: someId, decision: { decision: "correct", version: 0, typology: "revolver", categoryLetters: ["Z"] } as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(caller.review.decide({ id: someId, decision: { decision: "unusable", version: 0 } as never }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerFor(actors.admin).review.updatePolicy({ ...policyChange, reviewTiers: [] }))).toBe("BAD_REQUEST");
    expect(await codeOf(callerFor(actors.admin).review.updatePolicy({ ...policyChange, qualitySampleRate: 1.5 }))).toBe("BAD_REQUEST");
  });
});
