"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";
import { uploadMorePhotos } from "@/lib/upload";
import { useCaseUpload } from "@/lib/use-case-upload";

/** Adds photos to an existing identification (another angle, markings, the photo an expert asked for). */
export function AddPhotoButton({ caseId, onAdded, primary = false }: { caseId: string; onAdded: () => void; primary?: boolean }) {
  const t = useTranslations("expert");
  const inputId = useId();
  const { busy, percent, error, send: sendFiles } = useCaseUpload(uploadMorePhotos, caseId, onAdded);
  const send = (list: FileList | null) => sendFiles(Array.from(list ?? []));

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
