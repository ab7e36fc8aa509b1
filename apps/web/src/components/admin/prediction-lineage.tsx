"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { useTRPC } from "@/trpc/react";
import { ErrorNote, Section, buttonClass, useDateTime } from "./lifecycle-ui";

/** "Which model gave this answer, and on what data was it trained": looked up by prediction id. */
export function PredictionLineage() {
  const t = useTranslations("admin.lineage");
  const trpc = useTRPC();
  const dateTime = useDateTime();
  const [draft, setDraft] = useState("");
  const [predictionId, setPredictionId] = useState<string | null>(null);
  const lineage = useQuery(trpc.models.lineage.queryOptions({ predictionId: predictionId ?? "" }, { enabled: predictionId !== null, retry: false }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) setPredictionId(draft.trim());
  };
  const data = lineage.data;
  return (
    <Section title={t("title")} testId="prediction-lineage">
      <form onSubmit={submit} className="flex max-w-xl items-end gap-2">
        <label className="grow text-sm font-semibold">
          {t("predictionId")}
          <input value={draft} onChange={(event) => setDraft(event.target.value)} className="mt-1 h-10 w-full rounded border border-neutral-500 px-2 font-mono font-normal" />
        </label>
        <button type="submit" className={buttonClass}>
          {t("lookUp")}
        </button>
      </form>
      <ErrorNote error={lineage.error} />
      {data ? (
        <dl className="mt-3 grid max-w-3xl grid-cols-[12rem_minmax(0,1fr)] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">{t("answeredAt")}</dt>
          <dd>
            {dateTime(data.prediction.createdAt)}
            {data.prediction.shadow ? ` (${t("shadow")})` : ""}
          </dd>
          <dt className="text-muted">{t("model")}</dt>
          <dd className="font-semibold">{data.modelVersion?.version ?? "—"}</dd>
          <dt className="text-muted">{t("trainedOn")}</dt>
          <dd>{data.modelVersion?.trainedOn ? t("datasetVersion", { number: data.modelVersion.trainedOn.number }) : t("notTrainedHere")}</dd>
          <dt className="text-muted">{t("hash")}</dt>
          <dd className="font-mono text-xs">{data.modelVersion?.artifactSha256 ?? "—"}</dd>
          <dt className="text-muted">{t("run")}</dt>
          <dd className="font-mono text-xs">{data.trainingRun ? `${data.trainingRun.kind} ${data.trainingRun.id}` : "—"}</dd>
          <dt className="text-muted">{t("productionThen")}</dt>
          <dd>
            {data.productionAtThatTime
              ? data.productionAtThatTime.modelVersionId === data.prediction.modelVersionId
                ? t("sameAsModel")
                : t("otherVersion", { since: dateTime(data.productionAtThatTime.createdAt) })
              : "—"}
          </dd>
        </dl>
      ) : null}
    </Section>
  );
}
