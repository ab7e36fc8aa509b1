"use client";

import { useLocale, useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { downscaleForUpload } from "@/lib/downscale";
import { uploadMorePhotos } from "@/lib/upload";

/** Adds photos to an existing identification (another angle, markings, the photo an expert asked for). */
export function AddPhotoButton({ caseId, onAdded, primary = false }: { caseId: string; onAdded: () => void; primary?: boolean }) {
  const t = useTranslations("expert");
  const tUpload = useTranslations("newIdentification");
  const locale = useLocale();
  const inputId = useId();
  const [percent, setPercent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const abortRef = useRef<AbortController | null>(null);

  async function send(list: FileList | null) {
    const files = Array.from(list ?? []);
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setPercent(0);
    const controller = new AbortController();
    abortRef.current = controller;
    const outcome = await uploadMorePhotos(caseId, {
      photos: await Promise.all(files.map(downscaleForUpload)),
      locale,
      signal: controller.signal,
      onProgress: (fraction) => setPercent(fraction === null ? null : Math.round(fraction * 100)),
    });
    setBusy(false);
    if (outcome.kind === "created") return onAdded();
    if (outcome.kind === "rejected") setError(outcome.message || tUpload("networkError"));
    else if (outcome.kind === "timeout") setError(tUpload("timeout"));
    else if (outcome.kind === "network") setError(tUpload("networkError"));
  }

  return (
    <div>
      <label
        htmlFor={inputId}
        aria-disabled={busy}
        className={`flex h-12 w-full cursor-pointer items-center justify-center rounded px-4 font-semibold ${
          busy ? "pointer-events-none bg-neutral-300 text-neutral-900" : primary ? "bg-france text-white hover:bg-france-dark" : "border-2 border-france text-france hover:bg-france-light"
        }`}
      >
        {busy ? t("addingPhoto", { percent: percent ?? 0 }) : t("addPhoto")}
      </label>
      <input
        id={inputId}
        type="file"
        accept="image/*"
        capture="environment"
        multiple
        disabled={busy}
        className="sr-only"
        onChange={(event) => {
          void send(event.currentTarget.files);
          event.currentTarget.value = "";
        }}
      />
      {error ? (
        <p role="alert" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-3 text-sm">
          {error}
        </p>
      ) : null}
    </div>
  );
}
