"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { ErrorNote, Section, buttonClass, secondaryButtonClass } from "./lifecycle-ui";

/**
 * The explicit confirmation step of a promotion: what production becomes, what blocks it, what to
 * know; the promotion names the production version seen here, so a move in between is refused.
 */
export function PromoteDialog({ modelVersionId, onClose, onPromoted }: { modelVersionId: string; onClose: () => void; onPromoted: () => void }) {
  const t = useTranslations("admin.promote");
  const trpc = useTRPC();
  const preview = useQuery(trpc.models.promotePreview.queryOptions({ modelVersionId }, { staleTime: 0 }));
  const [reason, setReason] = useState("");
  const promote = useMutation(
    trpc.models.promote.mutationOptions({
      onSuccess: () => {
        onPromoted();
        onClose();
      },
    }),
  );
  const data = preview.data;
  return (
    <Section title={t("title")} testId="promote-dialog">
      {preview.isPending ? <p className="text-sm text-muted">{t("loading")}</p> : null}
      <ErrorNote error={preview.error} />
      {data ? (
        <div className="space-y-2 text-sm" role="group" aria-label={t("title")}>
          <p className="text-base">{t("change", { from: data.currentProduction?.version ?? "—", to: data.candidate.version })}</p>
          {data.blockers.length > 0 ? (
            <div role="alert" className="rounded border-l-4 border-danger bg-danger-light p-2">
              <p className="font-semibold">{t("blocked")}</p>
              <ul className="list-disc pl-5">
                {data.blockers.map((blocker) => (
                  <li key={blocker}>{blocker}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {data.regressions.length > 0 ? (
            <div className="rounded border-l-4 border-danger bg-danger-light p-2" data-testid="promote-regressions">
              <p className="font-semibold">{t("regressions")}</p>
              <ul className="list-disc pl-5">
                {data.regressions.map((regression) => (
                  <li key={regression}>{regression}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {data.warnings.length > 0 ? (
            <div className="rounded border-l-4 border-warning bg-warning-light p-2">
              <p className="font-semibold">{t("warnings")}</p>
              <ul className="list-disc pl-5">
                {data.warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <label className="block font-semibold">
            {data.reasonRequired ? t("reasonRequired") : t("reason")}
            <input
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              maxLength={500}
              required={data.reasonRequired}
              className="mt-1 h-10 w-full max-w-xl rounded border border-neutral-500 px-2 font-normal"
            />
          </label>
          <div className="flex gap-2">
            <button
              type="button"
              className={buttonClass}
              // the server refuses a worse candidate without a reason of at least 10 characters too
              disabled={data.blockers.length > 0 || promote.isPending || (data.reasonRequired && reason.trim().length < 10)}
              onClick={() =>
                promote.mutate({
                  modelVersionId,
                  expectedCurrentVersionId: data.currentProduction?.id ?? null,
                  confirm: true,
                  ...(reason.trim() ? { reason: reason.trim() } : {}),
                })
              }
            >
              {t("confirm", { version: data.candidate.version })}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={onClose}>
              {t("cancel")}
            </button>
          </div>
          <ErrorNote error={promote.error} />
        </div>
      ) : null}
    </Section>
  );
}
