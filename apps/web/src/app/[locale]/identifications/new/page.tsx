import type { Metadata } from "next";
import { photoGuidanceFor } from "@basegun/domain";
import { getTranslations, setRequestLocale } from "next-intl/server";
import { PhotoExampleDrawing } from "@/components/drawings";
import { OutboxList } from "@/components/offline/outbox-list";
import { PhotoUploader } from "@/components/photo-uploader";
import { Link } from "@/i18n/navigation";
import type { Locale } from "@/i18n/routing";
import { pick } from "@/lib/localized";
import { requireActor } from "@/server/require-actor";

export async function generateMetadata({ params }: { params: Promise<{ locale: Locale }> }): Promise<Metadata> {
  const { locale } = await params;
  return { title: (await getTranslations({ locale, namespace: "newIdentification" }))("title") };
}

export default async function NewIdentificationPage({ params }: { params: Promise<{ locale: Locale }> }) {
  const { locale } = await params;
  setRequestLocale(locale);
  const actor = await requireActor(locale, "/identifications/new");
  const t = await getTranslations({ locale, namespace: "newIdentification" });

  return (
    <div className="pt-5">
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      {/* a send that failed (or was kept offline) and its retry come before the guidance: above the fold */}
      <div className="flex flex-col">
        <section aria-labelledby="guidance-title" className="mt-4 rounded-lg bg-neutral-100 p-4">
          <h2 id="guidance-title" className="font-bold">
            {t("guidanceTitle")}
          </h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
            {photoGuidanceFor(null).map((item) => (
              <li key={item.key}>{pick(item, locale)}</li>
            ))}
          </ol>
          <h3 className="sr-only">{t("examplesTitle")}</h3>
          <div className="mt-3 grid grid-cols-2 gap-3" data-testid="photo-examples">
            <figure>
              <PhotoExampleDrawing kind="good" title={t("exampleGoodAlt")} className="w-full" />
              <figcaption className="mt-1 text-xs font-semibold text-success">{t("exampleGood")}</figcaption>
            </figure>
            <figure>
              <PhotoExampleDrawing kind="avoid" title={t("exampleBadAlt")} className="w-full" />
              <figcaption className="mt-1 text-xs font-semibold text-danger">{t("exampleBad")}</figcaption>
            </figure>
          </div>
          <p className="mt-3 text-sm">
            {t("safetyFirst")}{" "}
            <Link href="/securing" className="font-medium text-france underline underline-offset-4">
              {t("safetyLink")}
            </Link>
          </p>
        </section>
        <div className="mt-5 has-[[data-retry-first]]:order-first has-[[data-retry-first]]:mt-4">
          <PhotoUploader officerId={actor.userId} />
        </div>
      </div>
      <OutboxList />
    </div>
  );
}
