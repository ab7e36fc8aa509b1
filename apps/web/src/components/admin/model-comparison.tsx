"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import type { RouterOutputs } from "@basegun/api";
import { formatRate } from "@/lib/admin/lifecycle-view";
import { useTRPC } from "@/trpc/react";
import { AdminTable, Bar, Delta, ErrorNote, Rate, Section, tableHeadClass, Th } from "./lifecycle-ui";

type Comparison = RouterOutputs["models"]["compare"];
type Metrics = NonNullable<Comparison["candidate"]["metrics"]>;

/** A candidate beside production (or another baseline) on the same frozen test split. */
export function ModelComparison({ candidateId }: { candidateId: string }) {
  const t = useTranslations("admin.compare");
  const trpc = useTRPC();
  const comparison = useQuery(trpc.models.compare.queryOptions({ candidateId }));
  return (
    <Section title={t("title")} testId="model-comparison">
      {comparison.isPending ? <p className="text-sm text-muted">{t("loading")}</p> : null}
      <ErrorNote error={comparison.error} />
      {comparison.data ? <ComparisonBody comparison={comparison.data} /> : null}
    </Section>
  );
}

export function ComparisonBody({ comparison }: { comparison: Comparison }) {
  const t = useTranslations("admin.compare");
  const { candidate, baseline } = comparison;
  return (
    <div className="space-y-5">
      <p className="text-sm">
        {t("summary", {
          candidate: candidate.version,
          baseline: baseline?.version ?? "—",
          dataset: comparison.datasetVersion ? `v${comparison.datasetVersion.number}` : "—",
        })}
      </p>
      {comparison.missing.length > 0 ? (
        <p role="alert" className="rounded border-l-4 border-warning bg-warning-light p-2 text-sm">
          {t("missing", { versions: comparison.missing.map((item) => item.version).join(", ") })}
        </p>
      ) : null}
      <Capabilities comparison={comparison} />
      <div className="overflow-x-auto">
        <table className="w-full max-w-2xl text-left text-sm" data-testid="headline-metrics">
          <thead className={tableHeadClass}>
            <tr>
              <Th>{t("metric")}</Th>
              <Th right>{candidate.version}</Th>
              <Th right>{baseline?.version ?? t("baseline")}</Th>
              <Th right>{t("delta")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200">
            {comparison.headline.map((row) => (
              <tr key={row.metric}>
                <td className="py-1 pr-3">
                  {t.has(`metrics.${row.metric}` as "metrics.top1Accuracy") ? t(`metrics.${row.metric}` as "metrics.top1Accuracy") : row.metric}
                  {/* exact accuracy is measured on exactly-labelled photos only: say how many */}
                  {row.metric === "top1Accuracy" ? ` (${t("exactLabels", { candidate: candidate.metrics?.counts.exact ?? 0 })})` : ""}
                </td>
                <td className="py-1 pr-3 text-right">
                  <MetricValue metric={row.metric} value={row.candidate} />
                </td>
                <td className="py-1 pr-3 text-right">
                  <MetricValue metric={row.metric} value={row.baseline} />
                </td>
                <td className="py-1 pr-3 text-right">
                  <Delta delta={row.delta} higherIsBetter={row.higherIsBetter} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div>
        <h3 className="font-semibold">{t("perClass")}</h3>
        <AdminTable
          testId="per-class"
          head={
            <>
              <Th>{t("class")}</Th>
              <Th right>{t("support")}</Th>
              <Th>{t("recallCandidate")}</Th>
              <Th>{t("recallBaseline")}</Th>
              <Th right>{t("recallDelta")}</Th>
              <Th right>{t("precisionDelta")}</Th>
            </>
          }
        >
          {comparison.perClass.map((row) => (
            <tr key={row.typology}>
              <td className="py-1 pr-3">{row.typology}</td>
              <td className="py-1 pr-3 text-right tabular-nums">{row.support}</td>
              <td className="w-48 py-1 pr-3">
                <Bar value={row.candidate.recall ?? 0} max={1} label={rateLabel(row.candidate.recall)} />
              </td>
              <td className="w-48 py-1 pr-3">
                <Bar value={row.baseline?.recall ?? 0} max={1} tone="muted" label={rateLabel(row.baseline?.recall)} />
              </td>
              <td className="py-1 pr-3 text-right">
                <Delta delta={row.recallDelta} />
              </td>
              <td className="py-1 pr-3 text-right">
                <Delta delta={row.precisionDelta} />
              </td>
            </tr>
          ))}
        </AdminTable>
        {comparison.perClassWithoutExactLabels > 0 ? (
          <p className="mt-1 text-sm text-muted" data-testid="per-class-without-exact">
            {t("withoutExactLabels", { count: comparison.perClassWithoutExactLabels })}
          </p>
        ) : null}
      </div>

      <div>
        <h3 className="font-semibold">{t("tiers")}</h3>
        <table className="w-full max-w-3xl text-left text-sm" data-testid="tiers">
          <thead className={tableHeadClass}>
            <tr>
              <Th>{t("tier")}</Th>
              <Th>{t("coverage")}</Th>
              <Th right>{t("coverageDelta")}</Th>
              <Th>{t("precision")}</Th>
              <Th right>{t("precisionDelta")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-neutral-200">
            {comparison.tiers.map((row) => (
              <tr key={row.tier}>
                <td className="py-1 pr-3">{t(`tierNames.${row.tier}`)}</td>
                <td className="w-56 py-1 pr-3">
                  <Bar value={row.candidate.coverage} max={1} label={`${rateLabel(row.candidate.coverage)} / ${rateLabel(row.baseline?.coverage)}`} />
                </td>
                <td className="py-1 pr-3 text-right">
                  <Delta delta={row.coverageDelta} />
                </td>
                <td className="w-56 py-1 pr-3">
                  <Bar value={row.candidate.precision ?? 0} max={1} tone="success" label={`${rateLabel(row.candidate.precision)} / ${rateLabel(row.baseline?.precision)}`} />
                </td>
                <td className="py-1 pr-3 text-right">
                  <Delta delta={row.precisionDelta} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <div className="grid gap-5 xl:grid-cols-2">
        <MetricsDetail title={candidate.version} metrics={candidate.metrics} />
        {baseline ? <MetricsDetail title={baseline.version} metrics={baseline.metrics} /> : null}
      </div>
    </div>
  );
}

// one rounding on every screen (the domain's formatPercent, as in the promotion's messages)
const rateLabel = (value: number | null | undefined) => formatRate(value);

function MetricValue({ value }: { metric: string; value: number | null }) {
  return <Rate value={value} />;
}

/** What each version can answer, side by side: "pas une arme" and the typologies it names. */
function Capabilities({ comparison }: { comparison: Comparison }) {
  const t = useTranslations("admin.compare");
  const { candidate, baseline, lost } = comparison;
  const noFirearm = (capabilities: Comparison["candidate"]["capabilities"]) =>
    capabilities.noFirearm
      ? t("yesThreshold", { threshold: capabilities.noFirearmThreshold?.toFixed(4) ?? "—" })
      : t("noThreshold", { threshold: capabilities.noFirearmThreshold?.toFixed(4) ?? "—" });
  return (
    <div data-testid="capabilities">
      <h3 className="font-semibold">{t("capabilities")}</h3>
      <table className="w-full max-w-2xl text-left text-sm">
        <thead className={tableHeadClass}>
          <tr>
            <Th>{t("capability")}</Th>
            <Th>{candidate.version}</Th>
            <Th>{baseline?.version ?? t("baseline")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          <tr>
            <td className="py-1 pr-3">{t("noFirearmAnswer")}</td>
            <td className={`py-1 pr-3 ${lost?.noFirearm ? "font-semibold text-danger" : ""}`}>{noFirearm(candidate.capabilities)}</td>
            <td className="py-1 pr-3">{baseline ? noFirearm(baseline.capabilities) : "—"}</td>
          </tr>
          <tr>
            <td className="py-1 pr-3">{t("namedTypologies")}</td>
            <td className={`py-1 pr-3 ${lost && lost.typologies.length > 0 ? "font-semibold text-danger" : ""}`}>{candidate.capabilities.trainedTypologies.length}</td>
            <td className="py-1 pr-3">{baseline ? baseline.capabilities.trainedTypologies.length : "—"}</td>
          </tr>
        </tbody>
      </table>
      {lost && lost.typologies.length > 0 ? <p className="mt-1 text-sm text-danger">{t("lostTypologies", { typologies: lost.typologies.join(", ") })}</p> : null}
      {comparison.regressions.length > 0 ? (
        <div className="mt-2 rounded border-l-4 border-danger bg-danger-light p-2 text-sm" data-testid="comparison-regressions">
          <p className="font-semibold">{t("regressions")}</p>
          <ul className="list-disc pl-5">
            {comparison.regressions.map((regression) => (
              <li key={regression.metric}>{regression.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

/** The confusion matrix and calibration bins of one version's evaluation. */
function MetricsDetail({ title, metrics }: { title: string; metrics: Metrics | null }) {
  const t = useTranslations("admin.compare");
  if (!metrics) return <p className="text-sm text-muted">{t("noMetrics", { version: title })}</p>;
  const { columns, rows } = metrics.confusion;
  const maxCell = Math.max(1, ...rows.flatMap((row) => row.counts));
  return (
    <div className="space-y-3" data-testid="metrics-detail">
      <h3 className="font-semibold">{t("confusionTitle", { version: title })}</h3>
      <div className="overflow-x-auto">
        <table className="text-xs tabular-nums">
          <thead>
            <tr>
              <th scope="col" className="p-1 text-left text-muted">
                {t("truthPredicted")}
              </th>
              {columns.map((column) => (
                <th key={column} scope="col" className="p-1 text-muted [writing-mode:vertical-rl]">
                  {column === "ex_aequo" ? t("tieColumn") : column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.label}>
                <th scope="row" className="p-1 text-left font-normal">
                  {row.label}
                </th>
                {row.counts.map((count, index) => (
                  <td
                    key={columns[index] ?? index}
                    className={`min-w-7 p-1 text-center ${columns[index] === row.label ? "font-bold" : ""}`}
                    style={{ backgroundColor: count ? `rgba(0, 0, 145, ${0.08 + (0.6 * count) / maxCell})` : undefined, color: count / maxCell > 0.6 ? "white" : undefined }}
                  >
                    {count || ""}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3 className="font-semibold">{t("calibrationTitle", { ece: formatRate(metrics.calibration.ece) })}</h3>
      <table className="w-full max-w-md text-xs tabular-nums">
        <thead className={tableHeadClass}>
          <tr>
            <Th>{t("bin")}</Th>
            <Th right>{t("count")}</Th>
            <Th>{t("confidenceVsAccuracy")}</Th>
          </tr>
        </thead>
        <tbody>
          {metrics.calibration.bins.map((bin) => (
            <tr key={bin.from}>
              <td className="py-0.5 pr-3">
                {bin.from.toFixed(1)}–{bin.to.toFixed(1)}
              </td>
              <td className="py-0.5 pr-3 text-right">{bin.count}</td>
              <td className="w-56 py-0.5">
                <Bar value={bin.meanConfidence ?? 0} max={1} tone="muted" label={rateLabel(bin.meanConfidence)} />
                <Bar value={bin.accuracy ?? 0} max={1} tone="success" label={rateLabel(bin.accuracy)} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
