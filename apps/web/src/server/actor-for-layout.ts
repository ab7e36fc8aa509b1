import type { Actor } from "@basegun/auth";
import { getActor } from "./actor";
import { ServiceUnavailableError } from "./service-unavailable";

/**
 * The signed-in actor for what layouts draw (the header's menu, the offline outbox's owner), or null
 * while the database is unreachable: a layout that threw would bypass the localized "service
 * momentanément indisponible" page, which the page's own check then shows.
 */
export async function actorForLayout(): Promise<Actor | null> {
  return getActor().catch((error: unknown) => {
    if (error instanceof ServiceUnavailableError) return null;
    throw error;
  });
}
