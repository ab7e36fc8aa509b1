"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RouterOutputs } from "@basegun/api";
import { useTRPC } from "@/trpc/react";
import { AliasHistory } from "./alias-history";
import { ErrorNote, Rate, Section, Th, buttonClass, secondaryButtonClass, tableHeadClass, useDateTime } from "./lifecycle-ui";
import { ModelComparison } from "./model-comparison";
import { ModelUploadForm } from "./model-upload-form";
import { PredictionLineage } from "./prediction-lineage";
import { PromoteDialog } from "./promote-dialog";
import { ShadowReportView } from "./shadow-report";

type ModelVersion = RouterOutputs["models"]["list"][number];

/** The model registry: aliases, immutable versions, comparison, promotion, rollback, shadow, upload. */
export function ModelsConsole() {
  const t = useTranslations("admin.models");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useQuery(trpc.models.list.queryOptions({}));
  const [comparing, setComparing] = useState<string | null>(null);
  const [promoting, setPromoting] = useState<string | null>(null);
  const refreshAll = () => queryClient.invalidateQueries({ queryKey: trpc.models.pathKey() });

  const production = versions.data?.find((version) => version.aliases.includes("production")) ?? null;
  const shadow = versions.data?.find((version) => version.aliases.includes("shadow")) ?? null;

  return (
    <div className="mt-5 space-y-6">
      <Aliases production={production} shadow={shadow} onMoved={refreshAll} />
      {promoting ? <PromoteDialog modelVersionId={promoting} onClose={() => setPromoting(null)} onPromoted={refreshAll} /> : null}
      <Section title={t("versionsTitle")} testId="model-versions">
        {versions.isPending ? <p className="text-sm text-muted">{t("loading")}</p> : null}
        <ErrorNote error={versions.error} />
        {versions.data ? (
          <VersionsTable
            versions={versions.data}
            onCompare={(id) => setComparing(id === comparing ? null : id)}
            onPromote={setPromoting}
            onShadowSet={refreshAll}
            productionId={production?.id ?? null}
          />
        ) : null}
      </Section>
      {comparing ? <ModelComparison candidateId={comparing} /> : null}
      <AliasHistory />
      <ShadowReportView />
      <PredictionLineage />
      <ModelUploadForm onUploaded={refreshAll} />
    </div>
  );
}

/** "La production quitte X et revient à Y": both versions named, as the server will move them. */
function RollbackChange({ fallback }: { fallback: string }) {
  const t = useTranslations("admin.models");
  const trpc = useTRPC();
  const preview = useQuery(trpc.models.rollbackPreview.queryOptions(undefined, { staleTime: 0 }));
  if (preview.isPending) return <p className="text-muted">{t("loading")}</p>;
  if (!preview.data) return <p data-testid="rollback-change">{t("rollbackNothing", { version: fallback })}</p>;
  return <p data-testid="rollback-change">{t("rollbackConfirmText", { leaving: preview.data.leaving.version, returningTo: preview.data.returningTo.version })}</p>;
}

