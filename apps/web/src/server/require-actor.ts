import { notFound } from "next/navigation";
import { hasScope, type Actor, type Scope } from "@basegun/auth";
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

/**
 * As requireActor, and the page does not exist for anyone without `scope` (a 404, not a 403: officers
 * are not told where the expert pages are).
 */
export async function requireScopeOrNotFound(locale: Locale, path: string, scope: Scope): Promise<Actor> {
  const actor = await requireActor(locale, path);
  if (!hasScope(actor.role, scope)) notFound();
  return actor;
}
