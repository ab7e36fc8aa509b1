/**
 * `pnpm bench:sql`: CPU per call of the per-photo path's database work, the ORM's way against the plain
 * SQL the platform uses (@basegun/db's sql.ts says why), on the same rows, both giving the same answer.
 * Also the whole case intake and the photo's own validation and re-encoding, for scale.
 *
 * Needs PostgreSQL with the migrations applied and the demo accounts (`pnpm start` once), DATABASE_URL,
 * and the photos in DATASETS_DIR. The cases it creates for the demo officer are deleted at the end (their
 * audit rows stay: the audit log is append-only).
 */
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { acceptPhotos, caseViewInclude, createIdentification, loadCaseRow, readCaseState, type ServiceDeps } from "@basegun/api";
import { actorFromApiKey } from "@basegun/auth";
import { createDb, generateApiKey, hashApiKey } from "@basegun/db";
import { datasetsDir } from "@basegun/ml";
import { LocalPhotoStore } from "@basegun/storage";

const ROUNDS = Number(process.argv[2] ?? 300);
const db = createDb();
const storageRoot = await mkdtemp(path.join(tmpdir(), "basegun-bench-sql-"));
// no queue: the job is not what is measured (a failed enqueue is what the sweeper is for; nothing runs)
const deps: ServiceDeps = { db, store: new LocalPhotoStore(storageRoot), producer: { enqueue: async () => {}, close: async () => {} } as unknown as ServiceDeps["producer"], redisUrl: "redis://127.0.0.1:6379" };

async function cpuPerCall(rounds: number, call: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < Math.min(30, rounds); i++) await call(); // warm-up: JIT, connections, query plans
  const before = process.cpuUsage();
  for (let i = 0; i < rounds; i++) await call();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000 / rounds;
}

function row(label: string, orm: number | null, sql: number) {
  const ratio = orm === null ? "" : `   ORM/SQL ${(orm / sql).toFixed(1)}×`;
  console.log(`  ${label.padEnd(44)} ${orm === null ? "" : `ORM ${orm.toFixed(2)} ms   `}SQL ${sql.toFixed(2)} ms${ratio}`);
}

const officer = await db.user.findUniqueOrThrow({ where: { email: "officer@basegun.local" } });
const created: string[] = [];
const { key, prefix, hash } = generateApiKey();
await db.apiKey.create({ data: { userId: officer.id, label: "bench:sql", prefix, hash } });
try {
  const actor = (await actorFromApiKey(db, `Bearer ${key}`))!;
  const photo = readFileSync(path.join(datasetsDir(), "weapons-coarse", readFileSync(path.join(datasetsDir(), "weapons-coarse", "manifest.csv"), "utf8").split("\n")[1]!.split(",")[0]!));
  // a finished case of the officer's, with its prediction and reviews, if the platform has served one
  const finished = await db.case.findFirst({ where: { ownerId: officer.id, status: "done" }, orderBy: { createdAt: "desc" } });
  const intakeOnce = async () => {
    const view = await createIdentification(deps, actor, { photos: [{ bytes: photo }], source: "api" });
    created.push(view.id);
    return view;
  };
  const caseId = finished?.id ?? (await intakeOnce()).id;

  console.log(`bench:sql — CPU per call, ${ROUNDS} calls each, case ${caseId}${finished ? " (finished)" : " (pending: run the platform once for a finished one)"}`);
  const orm = (id: string) => db.case.findUnique({ where: { id }, include: caseViewInclude });
  if (!isDeepStrictEqual({ ...(await orm(caseId)) }, { ...(await loadCaseRow(db, caseId)) })) throw new Error("the ORM and the SQL case view disagree");
  row("case view (case, photos, prediction, reviews)", await cpuPerCall(ROUNDS, () => orm(caseId)), await cpuPerCall(ROUNDS, () => loadCaseRow(db, caseId)));
  row(
    "case state (a waiting or polling request)",
    await cpuPerCall(ROUNDS, () => db.case.findUnique({ where: { id: caseId }, select: { id: true, status: true, createdAt: true, failureReason: true, ownerId: true, unit: true } })),
    await cpuPerCall(ROUNDS, () => readCaseState(deps, actor, caseId)),
  );
  row(
    "API key → actor",
    await cpuPerCall(ROUNDS, () => db.apiKey.findUnique({ where: { hash: hashApiKey(key) }, include: { user: { select: { id: true, role: true, unit: true, disabled: true } } } })),
    await cpuPerCall(ROUNDS, () => actorFromApiKey(db, `Bearer ${key}`)),
  );
  const intakeRounds = Math.max(10, Math.floor(ROUNDS / 3));
  const photoOnly = await cpuPerCall(intakeRounds, () => acceptPhotos([{ bytes: photo }]));
  const intake = await cpuPerCall(intakeRounds, intakeOnce);
  console.log(`  ${"case intake, whole (SQL)".padEnd(44)} ${intake.toFixed(2)} ms, of which the photo's validation and re-encoding ${photoOnly.toFixed(2)} ms`);
} finally {
  await db.apiKey.updateMany({ where: { hash }, data: { revokedAt: new Date() } });
  await db.case.deleteMany({ where: { id: { in: created } } });
  await rm(storageRoot, { recursive: true, force: true });
  await db.$disconnect();
}
