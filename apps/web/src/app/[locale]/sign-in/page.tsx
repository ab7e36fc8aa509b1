import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { oidcEnabled } from "@/auth";
import { SignInForm } from "@/components/sign-in-form";
import { redirect } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { getActor } from "@/server/actor";
import { signInWithSso } from "@/server/auth-actions";
import { env } from "@/env";
import { homePathFor } from "@/lib/home-path";
import { safeReturnPath } from "@/lib/safe-return-path";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  const t = await getTranslations({ locale, namespace: "signIn" });
  return { title: t("title") };
}

export default async function SignInPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: Locale }>;
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { locale } = await params;
  setRequestLocale(locale);
  const { callbackUrl, error } = await searchParams;
  // without a page to come back to, each role lands on its own home (experts: the review queue)
  const returnTo = safeReturnPath(callbackUrl, locale === "en" ? "/en/after-sign-in" : "/after-sign-in");
  const actor = await getActor();
  if (actor) redirect({ href: homePathFor(actor.role), locale });
  const t = await getTranslations({ locale, namespace: "signIn" });
  const showDemoHint = process.env.NODE_ENV !== "production" || process.env.BASEGUN_DEMO === "1";

  return (
    <div className="pt-6">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-2 text-muted">{t("intro")}</p>
      {error ? (
        <p role="alert" className="mt-4 rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          {t("ssoFailed")}
        </p>
      ) : null}
      <SignInForm callbackUrl={returnTo} />
      {oidcEnabled ? (
        <form action={signInWithSso} className="mt-6">
          <p className="mb-3 text-center text-sm text-muted">{t("or")}</p>
          <input type="hidden" name="callbackUrl" value={returnTo} />
          <button type="submit" className="h-12 w-full rounded border-2 border-france font-semibold text-france hover:bg-france-light">
            {t("sso", { name: env.AUTH_OIDC_NAME ?? "SSO" })}
          </button>
        </form>
      ) : null}
      {showDemoHint ? <p className="mt-8 text-xs text-muted">{t("demoHint")}</p> : null}
    </div>
  );
}
