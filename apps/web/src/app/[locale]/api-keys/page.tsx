import type { Metadata } from "next";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { hasScope } from "@basegun/auth";
import { ApiKeysConsole } from "@/components/api-keys/api-keys-console";
import type { Locale } from "@/i18n/routing";
import { requireScopeOrNotFound } from "@/server/require-actor";
import { TRPCReactProvider } from "@/trpc/react";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "apiKeys" }))("title") };
}

/** API keys: each user's own; admins also everyone's (list, create for a user, revoke). */
export default async function ApiKeysPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireScopeOrNotFound(locale, "/api-keys", "apiKey:manage:own");
  const t = await getTranslations({ locale, namespace: "apiKeys" });
  return (
    <div className="pt-4">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-1 text-sm text-muted">{t("intro")}</p>
      <TRPCReactProvider>
        <ApiKeysConsole canManageAny={hasScope(actor.role, "apiKey:manage:any")} />
      </TRPCReactProvider>
    </div>
  );
}
