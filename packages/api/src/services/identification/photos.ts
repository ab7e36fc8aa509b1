import { hasScope, type Actor } from "@basegun/auth";
import { PhotoNotFoundError } from "@basegun/storage";
import type { ServiceDeps } from "../../deps.ts";
import { notFound } from "../../errors.ts";
import { canReadCase } from "../access.ts";

/**
 * The display derivative of a photo (metadata-free JPEG). Originals, kept as possible evidence, are not
 * served here.
 */
export async function getPhotoForViewer(deps: ServiceDeps, actor: Actor, photoId: string): Promise<{ bytes: Buffer; contentType: string }> {
  const photo = await deps.db.photo.findUnique({
    where: { id: photoId },
    include: { case: { select: { ownerId: true, unit: true, reviews: { select: { id: true }, take: 1 } } } },
  });
  // experts see the cases in the review queue, whoever's unit they come from
  const inReview = photo !== null && photo.case.reviews.length > 0 && hasScope(actor.role, "review:read");
  if (!photo || !(canReadCase(actor, photo.case) || inReview)) throw notFound("photo");
  try {
    return { bytes: await deps.store.get(photo.derivativeKey), contentType: "image/jpeg" };
  } catch (e) {
    if (e instanceof PhotoNotFoundError) throw notFound("photo");
    throw e;
  }
}
