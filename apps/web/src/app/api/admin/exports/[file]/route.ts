import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { hasScope } from "@basegun/auth";
import { resolveRepoPath } from "@basegun/storage";
import { isExportFileName } from "@/lib/admin/export-file";
import { getActor } from "@/server/actor";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/**
 * Downloads a dataset export written by `dataset.export` (a .tar in EXPORTS_DIR). Admins only; the file
 * name is checked against the export pattern so nothing else in the folder (or outside it) is served.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const actor = await getActor();
  if (!actor) return new Response(null, { status: 401, headers: NO_STORE });
  if (!hasScope(actor.role, "dataset:manage") || !isExportFileName(file)) return new Response(null, { status: 404, headers: NO_STORE });
  const exportsDir = resolveRepoPath(process.env.EXPORTS_DIR, "var/exports");
  const target = path.join(exportsDir, file);
  const info = await stat(target).catch(() => null);
  if (!info?.isFile()) return new Response(null, { status: 404, headers: NO_STORE });
  const body = Readable.toWeb(createReadStream(target)) as ReadableStream<Uint8Array>;
  return new Response(body, {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/x-tar",
      "Content-Length": String(info.size),
      "Content-Disposition": `attachment; filename="${file}"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
