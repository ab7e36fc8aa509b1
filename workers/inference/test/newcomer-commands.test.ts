import { execFile } from "node:child_process";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createDb, poolOf } from "@basegun/db";
import sharp from "sharp";
import { describe, expect, it } from "vitest";

// The README's commands, run as a newcomer runs them: from the repository root, in a shell with
// nothing exported (only PATH and HOME), so the README's defaults must apply (issue 12: they failed with
// "DATABASE_URL is not set", and model:eval needed model:prepare first). Cheap forms of each command:
// nothing is written to the default database.

const REPO = path.resolve(import.meta.dirname, "../../..");
const DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/basegun";
const bare = (extra: Record<string, string> = {}) => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: process.env.HOME ?? "/root", ...extra });

async function run(args: string[], env = bare()): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)("pnpm", args, { cwd: REPO, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === "number" ? failed.code : 1, stdout: failed.stdout ?? "", stderr: failed.stderr ?? "" };
  }
}

async function defaultDatabaseExists(): Promise<boolean> {
  const db = createDb(DEFAULT_DATABASE_URL);
  try {
    await poolOf(db).query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await db.$disconnect();
  }
}

describe("the README's commands in a fresh shell", () => {
  it("the database commands get the default DATABASE_URL (api-key:create, api-key:list, user:create)", async () => {
    const reachable = await defaultDatabaseExists();
    const create = await run(["api-key:create", "newcomer-check@example.invalid"]);
    const list = await run(["api-key:list", "newcomer-check@example.invalid"]);
    const user = await run(["user:create", "newcomer-check@example.invalid", "not-a-role"]);
    for (const result of [create, list, user]) expect(result.stderr + result.stdout).not.toMatch(/DATABASE_URL is not set/);
    // user:create checks its arguments first: the usage, not an environment error
    expect(user.code).not.toBe(0);
    expect(user.stderr).toContain("usage: pnpm user:create");
    if (!reachable) {
      console.warn(`the default database (${DEFAULT_DATABASE_URL}) does not exist here (pnpm start creates it): only the environment was checked`);
      expect(create.stderr + list.stderr).toMatch(/basegun/);
      return;
    }
    // the default database answered: an unknown user has no key, and none is created
    expect(create.stderr).toContain("no active user with email newcomer-check@example.invalid");
    expect(list.code).toBe(0);
    expect(list.stderr).toContain("no API key for newcomer-check@example.invalid");
  }, 180_000);

  it("bench:identify gets the defaults too (it stops at the missing platform or database, not at the environment)", async () => {
    const bench = await run(["bench:identify", "1"], bare({ BASE_URL: "http://127.0.0.1:9" }));
    expect(bench.stderr + bench.stdout).not.toMatch(/DATABASE_URL is not set|Invalid environment/);
  }, 180_000);

  it("pnpm -s model:eval works without a prior model:prepare: the backbone is generated, stdout stays one JSON object", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "basegun-newcomer-"));
    await writeFile(path.join(dir, "photo.jpg"), await sharp({ create: { width: 320, height: 240, channels: 3, background: "#777" } }).jpeg().toBuffer());
    await writeFile(path.join(dir, "photos.csv"), "file,typology\nphoto.jpg,revolver\n");
    // a backbone path where nothing exists yet: what a fresh clone has
    const result = await run(["-s", "model:eval", "--manifest", path.join(dir, "photos.csv")], bare({ BACKBONE_PATH: path.join(dir, "backbone", "mobilenet_v2_mid.onnx") }));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("backbone missing");
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    expect(report).toBeTypeOf("object");
  }, 180_000);
});
