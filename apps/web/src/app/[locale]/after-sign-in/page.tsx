import { redirect } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { homePathFor } from "@/lib/home-path";
import { requireActor } from "@/server/require-actor";

/** Where sign-in sends people who did not ask for a page: each role to its own home. */
export default async function AfterSignInPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  const actor = await requireActor(locale, "/");
  return redirect({ href: homePathFor(actor.role), locale });
}
