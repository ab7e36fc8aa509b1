import { beforeAll, describe, expect, it } from "vitest";
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { BACKBONE_LAYER_DIMS } from "../src/backbone/backbone-spec.ts";
import { openInProcessSession } from "../src/runtime/backbone-session.ts";
import { openThreadedSession } from "../src/runtime/backbone-thread.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";

beforeAll(async () => {
  await prepareBackbone(DEFAULT_BACKBONE_PATH); // idempotent set-up step (skips when present)
});

/** A deterministic batch of n "images" (values in 0..1), new each call: a run takes ownership of it. */
function batch(n: number) {
  const data = new Float32Array(n * 224 * 224 * 3);
  for (let i = 0; i < data.length; i++) data[i] = ((i * 7919) % 255) / 255;
  return { data, dims: [n, 224, 224, 3] };
}

describe("backbone on a worker thread", () => {
  it("gives exactly the in-process results, for runs sent together, in order", async () => {
    const local = await openInProcessSession(DEFAULT_BACKBONE_PATH, "cpu");
    const threaded = await openThreadedSession(DEFAULT_BACKBONE_PATH, "cpu");
    try {
      const expected = await local.run(batch(2), ["features"]);
      const [a, b] = await Promise.all([threaded.run(batch(2), ["features"]), threaded.run(batch(1), ["features", "block16_features"])]);
      expect(a!.features).toEqual(expected.features);
      expect(b!.features).toHaveLength(BACKBONE_LAYER_DIMS.features);
      expect(b!.block16_features).toHaveLength(BACKBONE_LAYER_DIMS.block16_features);
      expect(Array.from(b!.features!)).toEqual(Array.from(expected.features!.subarray(0, BACKBONE_LAYER_DIMS.features)));
    } finally {
      await local.close();
      await threaded.close();
    }
  });

  it("rejects a bad run without losing the thread", async () => {
    const threaded = await openThreadedSession(DEFAULT_BACKBONE_PATH, "cpu");
    try {
      await expect(threaded.run({ data: new Float32Array(10), dims: [1, 2, 5, 1] }, ["features"])).rejects.toThrow(/backbone inference failed/);
      expect((await threaded.run(batch(1), ["features"])).features).toHaveLength(BACKBONE_LAYER_DIMS.features);
    } finally {
      await threaded.close();
    }
  });

  it("after the thread dies, fails the run in flight and serves the next one from a new thread", async () => {
    const threaded = await openThreadedSession(DEFAULT_BACKBONE_PATH, "cpu");
    try {
      const inFlight = threaded.run(batch(4), ["features"]);
      await threaded.kill();
      await expect(inFlight).rejects.toThrow(/inference thread stopped/);
      expect((await threaded.run(batch(1), ["features"])).features).toHaveLength(BACKBONE_LAYER_DIMS.features);
    } finally {
      await threaded.close();
    }
  });

  it("falls back to the CPU, saying why, when CUDA is asked for without its libraries", async () => {
    const threaded = await openThreadedSession(DEFAULT_BACKBONE_PATH, "cuda");
    try {
      // on a GPU host with onnxruntime's CUDA libraries this test sees cuda and no reason
      if (threaded.executionProvider === "cpu") expect(threaded.fallbackReason).toBeTruthy();
      expect((await threaded.run(batch(1), ["features"])).features).toHaveLength(BACKBONE_LAYER_DIMS.features);
    } finally {
      await threaded.close();
    }
    await expect(threaded.run(batch(1), ["features"])).rejects.toThrow(/closed/);
  });
});
