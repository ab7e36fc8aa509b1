import { getPhotoForViewer, getServiceDeps, ServiceError } from "@basegun/api";
import { getActor } from "@/server/actor";
import { logger } from "@/server/logger";

export const dynamic = "force-dynamic";

const PRIVATE_HEADERS = {
  // photos may be evidence: only the viewer's own browser may keep them
  "Cache-Control": "private, max-age=3600",
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "default-src 'none'; sandbox",
};

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401, headers: { "Cache-Control": "no-store" } });
  try {
    const photo = await getPhotoForViewer(getServiceDeps(), actor, id);
    return new Response(new Uint8Array(photo.bytes), {
      headers: { ...PRIVATE_HEADERS, "Content-Type": photo.contentType, "Content-Length": String(photo.bytes.length) },
    });
  } catch (error) {
    if (error instanceof ServiceError) return new Response(null, { status: error.httpStatus, headers: { "Cache-Control": "no-store" } });
    logger.error({ err: error, photoId: id }, "photo read failed");
    return new Response(null, { status: 500, headers: { "Cache-Control": "no-store" } });
  }
}
