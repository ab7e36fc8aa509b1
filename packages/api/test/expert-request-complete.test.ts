import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServiceDeps } from "../src/deps.ts";
import { ServiceError } from "../src/errors.ts";
import { getReviewDetail } from "../src/services/review/detail.ts";
import { requestExpert } from "../src/services/review/request.ts";
import { closeDeps, makeDeps, makeUser } from "./fixtures.ts";
import { storeFinishedCase, uniqueUnit } from "./review-fixtures.ts";

let deps: ServiceDeps;

beforeAll(async () => {
  deps = await makeDeps();
});
afterAll(async () => {
  await closeDeps(deps);
});

const reviewsOf = (caseId: string) => deps.db.review.findMany({ where: { caseId }, orderBy: { createdAt: "asc" } });

describe("completing the review the platform opened by itself", () => {
  it("urgency, message, lengths and the markings photo go onto the same review, audited, and the expert sees them", async () => {
    const unit = uniqueUnit("complete");
    const officer = await makeUser(deps.db, "officer", unit);
    const expert = await makeUser(deps.db, "expert", unit);
    const { theCase, routing } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    expect(routing?.reason).toBe("low_confidence");
    const [automatic] = await reviewsOf(theCase.id);
    expect(automatic).toMatchObject({ reason: "low_confidence", urgent: false });
    const markingsPhoto = theCase.photos.find((photo) => photo.kind === "markings")!;

    const view = await requestExpert(deps, officer, theCase.id, {
      urgency: "urgent",
      message: "Garde à vue en cours, réponse attendue avant 18 h",
      markingsDescription: "MAS 1936",
      overallLengthCm: 102.5,
      barrelLengthCm: 57,
      markingsPhotoId: markingsPhoto.id,
    });

    // the same review, now urgent and first in the queue; no second review
    const after = await reviewsOf(theCase.id);
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: automatic!.id, reason: "low_confidence", urgent: true });
    expect(after[0]!.priority).toBeGreaterThan(automatic!.priority);
    expect(view.urgency).toBe("urgent");
    expect(view.expertReview).toMatchObject({ status: "waiting", reason: "low_confidence" });
    // the officer's screen gets the request back (to show it and start the form from it)
    expect(view.expertRequest).toMatchObject({ message: "Garde à vue en cours, réponse attendue avant 18 h", overallLengthCm: 102.5, barrelLengthCm: 57, markingsPhotoId: markingsPhoto.id });
    expect(view.expertRequest).not.toHaveProperty("requestedById");

    const audit = await deps.db.auditLog.findFirstOrThrow({ where: { resourceId: theCase.id, action: "review.request" }, orderBy: { id: "desc" } });
    expect(audit.actorId).toBe(officer.userId);
    expect(audit.data).toMatchObject({ urgency: "urgent", reviewId: null, joinedExisting: true });
    expect((audit.data as { fields: string[] }).fields.sort()).toEqual(
      ["barrelLengthCm", "markingsDescription", "markingsPhotoId", "message", "overallLengthCm", "urgency"].sort(),
    );

    const detail = await getReviewDetail(deps, expert, automatic!.id);
    expect(detail.case.urgency).toBe("urgent");
    expect(detail.case.expertRequest).toMatchObject({
      message: "Garde à vue en cours, réponse attendue avant 18 h",
      markingsDescription: "MAS 1936",
      overallLengthCm: 102.5,
      barrelLengthCm: 57,
      markingsPhotoId: markingsPhoto.id,
    });
  });

  it("a markings photo of another case, or a photo that is not of the markings, is refused with a clear error", async () => {
    const officer = await makeUser(deps.db, "officer", uniqueUnit("complete"));
    const { theCase } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const { theCase: other } = await storeFinishedCase(deps.db, officer, { tier: "low" });
    const foreign = other.photos.find((photo) => photo.kind === "markings")!;
    const overview = theCase.photos.find((photo) => photo.kind === "overview")!;
    for (const markingsPhotoId of [foreign.id, overview.id]) {
      const error = await requestExpert(deps, officer, theCase.id, { markingsPhotoId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ServiceError);
      expect(error).toMatchObject({ code: "BAD_REQUEST", messageKey: "markingsPhotoInvalid" });
    }
    // nothing was stored by the refused calls
    const stored = await deps.db.case.findUniqueOrThrow({ where: { id: theCase.id } });
    expect(stored.expertRequest).toBeNull();
  });
});
