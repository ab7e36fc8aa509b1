"use client";

import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { downscaleForUpload } from "./downscale";
import type { UploadOutcome, UploadRequest } from "./upload";

type CaseUpload = (caseId: string, request: Omit<UploadRequest, "procedureNumber">) => Promise<UploadOutcome>;

/**
 * Sends photos to an existing identification (more photos, a markings close-up) with its progress and a
 * French or English error: one state machine for every "add a photo to this case" button.
 */
export function useCaseUpload(upload: CaseUpload, caseId: string, onAdded: () => void) {
  const tUpload = useTranslations("newIdentification");
  const locale = useLocale();
  const [percent, setPercent] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function send(files: File[]) {
    if (files.length === 0) return;
    setBusy(true);
    setError(null);
    setPercent(0);
    const outcome = await upload(caseId, {
      photos: await Promise.all(files.map(downscaleForUpload)),
      locale,
      signal: new AbortController().signal,
      onProgress: (fraction) => setPercent(fraction === null ? null : Math.round(fraction * 100)),
    });
    setBusy(false);
    if (outcome.kind === "created") return onAdded();
    if (outcome.kind === "rejected") setError(outcome.message || tUpload("networkError"));
    else if (outcome.kind === "timeout") setError(tUpload("timeout"));
    else if (outcome.kind === "network") setError(tUpload("networkError"));
  }

  return { busy, percent, error, send };
}
