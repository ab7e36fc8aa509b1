"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { useRouter } from "@/i18n/navigation";
import { downscaleForUpload } from "@/lib/downscale";
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
 * three taps from the start page. The prepared photos stay in memory so a failed upload is retried with
 * the same photo instead of asking the officer to take it again.
 */
export function PhotoUploader() {
  const t = useTranslations("newIdentification");
  const locale = useLocale();
  const router = useRouter();
  const inputId = useId();
  const [phase, setPhase] = useState<Phase>({ name: "idle" });
  const [prepared, setPrepared] = useState<Blob[]>([]);
  const [previews, setPreviews] = useState<string[]>([]);
  const [procedureNumber, setProcedureNumber] = useState("");
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => previews.forEach((url) => URL.revokeObjectURL(url)), [previews]);
  useEffect(() => () => abortRef.current?.abort(), []);

  const describe = (outcome: Exclude<UploadOutcome, { kind: "created" }>): Phase => {
    switch (outcome.kind) {
      case "aborted":
        return { name: "cancelled" };
      case "network":
        return { name: "failed", message: t("networkError"), canRetry: true };
      case "timeout":
        return { name: "failed", message: t("timeout"), canRetry: true };
      case "rejected":
        // a photo the server refuses (not an image, too large...) will be refused again: no retry button
        return { name: "failed", message: outcome.message || t("networkError"), canRetry: outcome.status >= 500 || outcome.status === 0 };
    }
  };

  async function send(photos: Blob[]) {
    const controller = new AbortController();
    abortRef.current = controller;
    setPhase({ name: "uploading", fraction: 0 });
    const outcome = await uploadIdentification({
      photos,
      procedureNumber,
      locale,
      signal: controller.signal,
      onProgress: (fraction) => setPhase({ name: "uploading", fraction }),
    });
    abortRef.current = null;
    if (outcome.kind === "created") {
      setPhase({ name: "received" });
      router.push(`/identifications/${outcome.id}`);
      return;
    }
    setPhase(describe(outcome));
  }

  async function onFilesChosen(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    setPhase({ name: "preparing" });
    setPreviews(files.map((file) => URL.createObjectURL(file)));
    const photos = await Promise.all(files.map(downscaleForUpload));
    setPrepared(photos);
    await send(photos);
  }

  const busy = phase.name === "preparing" || phase.name === "uploading" || phase.name === "received";
  const percent = phase.name === "uploading" && phase.fraction !== null ? Math.round(phase.fraction * 100) : null;

  return (
    <div>
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
        className={`flex min-h-16 w-full cursor-pointer items-center justify-center rounded-lg px-5 py-4 text-center text-lg font-bold text-white shadow ${
          busy ? "pointer-events-none bg-neutral-500" : "bg-france hover:bg-france-dark"
        }`}
      >
        {prepared.length > 0 && !busy ? t("otherPhoto") : t("choosePhoto")}
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
        {phase.name === "cancelled" ? <p>{t("cancelled")}</p> : null}
        {phase.name === "failed" ? (
          <div role="alert" className="rounded border-l-4 border-danger bg-danger-light p-3">
            <p data-testid="upload-error">{phase.message}</p>
          </div>
        ) : null}
        {(phase.name === "failed" && phase.canRetry) || phase.name === "cancelled" ? (
          <button
            type="button"
            onClick={() => void send(prepared)}
            className="mt-3 h-12 w-full rounded bg-france px-4 font-semibold text-white hover:bg-france-dark"
          >
            {t("retry")}
          </button>
        ) : null}
      </div>

    </div>
  );
}
