import { getServiceDeps } from "@basegun/api";
import { actorFromApiKey, type Actor } from "@basegun/auth";

/** The public API authenticates with API keys only (no cookies, so no CSRF surface). */
export async function apiKeyActor(request: Request): Promise<Actor | null> {
  return actorFromApiKey(getServiceDeps().db, request.headers.get("authorization"));
}
