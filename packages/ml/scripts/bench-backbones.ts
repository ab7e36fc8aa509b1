// pnpm --filter @basegun/ml exec tsx scripts/bench-backbones.ts <a.onnx> <b.onnx> [--rounds N] [--batch B]
// Compares the inference cost of two backbone files on the same input, interleaving the runs (a, b, a, b…)
// so that the load of a shared machine weighs on both alike. Reports medians per image batch.
import { parseArgs } from "node:util";
import * as ort from "onnxruntime-node";

const { values, positionals } = parseArgs({ allowPositionals: true, options: { rounds: { type: "string", default: "30" }, batch: { type: "string", default: "2" } } });
const [fileA, fileB] = positionals;
if (!fileA || !fileB) throw new Error("usage: bench-backbones.ts <a.onnx> <b.onnx> [--rounds N] [--batch B]");
const rounds = Number(values.rounds);
const batch = Number(values.batch);
const options: ort.InferenceSession.SessionOptions = { intraOpNumThreads: 2, interOpNumThreads: 1 };
const sessions = [await ort.InferenceSession.create(fileA, options), await ort.InferenceSession.create(fileB, options)];
const data = Float32Array.from({ length: batch * 224 * 224 * 3 }, (_, i) => ((i * 2654435761) % 1000) / 1000);
const input = new ort.Tensor("float32", data, [batch, 224, 224, 3]);
const times: number[][] = [[], []];
for (const session of sessions) await session.run({ input }, ["features", "block16_features"]); // warm-up
for (let round = 0; round < rounds; round++) {
  for (const [index, session] of sessions.entries()) {
    const started = performance.now();
    await session.run({ input }, ["features", "block16_features"]);
    times[index]!.push(performance.now() - started);
  }
}
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]!;
const [a, b] = [median(times[0]!), median(times[1]!)];
console.log(`batch ${batch}, ${rounds} interleaved rounds: ${fileA} ${a.toFixed(1)} ms, ${fileB} ${b.toFixed(1)} ms (ratio ${(b / a).toFixed(3)})`);
