"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Link } from "@/i18n/navigation";
import { deleteBatch, type OutboxBatch } from "@/lib/outbox/store";
import { flushOutbox } from "@/lib/outbox/sync";
import { useOnline, useOutbox } from "./use-outbox";

function Thumbnail({ blob, alt }: { blob: Blob; alt: string }) {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => URL.revokeObjectURL(made);
  }, [blob]);
  return url ? <img src={url} alt={alt} className="h-16 w-16 shrink-0 rounded border border-neutral-300 bg-neutral-100 object-contain" /> : null;
}

function stateText(batch: OutboxBatch, t: ReturnType<typeof useTranslations<"offline">>): string {
  switch (batch.state) {
    case "waiting":
      return t("stateWaiting");
    case "sending":
      return t("stateSending");
    case "failed":
      return batch.retriable ? t("stateFailed") : t("stateFailedFinal");
    case "sent":
      return t("stateSent");
  }
}

/**
 * "À envoyer": the photo batches kept on this phone, each with its state. Waiting ones go by themselves
 * when the network returns; the officer can send now, retry a failure, delete a batch, and open the
 * result of one that was sent (which removes it from the list).
 */
export function OutboxList() {
  const t = useTranslations("offline");
  const format = useFormatter();
  const online = useOnline();
  const { batches, loaded } = useOutbox();
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">("unsupported");
  useEffect(() => setPermission(typeof Notification === "undefined" ? "unsupported" : Notification.permission), []);

  if (!loaded || batches.length === 0) return null;
  const waiting = batches.filter((batch) => batch.state !== "sent");

  async function remove(batch: OutboxBatch) {
    if (batch.state !== "sent" && !window.confirm(t("deleteConfirm"))) return;
    await deleteBatch(batch.id);
  }

  return (
    <section aria-labelledby="outbox-title" data-testid="outbox" className="mt-6 rounded-lg border-2 border-france p-4">
      <h2 id="outbox-title" className="text-lg font-bold">
        {t("outboxTitle")} <span className="font-normal">({t("pendingCount", { count: waiting.length })})</span>
      </h2>
      <p className="mt-1 text-sm">{t("outboxIntro")}</p>
      {waiting.length > 0 && permission === "default" ? (
        <button
          type="button"
          onClick={() => void Notification.requestPermission().then(setPermission)}
          className="mt-2 h-11 rounded border-2 border-france px-3 text-sm font-semibold text-france hover:bg-france-light"
        >
          {t("notifyMe")}
        </button>
      ) : null}
      {waiting.length > 0 && permission === "granted" ? <p className="mt-2 text-sm">{t("notifyOn")}</p> : null}
      <ul className="mt-3 grid gap-3">
        {batches.map((batch) => (
          <li key={batch.id} data-testid="outbox-item" data-state={batch.state} className="rounded border border-neutral-400 p-3">
            <div className="flex items-start gap-3">
              {batch.photos[0] ? <Thumbnail blob={batch.photos[0]} alt={t("previewAlt", { index: 1 })} /> : null}
              <div className="min-w-0">
                <p className="text-sm">{t("batchLabel", { count: batch.photos.length, date: format.dateTime(new Date(batch.createdAt), { dateStyle: "short", timeStyle: "short" }) })}</p>
                <p className={`font-bold ${batch.state === "failed" ? "text-danger" : batch.state === "sent" ? "text-success" : ""}`}>{stateText(batch, t)}</p>
                {batch.state === "failed" && batch.lastError ? <p className="text-sm">{batch.lastError}</p> : null}
              </div>
            </div>
            <div className="mt-2 flex flex-wrap gap-2">
              {batch.state === "sent" && batch.caseId ? (
                <Link
                  href={`/identifications/${batch.caseId}`}
                  onClick={() => void deleteBatch(batch.id)}
                  className="inline-flex h-11 items-center rounded bg-france px-4 font-semibold text-white hover:bg-france-dark"
                >
                  {t("openResult")}
                </Link>
              ) : null}
              {(batch.state === "waiting" || (batch.state === "failed" && batch.retriable)) && online ? (
                <button
                  type="button"
                  onClick={() => void flushOutbox()}
                  className="h-11 rounded bg-france px-4 font-semibold text-white hover:bg-france-dark"
                >
                  {batch.state === "failed" ? t("retrySend") : t("sendNow")}
                </button>
              ) : null}
              {batch.state !== "sending" ? (
                <button type="button" onClick={() => void remove(batch)} className="h-11 rounded border-2 border-neutral-500 px-4 font-semibold hover:bg-neutral-100">
                  {batch.state === "sent" ? t("dismiss") : t("delete")}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
