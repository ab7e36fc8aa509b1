/**
 * Phone photos are 3–12 MB; on a bad network that is minutes. Redrawn at ~1600 px on the longest side as
 * a JPEG they weigh 200–500 KB, still well above what the model reads (224 px) and enough to zoom on the
 * weapon. Files the browser cannot decode are sent untouched: the server then says what is wrong.
 */
export const UPLOAD_MAX_SIDE = 1600;
const JPEG_QUALITY = 0.85;
// already small JPEGs go as they are: re-encoding would only lose quality
const KEEP_AS_IS_BYTES = 1_200_000;

async function decode(file: Blob): Promise<ImageBitmap | null> {
  try {
    return await createImageBitmap(file, { imageOrientation: "from-image" });
  } catch {
    return null;
  }
}

function canvasToJpeg(canvas: HTMLCanvasElement): Promise<Blob | null> {
  return new Promise((resolve) => canvas.toBlob(resolve, "image/jpeg", JPEG_QUALITY));
}

export async function downscaleForUpload(file: File): Promise<Blob> {
  const bitmap = await decode(file);
  if (!bitmap) return file;
  try {
    const longest = Math.max(bitmap.width, bitmap.height);
    if (longest <= UPLOAD_MAX_SIDE && file.type === "image/jpeg" && file.size <= KEEP_AS_IS_BYTES) return file;
    const scale = Math.min(1, UPLOAD_MAX_SIDE / longest);
    const canvas = document.createElement("canvas");
    canvas.width = Math.max(1, Math.round(bitmap.width * scale));
    canvas.height = Math.max(1, Math.round(bitmap.height * scale));
    const context = canvas.getContext("2d");
    if (!context) return file;
    // transparent PNGs would turn black in JPEG
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.imageSmoothingQuality = "high";
    context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
    const blob = await canvasToJpeg(canvas);
    return blob && blob.size < file.size ? blob : file;
  } finally {
    bitmap.close();
  }
}
