"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { runsPollInterval, trainingParameters, type TrainingForm, type TrainingFormProblem } from "@/lib/admin/lifecycle-view";
import { useTRPC } from "@/trpc/react";
import { AdminTable, Bar, buttonClass, ErrorNote, fieldClass, secondaryButtonClass, Section, Th, useDateTime } from "./lifecycle-ui";
import { RunProgress } from "./run-progress";

const EMPTY_FORM: TrainingForm = { seed: "", maxIterations: "", l2Grid: "", minTierSupport: "", fieldLabelWeight: "", note: "" };

/** Starts training runs on frozen dataset versions and follows every run (train, evaluate, upload). */
export function TrainingConsole() {
  const t = useTranslations("admin.training");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dateTime = useDateTime();
  const datasetVersions = useQuery(trpc.dataset.versions.queryOptions({}));
  const runs = useQuery(trpc.models.runs.queryOptions({ limit: 50 }, { refetchInterval: (query) => runsPollInterval(query.state.data?.runs), staleTime: 0 }));
  const [datasetVersionId, setDatasetVersionId] = useState("");
  const [form, setForm] = useState<TrainingForm>(EMPTY_FORM);
  const [problem, setProblem] = useState<TrainingFormProblem | null>(null);
  const [openRun, setOpenRun] = useState<string | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.models.pathKey() });
  const train = useMutation(
    trpc.models.train.mutationOptions({
      onSuccess: (run) => {
        setOpenRun(run.id);
        void refresh();
      },
    }),
  );
  const cancel = useMutation(trpc.models.cancelRun.mutationOptions({ onSuccess: refresh }));

  const chosenVersion = datasetVersionId || datasetVersions.data?.[0]?.id || "";
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const result = trainingParameters(form);
    if ("problem" in result) return setProblem(result.problem);
    setProblem(null);
    if (!chosenVersion) return;
    train.mutate({ datasetVersionId: chosenVersion, parameters: result.parameters });
  };
  const field = (key: keyof TrainingForm, hint?: string) => (
    <label className="text-sm font-semibold">
      {t(`fields.${key}`)}
      <input value={form[key]} onChange={(event) => setForm({ ...form, [key]: event.target.value })} className={fieldClass} aria-invalid={problem === key} placeholder={hint} />
    </label>
  );

  return (
    <div className="mt-5 space-y-6">
      <Section title={t("startTitle")} testId="training-form">
        {datasetVersions.data?.length === 0 ? <p className="text-sm text-muted">{t("noFrozenVersion")}</p> : null}
        <form onSubmit={submit} className="grid max-w-4xl gap-3 sm:grid-cols-3" noValidate>
          <label className="text-sm font-semibold sm:col-span-3">
            {t("datasetVersion")}
            <select value={chosenVersion} onChange={(event) => setDatasetVersionId(event.target.value)} className={`${fieldClass} max-w-md`}>
              {datasetVersions.data?.map((version) => (
                <option key={version.id} value={version.id}>
                  {t("datasetOption", { number: version.number, items: version.itemCount, train: version.counts.splits.train, validation: version.counts.splits.validation, test: version.counts.splits.test })}
                </option>
              ))}
            </select>
          </label>
          {field("seed", "1")}
          {field("maxIterations", "5–2000")}
          {field("minTierSupport", "1–1000")}
          {field("l2Grid", "10 1 0.1")}
          {field("fieldLabelWeight", "1–200")}
          <div className="sm:col-span-2">{field("note")}</div>
          {problem ? (
            <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2 text-sm sm:col-span-3">
              {t(`problems.${problem}`)}
            </p>
          ) : null}
          <div className="sm:col-span-3">
            <button type="submit" className={buttonClass} disabled={!chosenVersion || train.isPending}>
              {t("start")}
            </button>
          </div>
        </form>
        <ErrorNote error={train.error ?? datasetVersions.error} />
      </Section>

      <EvaluateForm
        datasetVersions={datasetVersions.data ?? []}
        onStarted={(id) => {
          setOpenRun(id);
          void refresh();
        }}
      />

      <Section title={t("runsTitle")} testId="training-runs">
        <ErrorNote error={runs.error ?? cancel.error} />
        {runs.data?.runs.length === 0 ? <p className="text-sm text-muted">{t("noRuns")}</p> : null}
        {runs.data && runs.data.runs.length > 0 ? (
          <AdminTable
            head={
              <>
                <Th>{t("createdAt")}</Th>
                <Th>{t("kind")}</Th>
                <Th>{t("status")}</Th>
                <Th>{t("progress")}</Th>
                <Th>{t("dataset")}</Th>
                <Th>{t("model")}</Th>
                <Th>{t("by")}</Th>
                <Th>{t("actions")}</Th>
              </>
            }
          >
            {runs.data.runs.map((run) => (
              <tr key={run.id} data-testid="run-row" data-status={run.status}>
                <td className="py-1.5 pr-3">{dateTime(run.createdAt)}</td>
                <td className="py-1.5 pr-3">{t(`kinds.${run.kind}`)}</td>
                <td className="py-1.5 pr-3">
                  {t(`statuses.${run.status}`)}
                  {run.cancelRequested && run.status === "running" ? <span className="text-muted"> ({t("cancelling")})</span> : null}
                  {run.error ? <span className="block text-xs text-danger">{run.error}</span> : null}
                </td>
                <td className="w-48 py-1.5 pr-3">
                  <Bar value={run.progress} max={1} tone={run.status === "failed" ? "danger" : run.status === "succeeded" ? "success" : "france"} label={`${Math.round(run.progress * 100)} %`} />
                  {run.step ? <span className="text-xs text-muted">{run.step}</span> : null}
                </td>
                <td className="py-1.5 pr-3">{run.datasetVersion ? `v${run.datasetVersion.number}` : "—"}</td>
                <td className="py-1.5 pr-3 tabular-nums">{run.modelVersion?.version ?? run.plannedVersion ?? "—"}</td>
                <td className="py-1.5 pr-3">{run.createdBy?.name ?? "—"}</td>
                <td className="flex gap-1 py-1.5">
                  <button type="button" className="rounded px-2 py-1 text-france hover:underline" onClick={() => setOpenRun(openRun === run.id ? null : run.id)}>
                    {t("logs")}
                  </button>
                  {(run.status === "queued" || run.status === "running") && !run.cancelRequested ? (
                    <button type="button" className={`${secondaryButtonClass} h-8 px-2`} disabled={cancel.isPending} onClick={() => cancel.mutate({ id: run.id })}>
                      {t("cancel")}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </AdminTable>
        ) : null}
        {openRun ? (
          <div className="mt-4">
            <RunProgress runId={openRun} showLogs onFinished={refresh} />
          </div>
        ) : null}
      </Section>
    </div>
  );
}

/** Evaluates an existing model version on a frozen dataset version's test split (what comparisons need). */
function EvaluateForm({ datasetVersions, onStarted }: { datasetVersions: ReadonlyArray<{ id: string; number: number; itemCount: number }>; onStarted: (runId: string) => void }) {
  const t = useTranslations("admin.training");
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions({}));
  const [modelVersionId, setModelVersionId] = useState("");
  const [datasetVersionId, setDatasetVersionId] = useState("");
  const evaluate = useMutation(trpc.models.evaluate.mutationOptions({ onSuccess: (run) => onStarted(run.id) }));
  const model = modelVersionId || models.data?.[0]?.id || "";
  const dataset = datasetVersionId || datasetVersions[0]?.id || "";
  return (
    <Section title={t("evaluateTitle")} testId="evaluate-form">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          if (model && dataset) evaluate.mutate({ modelVersionId: model, datasetVersionId: dataset });
        }}
      >
        <label className="text-sm font-semibold">
          {t("model")}
          <select value={model} onChange={(event) => setModelVersionId(event.target.value)} className={`${fieldClass} w-56`}>
            {models.data?.map((version) => (
              <option key={version.id} value={version.id}>
                {version.version}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-semibold">
          {t("datasetVersion")}
          <select value={dataset} onChange={(event) => setDatasetVersionId(event.target.value)} className={`${fieldClass} w-56`}>
            {datasetVersions.map((version) => (
              <option key={version.id} value={version.id}>
                v{version.number} ({version.itemCount})
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className={buttonClass} disabled={!model || !dataset || evaluate.isPending}>
          {t("evaluate")}
        </button>
      </form>
      <ErrorNote error={evaluate.error ?? models.error} />
    </Section>
  );
}
