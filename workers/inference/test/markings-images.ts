import sharp from "sharp";

/**
 * Close-up "photos" of stamped markings, rendered by the tests (never a dataset photo): text on a
 * brushed-metal-like background, as JPEG like a phone's. Fonts from the machine (DejaVu, Liberation).
 */
export interface MarkingsImageOptions {
  font?: string;
  fontSize?: number;
  /** degrees; stamped markings are rarely level in a hand-held photo */
  rotate?: number;
  blur?: number;
  quality?: number;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export async function renderMarkings(lines: string[], options: MarkingsImageOptions = {}): Promise<Buffer> {
  const fontSize = options.fontSize ?? 44;
  const width = Math.max(640, Math.ceil(Math.max(...lines.map((line) => line.length)) * fontSize * 0.72) + 80);
  const height = Math.max(200, lines.length * fontSize * 1.6 + 80);
  const text = lines
    .map((line, index) => `<text x="40" y="${70 + index * fontSize * 1.5 + fontSize / 2}" font-family="${options.font ?? "DejaVu Sans"}" font-size="${fontSize}" font-weight="bold" fill="#2b2b2b">${escapeXml(line)}</text>`)
    .join("");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="metal" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b9b9b4"/><stop offset="0.5" stop-color="#d6d5cf"/><stop offset="1" stop-color="#a9a8a2"/></linearGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#metal)"/>${text}</svg>`;
  let image = sharp(Buffer.from(svg)).flatten({ background: "#c0c0bb" });
  if (options.rotate) image = image.rotate(options.rotate, { background: "#c0c0bb" });
  if (options.blur) image = image.blur(options.blur);
  return image.jpeg({ quality: options.quality ?? 85 }).toBuffer();
}

/** A close-up without any text: the brushed metal alone, with a screw head. */
export function renderBlankMetal(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="400">
    <defs><linearGradient id="metal" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#9d9d98"/><stop offset="1" stop-color="#d2d1cb"/></linearGradient></defs>
    <rect width="800" height="400" fill="url(#metal)"/><circle cx="620" cy="200" r="36" fill="#77776f"/><rect x="590" y="195" width="60" height="10" fill="#55554f"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
}
