/**
 * Just enough of the zip format to judge an .xlsx before parsing it: the central
 * directory's entries and sizes (a zip bomb declares far more than it holds; a
 * truncated file has no directory), and one small entry read out (workbook.xml says
 * which sheets and names the file has, so the reader knows what kind of file it is).
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The entries of the central directory; throws ZipError when there is none to find (truncated or not a zip). */
export function zipEntries(buf: Buffer): ZipEntry[] {
  // The end record sits in the last 22 + 65,535 (comment) bytes.
  const from = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= from; i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('找不到压缩目录（文件不完整或已损坏）');
  const count = buf.readUInt16LE(eocd + 10);
  const dirOffset = buf.readUInt32LE(eocd + 16);
  if (dirOffset >= buf.length) throw new ZipError('压缩目录位置超出文件（文件不完整）');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('压缩目录已损坏');
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    entries.push({
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes, inflated; refuses one that declares more than `limit` bytes. */
export function zipEntry(buf: Buffer, entry: ZipEntry, limit = 64 * 1024 * 1024): Buffer {
  if (entry.size > limit) throw new ZipError(`“${entry.name}”过大`);
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new ZipError(`“${entry.name}”已损坏`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`“${entry.name}”使用了不支持的压缩方式`);
  return zlib.inflateRawSync(data, { maxOutputLength: limit });
}
