"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useOnline } from "./use-outbox";

/**
 * Shown on every page while the phone has no network: what still works and what will happen to the
 * photos. `renderedAt` is when the server drew this page: offline, the page is the copy the service
 * worker kept, so that is the date of the state the officer is looking at.
 */
export function OfflineBanner({ renderedAt }: { renderedAt: number }) {
  const online = useOnline();
  const t = useTranslations("offline");
  const format = useFormatter();
  if (online) return null;
  return (
    <div role="status" data-testid="offline-banner" className="border-b-4 border-warning bg-warning-light px-4 py-3 text-sm">
      <div className="mx-auto max-w-2xl">
        <p className="font-bold">{t("bannerTitle")}</p>
        <p>{t("bannerBody")}</p>
        <p className="mt-1">{t("bannerKnownState", { date: format.dateTime(new Date(renderedAt), { dateStyle: "medium", timeStyle: "short" }) })}</p>
      </div>
    </div>
  );
}
