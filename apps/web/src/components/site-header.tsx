import { getTranslations } from "next-intl/server";
import { Suspense } from "react";
import { getActor } from "@/server/actor";
import { signOutAction } from "@/server/auth-actions";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { HeaderMenu } from "./header-menu";
import { LanguageSwitch } from "./language-switch";

export async function SiteHeader({ locale }: { locale: Locale }) {
  const t = await getTranslations({ locale, namespace: "nav" });
  const actor = await getActor();
  return (
    <header className="border-b border-neutral-200 bg-white">
      <div className="mx-auto flex h-12 max-w-2xl items-center justify-between gap-2 px-4">
        <Link href="/" className="flex items-center gap-2 text-lg font-bold text-france">
          <span aria-hidden="true" className="inline-block h-5 w-1.5 bg-france" />
          Basegun
        </Link>
        <div className="flex items-center gap-1">
          <Suspense>
            <LanguageSwitch label={t("switchTo")} ariaLabel={t("switchToLabel")} />
          </Suspense>
          {actor ? (
            <HeaderMenu label={t("mainMenu")}>
              <Link href="/identifications" className="block rounded px-3 py-3 hover:bg-france-light">
                {t("myIdentifications")}
              </Link>
              <Link href="/securing" className="block rounded px-3 py-3 hover:bg-france-light">
                {t("securing")}
              </Link>
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
