import { cache } from "react";
import type { Actor } from "@basegun/auth";
import { auth } from "@/auth";
import { ServiceUnavailableError } from "./service-unavailable";

/**
 * The signed-in person for this request. The session callback (packages/auth's next-auth.ts) has read
 * the server-side session joined to its user in this same call, so the role is current and a session
 * ended by sign-out or a password change gives null. Null when signed out, unknown or disabled; throws
 * ServiceUnavailableError when the database could not be asked. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = (await auth()) as { actor?: Actor; unavailable?: true } | null;
  if (session?.unavailable) throw new ServiceUnavailableError();
  return session?.actor ?? null;
});
