import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { hasScope } from "@basegun/auth";
import { actorForLayout } from "@/server/actor-for-layout";
import { serverCaller } from "@/server/caller";
import { signOutAction } from "@/server/auth-actions";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "nav" });
  // during an outage the header renders without the menu and the page's own check shows the
  // "service unavailable" page (a layout error would bypass the localized error page)
  const actor = await actorForLayout();
  // expert verdicts the officer has not opened yet: shown outside the menu, so they are seen at once
  const unseen =
    actor && hasScope(actor.role, "identification:read:own")
      ? await (await serverCaller(actor)).identification.unseenVerdicts().then((answer) => answer.count, () => 0)
      : 0;
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex h-12 max-w-2xl items-center justify-between gap-2 px-4 group-has-[[data-wide]]/body:max-w-screen-2xl group-has-[[data-wide]]/body:px-6">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-france">
          <span aria-hidden="true" className="inline-block h-5 w-1.5 bg-france" />
          Basegun
        </Link>
        <div className="flex items-center gap-1">
          {/* signed in, the switch lives inside the menu: beside the menu button, one mis-tap changed the language */}
          {actor ? null : (
            <Suspense>
              <LanguageSwitch label={t("switchTo")} ariaLabel={t("switchToLabel")} />
            </Suspense>
          )}
          {unseen > 0 ? (
            <Link href="/identifications" data-testid="header-unseen-verdicts" className="flex h-10 items-center gap-1 rounded px-2 text-sm font-semibold text-danger hover:bg-danger-light">
              <span aria-hidden="true" className="flex h-6 min-w-6 items-center justify-center rounded-full bg-danger px-1 text-xs text-white">
                {unseen}
              </span>
              <span className="sr-only">{t("unseenVerdicts", { count: unseen })}</span>
            </Link>
          ) : null}
          {actor ? (
            <HeaderMenu label={t("mainMenu")}>
              {/* expert links only for those who may use them; the pages check again on the server */}
              {hasScope(actor.role, "review:read") ? (
                <Link href="/review" className="block rounded px-3 py-3 font-semibold hover:bg-france-light">
                  {t("reviewQueue")}
                </Link>
              ) : null}
              {hasScope(actor.role, "review:measures") ? (
                <Link href="/review/measures" className="block rounded px-3 py-3 hover:bg-france-light">
                  {t("reviewMeasures")}
                </Link>
              ) : null}
              {hasScope(actor.role, "routing:manage") ? (
                <Link href="/admin/routing" className="block rounded px-3 py-3 hover:bg-france-light">
                  {t("routingPolicy")}
                </Link>
              ) : null}
              {/* the model lifecycle console: admins only (the pages answer 404 to anyone else) */}
              {hasScope(actor.role, "dataset:manage") ? (
                <Link href="/admin/dataset" className="block rounded px-3 py-3 hover:bg-france-light">
                  {t("adminDataset")}
                </Link>
              ) : null}
              {hasScope(actor.role, "model:manage") ? (
                <>
                  <Link href="/admin/training" className="block rounded px-3 py-3 hover:bg-france-light">
                    {t("adminTraining")}
                  </Link>
                  <Link href="/admin/models" className="block rounded px-3 py-3 hover:bg-france-light">
                    {t("adminModels")}
                  </Link>
                  <Link href="/admin/monitoring" className="block rounded px-3 py-3 hover:bg-france-light">
                    {t("adminMonitoring")}
                  </Link>
                </>
              ) : null}
              <Link href="/identifications" className="block rounded px-3 py-3 hover:bg-france-light">
                {t("myIdentifications")}
              </Link>
              <Link href="/securing" className="block rounded px-3 py-3 hover:bg-france-light">
                {t("securing")}
              </Link>
              {hasScope(actor.role, "apiKey:manage:own") ? (
                <Link href="/api-keys" className="block rounded px-3 py-3 hover:bg-france-light">
                  {t("apiKeys")}
                </Link>
              ) : null}
              <div className="mt-1 border-t border-neutral-200 pt-1">
                <p className="px-3 pt-1 text-xs text-muted">{t("language")}</p>
                <Suspense>
                  <LanguageSwitch
                    label={t("switchTo")}
                    ariaLabel={t("switchToLabel")}
                    className="flex min-h-12 items-center rounded px-3 py-3 text-left hover:bg-france-light"
                  />
                </Suspense>
              </div>
              <form action={signOutAction}>
                <input type="hidden" name="locale" value={locale} />
                <button type="submit" className="block w-full rounded px-3 py-3 text-left hover:bg-france-light">
                  {t("signOut")}
                </button>
              </form>
            </HeaderMenu>
          ) : null}
        </div>
      </div>
    </header>
  );
}
