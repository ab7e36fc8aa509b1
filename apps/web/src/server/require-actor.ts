import type { Actor } from "@basegun/auth";
import { getPathname, redirect } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { getActor } from "./actor";

/**
 * The signed-in actor, or a redirect to the sign-in page that comes back to `path` afterwards.
 * Checked in each page (not only in a layout): layouts are not re-rendered on client navigation.
 */
export async function requireActor(locale: Locale, path: string): Promise<Actor> {
  const actor = await getActor();
  if (!actor) {
    const callbackUrl = getPathname({ href: path, locale });
    return redirect({ href: { pathname: "/sign-in", query: { callbackUrl } }, locale });
  }
  return actor;
}
