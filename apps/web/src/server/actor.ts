import { cache } from "react";
import { actorFromUserId, type Actor } from "@basegun/auth";
import { getDb } from "@basegun/db";
import { auth } from "@/auth";

/**
 * The signed-in person for this request, with the role re-read from the database (the session cookie
 * holds only the user id). Null when signed out, unknown or disabled. Cached per request.
 */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  return actorFromUserId(getDb(), userId);
});
