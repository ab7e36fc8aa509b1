import { buildOpenApiDocument } from "../_lib/openapi.ts";

export const dynamic = "force-static";

export function GET(): Response {
  return Response.json(buildOpenApiDocument());
}
