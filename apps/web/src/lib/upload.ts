/** Uploads with XMLHttpRequest: fetch() still cannot report upload progress in every browser. */

export type UploadOutcome =
  | { kind: "created"; id: string }
  | { kind: "rejected"; status: number; message: string; messageKey: string | null }
  | { kind: "network" }
  | { kind: "timeout" }
  | { kind: "aborted" };

export interface UploadRequest {
  photos: Blob[];
  procedureNumber?: string;
  locale: string;
  onProgress: (fraction: number | null) => void;
  signal: AbortSignal;
  /** one per photo batch: a retried send of the batch then never creates a second case */
  idempotencyKey?: string;
}

const UPLOAD_TIMEOUT_MS = 120_000;

function postPhotos(url: string, form: FormData, request: Omit<UploadRequest, "photos" | "procedureNumber">, expectedStatus: number): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open("POST", url);
    if (request.idempotencyKey) xhr.setRequestHeader("Idempotency-Key", request.idempotencyKey);
    xhr.timeout = UPLOAD_TIMEOUT_MS;
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => request.onProgress(event.lengthComputable ? event.loaded / event.total : null);
    xhr.onload = () => {
      const body = xhr.response as { id?: string; error?: { message?: string; messageKey?: string } } | null;
      if (xhr.status === expectedStatus && body?.id) return resolve({ kind: "created", id: body.id });
      resolve({ kind: "rejected", status: xhr.status, message: body?.error?.message ?? "", messageKey: body?.error?.messageKey ?? null });
    };
    xhr.onerror = () => resolve({ kind: "network" });
    xhr.ontimeout = () => resolve({ kind: "timeout" });
    xhr.onabort = () => resolve({ kind: "aborted" });
    if (request.signal.aborted) return resolve({ kind: "aborted" });
    request.signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

function photosForm(photos: Blob[], locale: string): FormData {
  const form = new FormData();
  photos.forEach((photo, index) => form.append("photos", photo, `photo-${index + 1}.jpg`));
  form.append("locale", locale);
  return form;
}

/** A new identification (one case) from one or more photos. */
export function uploadIdentification(request: UploadRequest): Promise<UploadOutcome> {
  const form = photosForm(request.photos, request.locale);
  if (request.procedureNumber?.trim()) form.append("procedureNumber", request.procedureNumber.trim());
  return postPhotos("/api/identifications", form, request, 201);
}

/** More photos for an existing identification (re-identified with them). */
export function uploadMorePhotos(caseId: string, request: Omit<UploadRequest, "procedureNumber">): Promise<UploadOutcome> {
  return postPhotos(`/api/identifications/${encodeURIComponent(caseId)}/photos`, photosForm(request.photos, request.locale), request, 200);
}

/** A close-up of the markings, read by OCR apart from the typology (the case is not identified again). */
export function uploadMarkingsPhoto(caseId: string, request: Omit<UploadRequest, "procedureNumber">): Promise<UploadOutcome> {
  return postPhotos(`/api/identifications/${encodeURIComponent(caseId)}/markings`, photosForm(request.photos, request.locale), request, 200);
}
