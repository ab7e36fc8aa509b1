import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ModelProvider } from "../src/model-provider.ts";
import { makeHarness, productionAndTwin } from "./harness.ts";

let h: Awaited<ReturnType<typeof makeHarness>>;
let firstId: string;
let secondId: string;
const ALIAS = "provider-test";

beforeAll(async () => {
  h = await makeHarness();
  // a second registered version on the same files: enough to see which one the provider serves
  ({ productionId: firstId, twinId: secondId } = await productionAndTwin(h.db, "provider-test-2"));
});
afterAll(async () => {
  await h.db.modelAlias.deleteMany({ where: { name: ALIAS } });
  await h?.deps.producer.close();
  await h?.db.$disconnect();
});

const pointAliasAt = (modelVersionId: string) =>
  h.db.modelAlias.upsert({ where: { name: ALIAS }, create: { name: ALIAS, modelVersionId }, update: { modelVersionId } });

describe("ModelProvider alias refresh", () => {
  it("trusts its last read of the alias for aliasRefreshMs, then follows a move without a restart", async () => {
    await pointAliasAt(firstId);
    const provider = new ModelProvider({ db: h.db, modelsDir: h.env.MODELS_DIR, backbonePath: h.env.BACKBONE_PATH, executionProvider: "cpu", alias: ALIAS, aliasRefreshMs: 400 });
    try {
      expect((await provider.resolve()).modelVersionId).toBe(firstId);
      await pointAliasAt(secondId);
      // within the window: the version already loaded, no database read
      expect((await provider.resolve()).modelVersionId).toBe(firstId);
      await new Promise((r) => setTimeout(r, 450));
      expect((await provider.resolve()).modelVersionId).toBe(secondId);
    } finally {
      await provider.close();
    }
  });

  it("with aliasRefreshMs 0 reads the alias for every job", async () => {
    await pointAliasAt(firstId);
    const provider = new ModelProvider({ db: h.db, modelsDir: h.env.MODELS_DIR, backbonePath: h.env.BACKBONE_PATH, executionProvider: "cpu", alias: ALIAS, aliasRefreshMs: 0 });
    try {
      expect((await provider.resolve()).modelVersionId).toBe(firstId);
      await pointAliasAt(secondId);
      expect((await provider.resolve()).modelVersionId).toBe(secondId);
      await h.db.modelAlias.delete({ where: { name: ALIAS } });
      await expect(provider.resolve()).rejects.toThrow(/no model version behind/);
    } finally {
      await provider.close();
    }
  });

  it("does not trust a read whose model failed to load: the next job tries again", async () => {
    const broken = await h.db.modelVersion.upsert({
      where: { version: "provider-test-broken" },
      create: { version: "provider-test-broken", artifactPath: "no-such-dir", artifactSha256: "0".repeat(64), manifest: {}, source: "trained", status: "candidate" },
      update: {},
    });
    await pointAliasAt(broken.id);
    const provider = new ModelProvider({ db: h.db, modelsDir: h.env.MODELS_DIR, backbonePath: h.env.BACKBONE_PATH, executionProvider: "cpu", alias: ALIAS, aliasRefreshMs: 60_000 });
    try {
      await expect(provider.resolve()).rejects.toThrow();
      await pointAliasAt(firstId);
      expect((await provider.resolve()).modelVersionId).toBe(firstId);
    } finally {
      await provider.close();
    }
  });
});
