import sharp from "sharp";
import type { ReliabilityBin } from "./test-report.ts";

const FONT = "DejaVu Sans, Liberation Sans, sans-serif";
const escape = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** SVG → PNG with a palette: these charts have few colours, so images stay in the tens of KB. */
export async function renderPng(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg), { density: 96 }).flatten({ background: "#ffffff" }).png({ palette: true, colours: 64, compressionLevel: 9, effort: 10 }).toBuffer();
}

/**
 * Confusion matrix: one row per true label, one column per predicted class, each cell shaded by
 * its share of the row and showing the count.
 */
export function confusionMatrixSvg(input: { title: string; rows: string[]; columns: string[]; counts: Record<string, Record<string, number>>; columnLabels?: Record<string, string> }): string {
  const cell = 34;
  const left = 170;
  const top = 190;
  const width = left + input.columns.length * cell + 70;
  const height = top + input.rows.length * cell + 20;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT}">`, `<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  parts.push(`<text x="10" y="20" font-size="14" font-weight="bold">${escape(input.title)}</text>`);
  parts.push(`<text x="${left}" y="40" font-size="11" fill="#444">columns: predicted top-1 (or the gate's "no firearm"); rows: label; shade = share of the row</text>`);
  input.columns.forEach((column, c) => {
    const x = left + c * cell + cell / 2 + 4;
    parts.push(`<text transform="translate(${x},${top - 6}) rotate(-60)" font-size="11">${escape(input.columnLabels?.[column] ?? column)}</text>`);
  });
  input.rows.forEach((row, r) => {
    const y = top + r * cell;
    const line = input.counts[row] ?? {};
    const total = Object.values(line).reduce((sum, value) => sum + value, 0);
    parts.push(`<text x="${left - 8}" y="${y + cell / 2 + 4}" font-size="12" text-anchor="end">${escape(row)} (${total})</text>`);
    input.columns.forEach((column, c) => {
      const count = line[column] ?? 0;
      const share = total ? count / total : 0;
      const shade = Math.round(255 - share * 200);
      parts.push(`<rect x="${left + c * cell}" y="${y}" width="${cell}" height="${cell}" fill="rgb(${shade},${shade},255)" stroke="#cccccc"/>`);
      if (count) parts.push(`<text x="${left + c * cell + cell / 2}" y="${y + cell / 2 + 4}" font-size="11" text-anchor="middle" fill="${share > 0.5 ? "#ffffff" : "#000000"}">${count}</text>`);
    });
  });
  parts.push("</svg>");
  return parts.join("");
}

/**
 * Reliability diagram: accuracy against mean confidence per bin, before and after temperature
 * scaling; the diagonal is perfect calibration; each bin is labelled with its photo count.
 */
export function reliabilityDiagramSvg(input: { title: string; before: ReliabilityBin[]; after: ReliabilityBin[]; from: number; ece: { before: number; after: number } }): string {
  const size = 320;
  const left = 60;
  const top = 40;
  const width = left + size + 200;
  const height = top + size + 50;
  const x = (value: number) => left + ((value - input.from) / (1 - input.from)) * size;
  // Accuracy axis from 0: a bin can be right less often than chance.
  const y = (value: number) => top + size - value * size;
  const clampY = y;
  const parts: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="${FONT}">`, `<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  parts.push(`<text x="10" y="20" font-size="14" font-weight="bold">${escape(input.title)}</text>`);
  parts.push(`<rect x="${left}" y="${top}" width="${size}" height="${size}" fill="none" stroke="#888"/>`);
  for (let tick = 0; tick <= 5; tick++) {
    const value = input.from + (tick / 5) * (1 - input.from);
    parts.push(`<text x="${x(value)}" y="${top + size + 16}" font-size="11" text-anchor="middle">${value.toFixed(1)}</text>`);
    const accuracy = tick / 5;
    parts.push(`<text x="${left - 6}" y="${y(accuracy) + 4}" font-size="11" text-anchor="end">${accuracy.toFixed(1)}</text>`);
    parts.push(`<line x1="${left}" x2="${left + size}" y1="${y(accuracy)}" y2="${y(accuracy)}" stroke="#eeeeee"/>`);
  }
  parts.push(`<line x1="${x(input.from)}" y1="${y(input.from)}" x2="${x(1)}" y2="${y(1)}" stroke="#999" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${left + size / 2}" y="${top + size + 34}" font-size="12" text-anchor="middle">mean confidence in bin</text>`);
  parts.push(`<text transform="translate(16,${top + size / 2}) rotate(-90)" font-size="12" text-anchor="middle">accuracy in bin</text>`);
  for (const bin of input.after) {
    if (bin.accuracy === null) continue;
    parts.push(`<rect x="${x(bin.low) + 2}" y="${clampY(bin.accuracy)}" width="${x(bin.high) - x(bin.low) - 4}" height="${y(0) - clampY(bin.accuracy)}" fill="#4c72b0" fill-opacity="0.75"/>`);
    parts.push(`<text x="${(x(bin.low) + x(bin.high)) / 2}" y="${clampY(bin.accuracy) - 4}" font-size="9" text-anchor="middle" fill="#333">${bin.n}</text>`);
  }
  const beforePoints = input.before.filter((bin) => bin.accuracy !== null && bin.meanConfidence !== null);
  for (const bin of beforePoints) parts.push(`<circle cx="${x(bin.meanConfidence!)}" cy="${clampY(bin.accuracy!)}" r="4" fill="#dd8452"/>`);
  const legend = left + size + 15;
  parts.push(`<rect x="${legend}" y="${top + 10}" width="14" height="14" fill="#4c72b0" fill-opacity="0.75"/><text x="${legend + 20}" y="${top + 22}" font-size="12">calibrated (n above bar)</text>`);
  parts.push(`<circle cx="${legend + 7}" cy="${top + 42}" r="4" fill="#dd8452"/><text x="${legend + 20}" y="${top + 46}" font-size="12">before scaling</text>`);
  parts.push(`<line x1="${legend}" x2="${legend + 14}" y1="${top + 64}" y2="${top + 64}" stroke="#999" stroke-dasharray="4 3"/><text x="${legend + 20}" y="${top + 68}" font-size="12">perfect calibration</text>`);
  parts.push(`<text x="${legend}" y="${top + 96}" font-size="12">ECE before ${input.ece.before.toFixed(3)}</text>`);
  parts.push(`<text x="${legend}" y="${top + 114}" font-size="12">ECE after ${input.ece.after.toFixed(3)}</text>`);
  parts.push("</svg>");
  return parts.join("");
}
