import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXPECTED_BACKBONE_SHA256, prepareBackbone, sha256Hex } from "../src/backbone/prepare-backbone.ts";

const workDir = await mkdtemp(path.join(os.tmpdir(), "basegun-ml-prepare-"));
afterAll(() => rm(workDir, { recursive: true, force: true }));

describe("prepareBackbone", () => {
  it("writes the expected file once, skips it when intact, rewrites it when altered", async () => {
    const target = path.join(workDir, "nested", "backbone.onnx");
    const first = await prepareBackbone(target);
    expect(first.action).toBe("written");
    expect(sha256Hex(await readFile(target))).toBe(EXPECTED_BACKBONE_SHA256);
    const modified = (await stat(target)).mtimeMs;

    const second = await prepareBackbone(target);
    expect(second.action).toBe("already-present");
    expect((await stat(target)).mtimeMs).toBe(modified);

    await writeFile(target, "truncated");
    const third = await prepareBackbone(target);
    expect(third.action).toBe("written");
    expect(sha256Hex(await readFile(target))).toBe(EXPECTED_BACKBONE_SHA256);
  }, 30_000);
});
