"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { requestBackgroundSend } from "@/components/offline/app-shell-worker";
import { useOutbox } from "@/components/offline/use-outbox";
import { Link, useRouter } from "@/i18n/navigation";
import { downscaleForUpload } from "@/lib/downscale";
import { isRetriable } from "@/lib/outbox/send";
import { deleteBatch, newBatch, putBatch, updateBatch, type OutboxBatch } from "@/lib/outbox/store";
import { withOutboxLock } from "@/lib/outbox/sync";
import { uploadIdentification, type UploadOutcome } from "@/lib/upload";

type Phase =
  | { name: "idle" }
  | { name: "preparing" }
  | { name: "uploading"; fraction: number | null }
  | { name: "received" }
  | { name: "failed"; message: string; canRetry: boolean }
  | { name: "cancelled" };

/**
 * Choose → upload at once → result page: no confirm button, so a confident photo reaches its category in
 * three taps from the start page. Before anything is sent the prepared photos are written to the phone's
 * outbox (IndexedDB), under the batch's Idempotency-Key: a failed or impossible send (no network) leaves
 * them there, sent by themselves when the network returns, and a reload or a closed tab loses nothing.
 */
export function PhotoUploader({ officerId }: { officerId: string }) {
  const t = useTranslations("newIdentification");
  const tOffline = useTranslations("offline");
  const locale = useLocale();
  const router = useRouter();
  const inputId = useId();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [batch, setBatch] = useState<OutboxBatch | null>(null);
  const [previews, setPreviews] = useState<string[]>([]);
  const [procedureNumber, setProcedureNumber] = useState("");
  const abortRef = useRef<AbortController | null>(null);
  const { batches } = useOutbox();

  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);
  useEffect(() => () => abortRef.current?.abort(), []);

  // the outbox may send this batch by itself (network back): then its result is one tap away
  const stored = batch ? batches.find((candidate) => candidate.id === batch.id) : undefined;
  const sentInBackground = phase.name === "failed" && stored?.state === "sent" && stored.caseId ? stored.caseId : null;

  const describe = (outcome: Exclude<UploadOutcome, { kind: "created" }>): Phase => {
    switch (outcome.kind) {
      case "aborted":
        return { name: "cancelled" };
      case "network":
        return { name: "failed", message: navigator.onLine ? tOffline("keptAfterFailure") : tOffline("keptOffline"), canRetry: true };
      case "timeout":
        return { name: "failed", message: `${t("timeout")} ${tOffline("keptAfterFailure")}`, canRetry: true };
      case "rejected":
        // a photo the server refuses (not an image, too large...) will be refused again: no retry button
        return { name: "failed", message: outcome.message || t("networkError"), canRetry: isRetriable(outcome.status) };
    }
  };

  async function send(current: OutboxBatch) {
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ name: "uploading", fraction: 0 });
    // a cancelled batch was taken out of the outbox: a retry puts it back, under the same key
    await putBatch({ ...current, state: "sending", attempts: current.attempts + 1 });
    if (!navigator.onLine) {
      await updateBatch(current.id, { state: "waiting" });
      abortRef.current = null;
      void requestBackgroundSend();
      setPhase({ name: "failed", message: tOffline("keptOffline"), canRetry: true });
      return;
    }
    const outcome = await withOutboxLock(() =>
      uploadIdentification({
        photos: current.photos,
        procedureNumber: current.procedureNumber,
        locale,
        idempotencyKey: current.id,
        signal: controller.signal,
        onProgress: (fraction) => setPhase({ name: "uploading", fraction }),
      }),
    );
    abortRef.current = null;
    if (outcome.kind === "created") {
      // the officer goes to the result now: nothing left to send or to show in the list
      await deleteBatch(current.id);
      setPhase({ name: "received" });
      router.push(`/identifications/${outcome.id}`);
      return;
    }
    if (outcome.kind === "aborted") {
      await deleteBatch(current.id);
    } else if (outcome.kind === "rejected" && !isRetriable(outcome.status)) {
      // refused for good (not a photo, too large): the message says why; nothing to send later
      await deleteBatch(current.id);
    } else if (outcome.kind === "rejected") {
      await updateBatch(current.id, { state: "failed", retriable: true, lastError: outcome.message || null });
      void requestBackgroundSend();
    } else {
      await updateBatch(current.id, { state: "waiting" });
      void requestBackgroundSend();
    }
    setPhase(describe(outcome));
  }

  async function onFilesChosen(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    setPhase({ name: "preparing" });
    setPreviews(files.map((file) => URL.createObjectURL(file)));
    const photos = await Promise.all(files.map(downscaleForUpload));
    const created = newBatch(officerId, photos, procedureNumber, locale, { title: tOffline("sentNoticeTitle"), body: tOffline("sentNoticeBody") });
    setBatch(created);
    await send(created);
  }

  const busy = phase.name === "preparing" || phase.name === "uploading" || phase.name === "received";
  const percent = phase.name === "uploading" && phase.fraction !== null ? Math.round(phase.fraction * 100) : null;
  const retryFirst = !sentInBackground && batch !== null && ((phase.name === "failed" && phase.canRetry) || phase.name === "cancelled");

  return (
    // data-retry-first lets the page put this block above its photo guidance while a retry waits
    <div data-retry-first={retryFirst || sentInBackground ? "" : undefined}>
      {/* a failed send: what happened and the retry come first, above the fold */}
      <div aria-live="polite">
        {sentInBackground ? (
          <div role="status" className="mb-4 rounded border-l-4 border-success bg-success-light p-3">
            <p>{tOffline("stateSent")}</p>
            <Link href={`/identifications/${sentInBackground}`} className="mt-2 inline-flex h-11 items-center rounded bg-france px-4 font-semibold text-white hover:bg-france-dark">
              {tOffline("openResult")}
            </Link>
          </div>
        ) : null}
        {phase.name === "failed" && !sentInBackground ? (
          <div role="alert" className="mb-3 rounded border-l-4 border-danger bg-danger-light p-3">
            <p data-testid="upload-error">{phase.message}</p>
          </div>
        ) : null}
        {phase.name === "cancelled" ? <p className="mb-3">{t("cancelled")}</p> : null}
        {retryFirst ? (
          <button
            type="button"
            onClick={() => batch && void send(batch)}
            className="mb-4 flex min-h-16 w-full items-center justify-center rounded-lg bg-france px-5 py-4 text-lg font-bold text-white shadow hover:bg-france-dark"
          >
            {t("retry")}
          </button>
        ) : null}
      </div>

      <details className="mb-4">
        <summary className="cursor-pointer py-2 font-medium text-france">{t("moreOptions")}</summary>
        <label htmlFor={`${inputId}-procedure`} className="mt-2 block text-sm font-medium">
          {t("procedureNumber")}
        </label>
        <input
          id={`${inputId}-procedure`}
          value={procedureNumber}
          onChange={(event) => setProcedureNumber(event.target.value)}
          maxLength={64}
          autoComplete="off"
          className="mt-1 h-12 w-full rounded border border-neutral-500 px-3 text-base"
        />
      </details>
      <label
        htmlFor={inputId}
        aria-disabled={busy}
        className={`flex w-full cursor-pointer items-center justify-center rounded-lg px-5 text-center font-bold ${
          busy
            ? "pointer-events-none min-h-16 bg-neutral-500 py-4 text-lg text-white shadow"
            : retryFirst || sentInBackground
              ? "min-h-12 border-2 border-france py-2 text-france hover:bg-france-light"
              : "min-h-16 bg-france py-4 text-lg text-white shadow hover:bg-france-dark"
        }`}
      >
        {batch && !busy ? t("otherPhoto") : t("choosePhoto")}
      </label>
      <input
        id={inputId}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        disabled={busy}
        className="sr-only"
        data-testid="photo-input"
        onChange={(event) => {
          void onFilesChosen(event.currentTarget.files);
          event.currentTarget.value = ""; // choosing the same file again must trigger a new upload
        }}
      />
      <p className="mt-2 text-sm text-muted">{t("choosePhotoHint")}</p>

      {previews.length > 0 ? (
        <ul className="mt-4 flex gap-2 overflow-x-auto" aria-label={t("photoCount", { count: previews.length })}>
          {previews.map((url, index) => (
            <li key={url} className="shrink-0">
              <img src={url} alt={t("previewAlt", { index: index + 1 })} className="h-24 w-24 rounded border border-neutral-300 bg-neutral-100 object-contain" />
            </li>
          ))}
        </ul>
      ) : null}

      <div aria-live="polite" className="mt-4">
        {phase.name === "preparing" ? <p>{t("preparing")}</p> : null}
        {phase.name === "uploading" ? (
          <div>
            <p>{percent === null ? t("uploadingIndeterminate") : t("uploading", { percent })}</p>
            <progress className="mt-2 h-3 w-full accent-france" max={100} value={percent ?? undefined} aria-label={t("uploadingIndeterminate")} />
            <button
              type="button"
              onClick={() => abortRef.current?.abort()}
              className="mt-3 h-11 rounded border-2 border-france px-4 font-semibold text-france hover:bg-france-light"
            >
              {t("cancel")}
            </button>
          </div>
        ) : null}
        {phase.name === "received" ? <p>{t("analysing")}</p> : null}
      </div>
    </div>
  );
}