function Aliases({ production, shadow, onMoved }: { production: ModelVersion | null; shadow: ModelVersion | null; onMoved: () => void }) {
  const t = useTranslations("admin.models");
  const trpc = useTRPC();
  const [confirmingRollback, setConfirmingRollback] = useState(false);
  const [reason, setReason] = useState("");
  const rollback = useMutation(
    trpc.models.rollback.mutationOptions({
      onSuccess: () => {
        setConfirmingRollback(false);
        setReason("");
        onMoved();
      },
    }),
  );
  const clearShadow = useMutation(trpc.models.clearShadow.mutationOptions({ onSuccess: onMoved }));
  // the version a rollback would restore; none while production never had a predecessor
  const preview = useQuery(trpc.models.rollbackPreview.queryOptions(undefined, { enabled: production !== null }));
  const rollbackTarget = preview.data?.returningTo ?? null;
  const rollbackUnavailable = preview.isSuccess && rollbackTarget === null;

  return (
    <div className="grid gap-4 md:grid-cols-2">
      <Section title={t("production")} testId="alias-production">
        <p className="text-2xl font-bold tabular-nums" data-testid="production-version">
          {production?.version ?? t("none")}
        </p>
        {production ? <p className="text-sm text-muted">{t("aliasSummary", { source: t(`sources.${production.source}`), predictions: production.predictions })}</p> : null}
        {production && !confirmingRollback ? (
          <>
            <button
              type="button"
              className={`${secondaryButtonClass} mt-3`}
              disabled={!rollbackTarget}
              aria-describedby="rollback-status"
              onClick={() => setConfirmingRollback(true)}
            >
              {t("rollback")}
            </button>
            <p id="rollback-status" className="mt-1 text-sm text-muted" data-testid="rollback-status">
              {rollbackTarget ? t("rollbackTarget", { version: rollbackTarget.version }) : rollbackUnavailable ? t("rollbackUnavailable") : null}
            </p>
          </>
        ) : null}
        {production && confirmingRollback ? (
          <div className="mt-3 rounded border border-danger bg-danger-light p-3 text-sm" role="group" aria-label={t("rollbackConfirmTitle")}>
            <p className="font-semibold">{t("rollbackConfirmTitle")}</p>
            <RollbackChange fallback={production.version} />
            <label className="mt-2 block font-semibold">
              {t("reason")}
              <input value={reason} onChange={(event) => setReason(event.target.value)} maxLength={500} className="mt-1 h-10 w-full rounded border border-neutral-500 bg-white px-2 font-normal" />
            </label>
            <div className="mt-2 flex gap-2">
              <button
                type="button"
                className={buttonClass}
                disabled={rollback.isPending}
                onClick={() => rollback.mutate({ expectedCurrentVersionId: production.id, confirm: true, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
              >
                {t("rollbackConfirm")}
              </button>
              <button type="button" className={secondaryButtonClass} onClick={() => setConfirmingRollback(false)}>
                {t("cancel")}
              </button>
            </div>
          </div>
        ) : null}
        <ErrorNote error={rollback.error} />
      </Section>
      <Section title={t("shadow")} testId="alias-shadow">
        <p className="text-2xl font-bold tabular-nums" data-testid="shadow-version">
          {shadow?.version ?? t("none")}
        </p>
        <p className="text-sm text-muted">{t("shadowHint")}</p>
        {shadow ? (
          <button type="button" className={`${secondaryButtonClass} mt-3`} disabled={clearShadow.isPending} onClick={() => clearShadow.mutate({})}>
            {t("clearShadow")}
          </button>
        ) : null}
        <ErrorNote error={clearShadow.error} />
      </Section>
    </div>
  );
}

function VersionsTable({
  versions,
  productionId,
  onCompare,
  onPromote,
  onShadowSet,
}: {
  versions: ModelVersion[];
  productionId: string | null;
  onCompare: (id: string) => void;
  onPromote: (id: string) => void;
  onShadowSet: () => void;
}) {
  const t = useTranslations("admin.models");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const setShadow = useMutation(trpc.models.setShadow.mutationOptions({ onSuccess: onShadowSet }));
  if (versions.length === 0) return <p className="text-sm text-muted">{t("noVersions")}</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead className={tableHeadClass}>
          <tr>
            <Th>{t("version")}</Th>
            <Th>{t("source")}</Th>
            <Th>{t("hash")}</Th>
            <Th>{t("trainedOn")}</Th>
            <Th right>{t("inLabelAccuracy")}</Th>
            <Th right>{t("familyAccuracy")}</Th>
            <Th right>{t("ece")}</Th>
            <Th right>{t("predictions")}</Th>
            <Th>{t("createdAt")}</Th>
            <Th>{t("actions")}</Th>
          </tr>
        </thead>
        <tbody className="divide-y divide-neutral-200">
          {versions.map((version) => {
            const evaluation = version.evaluations[0];
            const isProduction = version.id === productionId;
            return (
              <tr key={version.id} data-testid="model-version-row" data-version={version.version}>
                <td className="whitespace-nowrap py-1.5 pr-3 font-semibold tabular-nums">
                  {version.version}
                  {version.aliases.map((alias) => (
                    <span key={alias} className={`ml-2 rounded px-1.5 text-xs ${alias === "production" ? "bg-success-light text-success" : "bg-france-light text-france"}`}>
                      {t(`aliasBadges.${alias as "production" | "shadow"}`)}
                    </span>
                  ))}
                  {version.status === "candidate" ? <span className="ml-2 rounded bg-neutral-200 px-1.5 text-xs">{t("candidate")}</span> : null}
                </td>
                <td className="py-1.5 pr-3">{t(`sources.${version.source}`)}</td>
                <td className="py-1.5 pr-3 font-mono text-xs" title={version.artifactSha256}>
                  {version.artifactSha256.slice(0, 12)}
                </td>
                <td className="py-1.5 pr-3">{version.trainedOn ? t("datasetVersion", { number: version.trainedOn.number }) : "—"}</td>
                <td className="py-1.5 pr-3 text-right">
                  <Rate value={evaluation?.inLabelAccuracy} />
                </td>
                <td className="py-1.5 pr-3 text-right">
                  <Rate value={evaluation?.familyAccuracy} />
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{evaluation?.ece != null ? evaluation.ece.toFixed(3) : "—"}</td>
                <td className="py-1.5 pr-3 text-right tabular-nums">{version.predictions}</td>
                <td className="py-1.5 pr-3">{dateTime(version.createdAt)}</td>
                <td className="flex flex-wrap gap-1 py-1.5">
                  {!isProduction ? (
                    <>
                      <button type="button" className="rounded px-2 py-1 text-france underline-offset-4 hover:underline" onClick={() => onCompare(version.id)}>
                        {t("compare")}
                      </button>
                      <button type="button" className="rounded px-2 py-1 font-semibold text-france underline-offset-4 hover:underline" onClick={() => onPromote(version.id)}>
                        {t("promote")}
                      </button>
                      {!version.aliases.includes("shadow") ? (
                        <button type="button" className="rounded px-2 py-1 text-france underline-offset-4 hover:underline" onClick={() => setShadow.mutate({ modelVersionId: version.id })}>
                          {t("setShadow")}
                        </button>
                      ) : null}
                    </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <ErrorNote error={setShadow.error} />
      <p className="mt-2 text-xs text-muted">{t("immutableNote")}</p>
    </div>
  );
}
