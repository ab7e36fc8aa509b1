// Renders the project's SVG icons (public/icons/*.svg) to the PNG sizes that manifests and iOS want,
// and public/favicon.ico (a PNG-in-ICO, which every current browser reads). Run after editing the SVGs:
//   node apps/web/scripts/render-icons.mjs
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";

const publicDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../public");
const icon = await readFile(path.join(publicDir, "icons/icon.svg"));
const maskable = await readFile(path.join(publicDir, "icons/maskable.svg"));

const png = (svg, size) => sharp(svg, { density: 300 }).resize(size, size).png({ compressionLevel: 9, palette: true }).toBuffer();

for (const size of [192, 512]) await writeFile(path.join(publicDir, `icons/icon-${size}.png`), await png(icon, size));
await writeFile(path.join(publicDir, "icons/maskable-512.png"), await png(maskable, 512));
// iOS draws its own rounded corners: the full-bleed variant
await writeFile(path.join(publicDir, "icons/apple-touch-icon.png"), await png(maskable, 180));

// ICO container with one 32 × 32 PNG entry
const favicon = await png(icon, 32);
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6); // width
header.writeUInt8(32, 7); // height
header.writeUInt8(0, 8); // no palette
header.writeUInt8(0, 9); // reserved
header.writeUInt16LE(1, 10); // colour planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(favicon.length, 14); // image size
header.writeUInt32LE(22, 18); // image offset
await writeFile(path.join(publicDir, "favicon.ico"), Buffer.concat([header, favicon]));
console.log("icons rendered in", publicDir);
