import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hashModelFolder } from "../src/model-registration.ts";

const MODELS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../models");

// A deployment registers each shipped folder with this hash and refuses a folder that changed
// (registerShippedModels): writing a report as .json into a shipped folder would stop every seed of an
// existing deployment. New files next to a model go in as .md, .png or .jsonl.
describe("shipped model folders never change", () => {
  it.each([
    ["2026.11.25-3", "435940fa38b2c3e0a486bbf7a613786154bd0e194f3895d7da64070c137352d6"],
    ["2026.12.06-1", "eb69fc73c5b8ac87cd602c93db780d40aa590f9ffeae58565ac5c83946c812d6"],
    ["2026.12.06-2", "ddc2be6c7e62ccbdfbc3c32e931d9ad5cd399c63aa63d7742f509e420425dca1"],
    ["2026.12.06-3", "873ba132d6b6c3724b0c403b2febfdab3d76f26ac9c13706cd793f812c8c95ab"],
    ["2026.12.06-4", "551df2e52c9ee37d71b6802e1bb3441772d1203196216fa2bbe0252d78839de4"],
    ["2026.12.06-5", "5715cf6526bd3513298ab3c86b0ee4080bd0493d4ca909aa7d94bbe5b967059e"],
  ])("%s keeps the hash it shipped with", async (version, sha256) => {
    expect(await hashModelFolder(path.join(MODELS_DIR, version))).toBe(sha256);
  });
});
