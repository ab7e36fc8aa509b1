/**
 * `pnpm bench:ocr [N]` (45 by default): the markings OCR on this machine. Renders N close-up marking images (the tests'
 * renderer: fonts of the machine, sizes, slight rotations, blur, JPEG quality; never a dataset photo),
 * then prints the engine's load time, the time per photo (decode + detection + recognition), how many
 * matched what was written, and the process's resident memory before and after the OCR engine, with the
 * production identify model already loaded as in the inference worker (so the difference is the
 * worker's extra RSS for markings).
 */
import path from "node:path";
import { matchMarkings } from "@basegun/domain";
import { DEFAULT_BACKBONE_PATH, latestModelVersion, loadIdentifier, MODELS_DIR } from "@basegun/ml";
import { OcrEngine } from "../src/markings/ocr-engine.ts";
import { renderBlankMetal, renderMarkings, type MarkingsImageOptions } from "../test/markings-images.ts";

const N = Number(process.argv[2] ?? 45);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const rss = () => process.memoryUsage().rss;

const MARKINGS: Array<{ lines: string[]; expect: string }> = [
  { lines: ["ZORAKI 918 CAL 9mm P.A.K"], expect: "alarm:zoraki-918" },
  { lines: ["ZORAKI 925", "CAL 9mm P.A.K"], expect: "alarm:zoraki-925" },
  { lines: ["KIMAR 92 AUTO", "9mm P.A.K"], expect: "alarm:kimar-92-auto" },
  { lines: ["BLOW F92", "MADE IN TURKEY"], expect: "alarm:blow-f92" },
  { lines: ["BLOW C75 9mm P.A.K"], expect: "alarm:blow-c75" },
  { lines: ["GLOCK 17", "AUSTRIA 9x19"], expect: "catalogue:glock|17" },
  { lines: ["REMINGTON 870", "EXPRESS MAGNUM 12GA"], expect: "catalogue:remington|870" },
  { lines: ["MANURHIN MR 73", "CAL .357 MAGNUM"], expect: "catalogue:manurhin|mr73" },
  { lines: ["BERETTA 92", "PB GARDONE V.T."], expect: "catalogue:beretta|92" },
];
const VARIANTS: MarkingsImageOptions[] = [
  {},
  { font: "Liberation Sans", fontSize: 36 },
  { font: "DejaVu Sans Mono", rotate: 3, quality: 60 },
  { font: "Liberation Serif", fontSize: 40, blur: 0.7, rotate: -2 },
  { font: "DejaVu Sans Condensed", fontSize: 32, quality: 40 },
];

const before = rss();
const version = latestModelVersion(MODELS_DIR);
let identifyLoaded = false;
if (version) {
  await loadIdentifier({ modelDir: path.join(MODELS_DIR, version), backbonePath: DEFAULT_BACKBONE_PATH, executionProvider: "cpu" });
  identifyLoaded = true;
}
const withIdentify = rss();

const engine = new OcrEngine();
const createStarted = performance.now();
await engine.read(await renderBlankMetal()); // loads the engine, and warms it
const firstMs = performance.now() - createStarted;
const withOcr = rss();

const times: number[] = [];
let peak = withOcr;
let correct = 0;
const misses: string[] = [];
for (let i = 0; i < N; i++) {
  const sample = MARKINGS[i % MARKINGS.length]!;
  const variant = VARIANTS[Math.floor(i / MARKINGS.length) % VARIANTS.length]!;
  const image = await renderMarkings(sample.lines, variant);
  const started = performance.now();
  const read = await engine.read(image);
  times.push(performance.now() - started);
  peak = Math.max(peak, rss());
  const { match } = matchMarkings(read.text);
  const got = match.kind === "alarm" ? `alarm:${match.alarmGun.id}` : match.kind === "catalogue" ? `catalogue:${match.reference.make}|${match.reference.model}`.toLowerCase() : "none";
  if (got === sample.expect) correct++;
  else misses.push(`${JSON.stringify(sample.lines)} ${JSON.stringify(variant)} → read ${JSON.stringify(read.text)} → ${got}`);
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
const mean = times.reduce((a, b) => a + b, 0) / times.length;

console.log(`markings OCR (PP-OCRv4 det + rec, onnxruntime-node CPU), ${N} rendered photos, node ${process.version}`);
console.log(`  engine load + first read (blank photo): ${firstMs.toFixed(0)} ms`);
console.log(`  per photo (decode + detect + recognise): mean ${mean.toFixed(0)} ms, p50 ${at(0.5).toFixed(0)} ms, p95 ${at(0.95).toFixed(0)} ms, max ${times.at(-1)!.toFixed(0)} ms`);
console.log(`  matched as written: ${correct}/${N}`);
for (const miss of misses) console.log(`    miss: ${miss}`);
console.log(`  RSS: process ${mb(before)}; ${identifyLoaded ? `with the identify model ${mb(withIdentify)}; ` : ""}with the OCR engine ${mb(withOcr)} (+${mb(withOcr - withIdentify)}); peak while reading ${mb(peak)} (+${mb(peak - withIdentify)})`);
process.exit(0);
