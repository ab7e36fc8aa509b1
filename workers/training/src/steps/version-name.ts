import { existsSync, readdirSync } from "node:fs";
import type { Db } from "@basegun/db";

/** The next free YYYY.MM.DD-n for today, looking at both the models folder and the registry. */
export async function nextVersionName(db: Pick<Db, "modelVersion" | "trainingRun">, modelsDir: string, now = new Date()): Promise<string> {
  const date = `${now.getUTCFullYear()}.${String(now.getUTCMonth() + 1).padStart(2, "0")}.${String(now.getUTCDate()).padStart(2, "0")}`;
  const folders = existsSync(modelsDir) ? readdirSync(modelsDir) : [];
  const registered = (await db.modelVersion.findMany({ where: { version: { startsWith: `${date}-` } }, select: { version: true } })).map((v) => v.version);
  const planned = (await db.trainingRun.findMany({ where: { plannedVersion: { startsWith: `${date}-` } }, select: { plannedVersion: true } })).map((r) => r.plannedVersion ?? "");
  const taken = [...folders, ...registered, ...planned].filter((name) => name.startsWith(`${date}-`)).map((name) => Number(name.slice(date.length + 1)));
  return `${date}-${Math.max(0, ...taken.filter(Number.isFinite)) + 1}`;
}
