"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { ErrorNote, Rate, Section, useDateTime } from "./lifecycle-ui";

/** How often the shadow version agrees with production on live cases, and with the experts. */
export function ShadowReportView() {
  const t = useTranslations("admin.shadowReport");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const report = useQuery(trpc.models.shadowReport.queryOptions({}));
  const data = report.data;
  return (
    <Section title={t("title")} testId="shadow-report">
      <ErrorNote error={report.error} />
      {data && !data.modelVersion ? <p className="text-sm text-muted">{t("noShadow")}</p> : null}
      {data?.modelVersion ? (
        <dl className="grid max-w-3xl grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
          <dt className="text-muted">{t("version")}</dt>
          <dd className="font-semibold sm:col-span-2">{data.modelVersion.version}</dd>
          <dt className="text-muted">{t("cases", { since: dateTime(data.since) })}</dt>
          <dd className="tabular-nums sm:col-span-2">{data.cases}</dd>
          <dt className="text-muted">{t("topTypology")}</dt>
          <dd className="sm:col-span-2"><Rate value={data.agreement.topTypology} /></dd>
          <dt className="text-muted">{t("tier")}</dt>
          <dd className="sm:col-span-2"><Rate value={data.agreement.tier} /></dd>
          <dt className="text-muted">{t("status")}</dt>
          <dd className="sm:col-span-2"><Rate value={data.agreement.status} /></dd>
          <dt className="text-muted">{t("expert", { labelled: data.expert.labelled })}</dt>
          <dd className="sm:col-span-2">
            {t("shadowVsProduction")} <Rate value={data.expert.shadowAgrees} /> / <Rate value={data.expert.productionAgrees} />
          </dd>
        </dl>
      ) : null}
    </Section>
  );
}
