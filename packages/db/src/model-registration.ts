import { createHash } from "node:crypto";
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import type { Db } from "./client.ts";
import { writeAudit } from "./audit.ts";

/** The reason stored on the first production move (no actor): the admin console shows it translated. */
export const INITIAL_REGISTRATION_REASON = "initial registration of the shipped model";

/** sha256 over every file of a model folder, in name order: a registered version never changes. */
export async function hashModelFolder(folder: string): Promise<string> {
  const hash = createHash("sha256");
  const names = (await readdir(folder)).filter((n) => n.endsWith(".json") || n.endsWith(".onnx")).sort();
  for (const name of names) {
    hash.update(name);
    hash.update(await readFile(path.join(folder, name)));
  }
  return hash.digest("hex");
}

/** Orders versions like 2026.11.25-2 < 2026.11.25-10 < 2026.12.01-1 (date, then run number). */
export function compareModelVersions(a: string, b: string): number {
  const [dateA = "", runA = "0"] = a.split("-");
  const [dateB = "", runB = "0"] = b.split("-");
  return dateA === dateB ? Number(runA) - Number(runB) : dateA < dateB ? -1 : 1;
}

/**
 * Registers every model folder shipped under modelsDir (a folder with manifest.json) as an immutable
 * ModelVersion, and points the `production` alias at the newest one when no alias exists yet.
 * A folder whose content changed after registration is refused, not silently re-registered.
 */
export async function registerShippedModels(db: Db, modelsDir: string): Promise<{ registered: string[]; production: string | null }> {
  const registered: string[] = [];
  const shipped: string[] = [];
  const entries = await readdir(modelsDir).catch(() => [] as string[]);
  for (const entry of entries.sort()) {
    const folder = path.join(modelsDir, entry);
    const manifestPath = path.join(folder, "manifest.json");
    if (!(await stat(manifestPath).catch(() => null))) continue;
    const manifest = JSON.parse(await readFile(manifestPath, "utf8")) as { version?: string };
    const metrics = await readFile(path.join(folder, "metrics.json"), "utf8").then(JSON.parse, () => null);
    if (!manifest.version) throw new Error(`${manifestPath} has no version`);
    shipped.push(manifest.version);
    const sha = await hashModelFolder(folder);
    const existing = await db.modelVersion.findUnique({ where: { version: manifest.version } });
    if (existing) {
      if (existing.artifactSha256 !== sha) {
        throw new Error(`model ${manifest.version} in ${folder} differs from the registered version (immutable): give it a new version`);
      }
      continue;
    }
    await db.modelVersion.create({
      data: { version: manifest.version, artifactPath: entry, artifactSha256: sha, manifest: manifest as object, metrics: metrics ?? undefined },
    });
    registered.push(manifest.version);
  }

  let production = await db.modelAlias.findUnique({ where: { name: "production" }, include: { modelVersion: true } });
  if (!production) {
    // the newest model shipped in this folder, not whatever else the database holds
    const newestVersion = shipped.sort(compareModelVersions).at(-1);
    const newest = newestVersion ? await db.modelVersion.findUnique({ where: { version: newestVersion } }) : null;
    if (newest) {
      await db.$transaction(async (tx) => {
        await tx.modelAlias.create({ data: { name: "production", modelVersionId: newest.id } });
        await tx.modelAliasEvent.create({ data: { alias: "production", modelVersionId: newest.id, reason: INITIAL_REGISTRATION_REASON } });
        await writeAudit(tx, { action: "model.alias.set", resourceType: "ModelAlias", resourceId: "production", data: { version: newest.version } });
      });
      production = await db.modelAlias.findUnique({ where: { name: "production" }, include: { modelVersion: true } });
    }
  }
  return { registered, production: production?.modelVersion.version ?? null };
}
