import { describe, expect, it } from "vitest";
import { createSessionOptions } from "../src/runtime/session.ts";

describe("onnxruntime session options", () => {
  it("keeps ORT's memory arena and memory pattern unless told not to", () => {
    expect(createSessionOptions("cpu")).not.toHaveProperty("enableCpuMemArena");
    expect(createSessionOptions("cpu", { memoryArena: true })).not.toHaveProperty("enableCpuMemArena");
  });

  it("turns both off with memoryArena: false (the inference worker's default: its memory follows the work in hand)", () => {
    expect(createSessionOptions("cpu", { memoryArena: false })).toMatchObject({ enableCpuMemArena: false, enableMemPattern: false });
  });
});
