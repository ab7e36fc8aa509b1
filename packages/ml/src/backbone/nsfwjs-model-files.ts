import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

/** One weight entry of a TF.js graph-model weights manifest (uint8-quantised in this package). */
export interface TfjsWeightSpec {
  name: string;
  shape: number[];
  dtype: "float32";
  quantization?: { min: number; scale: number; dtype: "uint8" };
}

export interface TfjsGraphNode {
  name: string;
  op: string;
  input?: string[];
  attr?: Record<string, TfjsAttrValue>;
}

export interface TfjsAttrValue {
  s?: string;
  i?: string;
  f?: number;
  b?: boolean;
  type?: string;
  list?: { i?: string[]; s?: string[] };
  shape?: unknown;
  tensor?: unknown;
}

export interface TfjsGraphModelJson {
  format: string;
  modelTopology: { node: TfjsGraphNode[] };
  weightsManifest: { paths: string[]; weights: TfjsWeightSpec[] }[];
}

export interface NsfwjsModelFiles {
  packageVersion: string;
  modelJson: TfjsGraphModelJson;
  /** The concatenated raw weight bytes, in weightsManifest order. */
  weightBytes: Uint8Array;
}

export const NSFWJS_MID_MODEL_DIR = "dist/models/mobilenet_v2_mid";

const requireFromHere = createRequire(import.meta.url);

/** Locates the installed nsfwjs package through Node resolution (never a hard-coded node_modules path). */
export function resolveNsfwjsPackageRoot(): string {
  // The package's "exports" map hides package.json and the model files, so resolve the entry point
  // and walk up to the directory that owns it.
  let directory = path.dirname(requireFromHere.resolve("nsfwjs"));
  while (directory !== path.dirname(directory)) {
    const manifestPath = path.join(directory, "package.json");
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as { name?: string };
      if (manifest.name === "nsfwjs") return directory;
    }
    directory = path.dirname(directory);
  }
  throw new Error("Could not locate the nsfwjs package root from its resolved entry point");
}

/**
 * Reads the MobileNetV2 (mid) graph model shipped inside nsfwjs. The model and its weight shards are
 * UMD bundles: the model bundle exports the graph JSON, each shard exports a base64 string.
 */
export function loadNsfwjsMidModelFiles(): NsfwjsModelFiles {
  const packageRoot = resolveNsfwjsPackageRoot();
  const packageVersion = (JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  const modelDir = path.join(packageRoot, NSFWJS_MID_MODEL_DIR);
  const modelJson = requireFromHere(path.join(modelDir, "model.min.js")) as TfjsGraphModelJson;
  const shards: Uint8Array[] = [];
  for (const group of modelJson.weightsManifest) {
    for (const shardName of group.paths) {
      const base64 = requireFromHere(path.join(modelDir, `${shardName}.min.js`)) as unknown;
      if (typeof base64 !== "string") throw new Error(`Weight shard ${shardName} is not a base64 string`);
      shards.push(new Uint8Array(Buffer.from(base64, "base64")));
    }
  }
  const weightBytes = new Uint8Array(shards.reduce((total, shard) => total + shard.length, 0));
  let offset = 0;
  for (const shard of shards) {
    weightBytes.set(shard, offset);
    offset += shard.length;
  }
  return { packageVersion, modelJson, weightBytes };
}
