import sharp from "sharp";

/** A drawn, gun-like silhouette on a light table: a test inference never needs a real photo. */
export function drawnTestImage(shift = 0): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="400">
    <rect width="640" height="400" fill="#d8d2c4"/>
    <rect x="${120 + shift}" y="170" width="380" height="34" rx="6" fill="#222"/>
    <rect x="${140 + shift}" y="200" width="70" height="120" rx="10" fill="#333" transform="rotate(12 175 260)"/>
  </svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}
