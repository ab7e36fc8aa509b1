import type { FileHandle } from "node:fs/promises";

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

/**
 * A POSIX ustar header for one regular file. Names longer than 100 bytes are split into prefix/name at
 * a slash (ustar's 155 + 100); the caller keeps names short (folder/id.ext), longer ones are refused.
 */
export function ustarHeader(name: string, size: number, mtime: Date): Buffer {
  let prefix = "";
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf("/", 155);
    if (cut <= 0 || Buffer.byteLength(name.slice(cut + 1)) > 100) throw new Error(`tar entry name too long: ${name}`);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
  }
  const header = Buffer.alloc(BLOCK, 0);
  header.write(base, 0, 100, "utf8");
  header.write(octal(0o644, 8), 100, "ascii");
  header.write(octal(0, 8), 108, "ascii");
  header.write(octal(0, 8), 116, "ascii");
  header.write(octal(size, 12), 124, "ascii");
  header.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, "ascii");
  header.write("        ", 148, "ascii"); // checksum field counts as spaces while summing
  header.write("0", 156, "ascii");
  header.write("ustar\0", 257, "ascii");
  header.write("00", 263, "ascii");
  header.write(prefix, 345, 155, "utf8");
  let checksum = 0;
  for (const byte of header) checksum += byte;
  header.write(`${checksum.toString(8).padStart(6, "0")}\0 `, 148, "ascii");
  return header;
}

/** Appends files to an open file as a tar archive (no dependency: headers, data padded to 512, two zero blocks). */
export class TarWriter {
  private bytes = 0;
  constructor(private readonly file: FileHandle) {}

  async add(name: string, data: Buffer, mtime = new Date()): Promise<void> {
    await this.write(ustarHeader(name, data.length, mtime));
    await this.write(data);
    const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
    if (padding) await this.write(Buffer.alloc(padding, 0));
  }

  async finish(): Promise<number> {
    await this.write(Buffer.alloc(BLOCK * 2, 0));
    return this.bytes;
  }

  private async write(buffer: Buffer) {
    await this.file.write(buffer);
    this.bytes += buffer.length;
  }
}
