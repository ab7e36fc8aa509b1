"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { isRunActive } from "@/lib/admin/lifecycle-view";
import { localizeLogTimes } from "@/lib/admin/log-times";
import { useTRPC } from "@/trpc/react";
import { Bar, ErrorNote } from "./lifecycle-ui";

/** One run's progress, step and outcome, polled every 2 s until it has finished. */
export function RunProgress({ runId, onFinished, showLogs = false }: { runId: string; onFinished?: () => void; showLogs?: boolean }) {
  const t = useTranslations("admin.training");
  const trpc = useTRPC();
  const format = useFormatter();
  const run = useQuery(
    trpc.models.run.queryOptions({ id: runId }, { refetchInterval: (query) => (query.state.data && !isRunActive(query.state.data.status) ? false : 2_000), staleTime: 0 }),
  );
  const finishedOnce = useRef(false);
  const status = run.data?.status;
  useEffect(() => {
    if (status && !isRunActive(status) && !finishedOnce.current) {
      finishedOnce.current = true;
      onFinished?.();
    }
  }, [status, onFinished]);
  if (!run.data) return <ErrorNote error={run.error} />;
  const data = run.data;
  return (
    <div className="space-y-1 text-sm" data-testid="run-progress" data-status={data.status}>
      <p>
        <span className="font-semibold">{t(`statuses.${data.status}`)}</span>
        {data.step ? <span className="text-muted"> · {data.step}</span> : null}
        {data.modelVersion ? <span> · {t("produced", { version: data.modelVersion.version })}</span> : null}
      </p>
      <Bar value={data.progress} max={1} tone={data.status === "failed" ? "danger" : data.status === "succeeded" ? "success" : "france"} label={`${Math.round(data.progress * 100)} %`} />
      {data.error ? (
        <p role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2">
          {data.error}
        </p>
      ) : null}
      {showLogs ? (
        <pre className="max-h-80 overflow-auto whitespace-pre-wrap rounded bg-neutral-900 p-3 text-xs text-neutral-100" data-testid="run-logs">
          {data.logs ? localizeLogTimes(data.logs, (instant) => format.dateTime(instant, { timeStyle: "medium" }), data.createdAt) : t("noLogs")}
        </pre>
      ) : null}
    </div>
  );
}
