"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { bytesToBase64 } from "@/lib/admin/lifecycle-view";
import { useTRPC } from "@/trpc/react";
import { ErrorNote, Section, buttonClass, fieldClass } from "./lifecycle-ui";
import { RunProgress } from "./run-progress";

/**
 * Uploads a model trained elsewhere (ONNX head + manifest.json). Cheap checks answer at once with their
 * reasons; the training worker then validates the ONNX, registers a candidate and evaluates it.
 */
export function ModelUploadForm({ onUploaded }: { onUploaded: () => void }) {
  const t = useTranslations("admin.upload");
  const trpc = useTRPC();
  const datasetVersions = useQuery(trpc.dataset.versions.queryOptions({}));
  const [manifestFile, setManifestFile] = useState<File | null>(null);
  const [onnxFile, setOnnxFile] = useState<File | null>(null);
  const [datasetVersionId, setDatasetVersionId] = useState("");
  const [note, setNote] = useState("");
  const [reading, setReading] = useState(false);
  const upload = useMutation(trpc.models.upload.mutationOptions({ onSuccess: onUploaded }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!manifestFile || !onnxFile) return;
    setReading(true);
    try {
      const [manifest, onnx] = await Promise.all([manifestFile.text(), onnxFile.arrayBuffer()]);
      upload.mutate({
        manifest,
        onnxBase64: bytesToBase64(new Uint8Array(onnx)),
        ...(datasetVersionId ? { datasetVersionId } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
    } finally {
      setReading(false);
    }
  };

  return (
    <Section title={t("title")} testId="model-upload">
      <p className="text-sm text-muted">{t("intro")}</p>
      <form onSubmit={submit} className="mt-3 grid max-w-3xl gap-3 sm:grid-cols-2">
        <label className="text-sm font-semibold">
          {t("manifest")}
          <input type="file" accept=".json,application/json" onChange={(event) => setManifestFile(event.target.files?.[0] ?? null)} className="mt-1 block text-sm font-normal" />
        </label>
        <label className="text-sm font-semibold">
          {t("onnx")}
          <input type="file" accept=".onnx" onChange={(event) => setOnnxFile(event.target.files?.[0] ?? null)} className="mt-1 block text-sm font-normal" />
        </label>
        <label className="text-sm font-semibold">
          {t("datasetVersion")}
          <select value={datasetVersionId} onChange={(event) => setDatasetVersionId(event.target.value)} className={fieldClass}>
            <option value="">{t("noDatasetVersion")}</option>
            {datasetVersions.data?.map((version) => (
              <option key={version.id} value={version.id}>
                v{version.number} ({version.itemCount})
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm font-semibold">
          {t("note")}
          <input value={note} onChange={(event) => setNote(event.target.value)} maxLength={500} className={fieldClass} />
        </label>
        <div>
          <button type="submit" className={buttonClass} disabled={!manifestFile || !onnxFile || reading || upload.isPending}>
            {upload.isPending || reading ? t("sending") : t("send")}
          </button>
        </div>
      </form>
      {upload.error ? (
        <p role="alert" className="mt-2 rounded border-l-4 border-danger bg-danger-light p-2 text-sm" data-testid="upload-refused">
          {t("refused")} {upload.error.message}
        </p>
      ) : null}
      {upload.data ? (
        <div className="mt-3" data-testid="upload-validation">
          <p className="text-sm font-semibold">{t("validation", { version: upload.data.plannedVersion ?? "—" })}</p>
          <RunProgress runId={upload.data.id} onFinished={onUploaded} />
        </div>
      ) : null}
      <ErrorNote error={datasetVersions.error} />
    </Section>
  );
}
