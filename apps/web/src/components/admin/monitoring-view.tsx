"use client";

import { useQuery } from "@tanstack/react-query";
import { isTypologyKey, TYPOLOGIES } from "@basegun/domain";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@basegun/api";
import { formatRate } from "@/lib/admin/lifecycle-view";
import { pick } from "@/lib/localized";
import { useTRPC } from "@/trpc/react";
import { Bar, ErrorNote, Rate, Section, Th, tableHeadClass } from "./lifecycle-ui";

type VersionMonitoring = RouterOutputs["models"]["monitoring"][number];

/** Live traffic per model version and ISO week, with the drift warnings against its own evaluation. */
export function MonitoringView() {
  const t = useTranslations("admin.monitoring");
  const trpc = useTRPC();
  const [weeks, setWeeks] = useState(8);
  const monitoring = useQuery(trpc.models.monitoring.queryOptions({ weeks }));
  return (
    <div className="mt-5 space-y-6">
      <label className="text-sm font-semibold">
        {t("weeks")}
        <select value={weeks} onChange={(event) => setWeeks(Number(event.target.value))} className="ml-2 h-9 rounded border border-neutral-500 px-1 font-normal">
          {[4, 8, 12, 26, 52].map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </select>
      </label>
      <ErrorNote error={monitoring.error} />
      {monitoring.data?.length === 0 ? <p className="text-sm text-muted">{t("empty")}</p> : null}
      {monitoring.data?.map((version) => <VersionPanel key={`${version.modelVersion.id}-${version.shadow}`} version={version} />)}
    </div>
  );
}

function VersionPanel({ version }: { version: VersionMonitoring }) {
  const t = useTranslations("admin.monitoring");
  const warnings = version.weeks.flatMap((week) => week.drift.map((warning) => ({ week: week.week, ...warning })));
  return (
    <Section title={`${version.modelVersion.version}${version.shadow ? ` (${t("shadow")})` : ""}`} testId="monitoring-version">
      {version.drifting ? (
        <div role="alert" className="mb-3 rounded border-l-4 border-warning bg-warning-light p-2 text-sm" data-testid="drift-warning">
          <p className="font-semibold">{t("driftTitle")}</p>
          <ul className="list-disc pl-5">
            {warnings.map((warning) => (
              <li key={`${warning.week}-${warning.metric}`}>
                {warning.week} · {t(`metrics.${warning.metric}`)} : {t(`driftMessages.${warning.metric}`, driftValues(warning))}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="text-sm text-muted">
        {version.reference
          ? t("reference", {
              dataset: version.reference.datasetVersion,
              lowTier: formatRate(version.reference.lowTierRate),
              confidence: formatRate(version.reference.meanConfidence),
              accuracy: formatRate(version.reference.inLabelAccuracy),
            })
          : t("noReference")}
      </p>
      {version.weeks.length === 0 ? <p className="mt-2 text-sm text-muted">{t("noTraffic")}</p> : null}
      {version.weeks.length > 0 ? (
        <div className="mt-2 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className={tableHeadClass}>
              <tr>
                <Th>{t("week")}</Th>
                <Th right>{t("predictions")}</Th>
                <Th>{t("classMix")}</Th>
                <Th>{t("confidence")}</Th>
                <Th right>{t("lowTierRate")}</Th>
                <Th right>{t("meanConfidence")}</Th>
                <Th right>{t("expertAgreement")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-neutral-200">
              {version.weeks.map((week) => (
                <tr key={week.week} className={week.drift.length > 0 ? "bg-warning-light" : undefined} data-testid="monitoring-week" data-week={week.week}>
                  <td className="py-1.5 pr-3 tabular-nums">{week.week}</td>
                  <td className="py-1.5 pr-3 text-right tabular-nums" data-testid="week-predictions">{week.predictions}</td>
                  <td className="min-w-80 py-1.5 pr-3 align-top">
                    <ClassMix mix={week.classMix} />
                  </td>
                  <td className="py-1.5 pr-3 align-top">
                    <Histogram counts={week.confidenceHistogram} />
                  </td>
                  <td className="py-1.5 pr-3 text-right">
                    <Rate value={week.lowTierRate} />
                  </td>
                  <td className="py-1.5 pr-3 text-right">
                    <Rate value={week.meanConfidence} />
                  </td>
                  <td className="py-1.5 pr-3 text-right">
                    <Rate value={week.expertAgreement.rate} />
                    <span className="block text-xs text-muted">{t("labels", { agreeing: week.expertAgreement.agreeing, labels: week.expertAgreement.labels })}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </Section>
  );
}

/** The class-mix warning measures a distance (a plain number); the others compare rates. */
function driftValues(warning: { metric: string; live: number; reference: number }) {
  return warning.metric === "classMix" ? { live: warning.live.toFixed(2), reference: warning.reference.toFixed(2) } : { live: formatRate(warning.live), reference: formatRate(warning.reference) };
}

function ClassMix({ mix }: { mix: Record<string, number> }) {
  const locale = useLocale();
  const t = useTranslations("admin.monitoring");
  const entries = Object.entries(mix).sort((a, b) => b[1] - a[1]);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  // typology keys read as the catalogue names them; a tie at the top as a tie; anything else (no_firearm, coarse labels) as stored
  const labelOf = (key: string) => (isTypologyKey(key) ? pick(TYPOLOGIES[key].label, locale) : key === "ex_aequo" ? t("tieMix") : key);
  return (
    <ul className="space-y-0.5 text-xs">
      {entries.slice(0, 5).map(([key, count]) => (
        <li key={key} className="grid grid-cols-[minmax(0,11rem)_minmax(3rem,1fr)_3rem] items-center gap-2" data-testid="class-mix-row" data-typology={key}>
          <span className="truncate" title={labelOf(key)}>
            {labelOf(key)}
          </span>
          <Bar value={count} max={total} />
          <span className="text-right tabular-nums">{formatRate(total ? count / total : null)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Ten deciles of confidence (shares of the week's photos) as a small SVG bar chart, scaled to its tallest bar. */
function Histogram({ counts }: { counts: number[] }) {
  const t = useTranslations("admin.monitoring");
  // shares, not counts: scaled to the largest share (a floor of 1 would flatten every bar)
  const max = Math.max(...counts) || 1;
  const barWidth = 8;
  const height = 36;
  return (
    <svg width={counts.length * (barWidth + 2)} height={height + 1} role="img" aria-label={t("histogramLabel", { counts: counts.map((share) => formatRate(share)).join(", ") })}>
      {counts.map((count, index) => {
        const barHeight = (count / max) * height;
        return <rect key={index} x={index * (barWidth + 2)} y={height - barHeight} width={barWidth} height={barHeight} className="fill-france" />;
      })}
      <line x1={0} x2={counts.length * (barWidth + 2)} y1={height + 0.5} y2={height + 0.5} className="stroke-neutral-400" />
    </svg>
  );
}
