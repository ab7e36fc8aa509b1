// pnpm model:prepare — converts nsfwjs's MobileNetV2 to models/backbone/mobilenet_v2_mid.onnx (idempotent).
import { prepareBackbone } from "../src/backbone/prepare-backbone.ts";
import { DEFAULT_BACKBONE_PATH } from "../src/paths.ts";

const targetPath = process.argv[2] ?? process.env.BACKBONE_PATH ?? DEFAULT_BACKBONE_PATH;
const result = await prepareBackbone(targetPath);
if (result.action === "already-present") {
  console.log(`backbone already present: ${result.path} (sha256 ${result.sha256})`);
} else {
  console.log(`backbone written: ${result.path} (sha256 ${result.sha256}, converted in ${result.convertMs?.toFixed(0)} ms)`);
}
