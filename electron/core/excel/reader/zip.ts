/**
 * Just enough of the zip format to judge an .xlsx or .ods before parsing it, and to
 * unpack it honestly: the central directory's entries and sizes (zip64 too: a part of
 * 4 GB or more declares its size there, not in the 32-bit field, which then holds
 * 0xFFFFFFFF), and each entry inflated never past the size it declares, its CRC-32
 * checked. SheetJS checks no CRC: a byte flipped in transit was read as other values.
 *
 * A file that is damaged and a file that is hostile are told apart here, by what each can
 * do: damage breaks the deflate data, the CRC or the headers; a bomb is valid deflate
 * data that inflates a thousandfold. An entry that inflates past its declared size is
 * either, until it is inflated to its end (inflatedSize) and measured.
 * Plain erasable TypeScript, so the worker loads it as it is (Node strips the types) or bundled.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/**
 * What is wrong with a zip or one of its entries: 'damaged' (truncated, a flipped byte, a
 * broken header), 'overflow' (inflates past its declared size: measure it to tell a bomb from
 * damage), 'encrypted' (zip encryption), 'method' (a compression method other than deflate).
 */
export type ZipProblem = 'damaged' | 'overflow' | 'encrypted' | 'method';

export class ZipError extends Error {
  readonly problem: ZipProblem;
  /** The entry concerned, if one is. */
  readonly entry: string | undefined;
  constructor(message: string, problem: ZipProblem = 'damaged', entry?: string) {
    super(message);
    this.problem = problem;
    this.entry = entry;
  }
}

const EOCD = 0x06054b50;
const EOCD64 = 0x06064b50;
const EOCD64_LOCATOR = 0x07064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX32 = 0xffffffff;

/**
 * The most deflate can multiply its input by (a run of 258-byte matches at 1 bit each: 1032:1).
 * A declared size beyond this many times its compressed size cannot be true: damage, or a lie.
 */
export const DEFLATE_MAX_RATIO = 1100;

/** A 64-bit size as a number (exact below 2^53, far past any file). */
const read64 = (buf: Buffer, p: number) => Number(buf.readBigUInt64LE(p));

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
  if (eocd < 0) throw new ZipError('文件不完整，末尾的压缩目录缺失');
  let count = buf.readUInt16LE(eocd + 10);
  let dirOffset = buf.readUInt32LE(eocd + 16);
  // Zip64: the real count and offset are in the zip64 end record, which its locator points to.
  if ((count === 0xffff || dirOffset === MAX32) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === EOCD64_LOCATOR) {
    const at = read64(buf, eocd - 20 + 8);
    if (at + 56 > buf.length || buf.readUInt32LE(at) !== EOCD64) throw new ZipError('压缩目录已损坏');
    count = read64(buf, at + 32);
    dirOffset = read64(buf, at + 48);
  }
  if (dirOffset >= buf.length) throw new ZipError('文件不完整，压缩目录的位置超出了文件');
  const entries: ZipEntry[] = [];
  let p = dirOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) throw new ZipError('压缩目录已损坏');
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
      method: buf.readUInt16LE(p + 10),
      flags: buf.readUInt16LE(p + 8),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
    };
    // The zip64 extra field holds, in this order, those of the three that are 0xFFFFFFFF above.
    for (let x = p + 46 + nameLength, end = x + extraLength; x + 4 <= end && x + 4 <= buf.length; ) {
      const id = buf.readUInt16LE(x);
      const length = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const next = () => {
          if (q + 8 > x + 4 + length || q + 8 > buf.length) throw new ZipError('压缩目录已损坏');
          const v = read64(buf, q);
          q += 8;
          return v;
        };
        if (entry.size === MAX32) entry.size = next();
        if (entry.compressedSize === MAX32) entry.compressedSize = next();
        if (entry.localOffset === MAX32) entry.localOffset = next();
      }
      x += 4 + length;
    }
    entries.push(entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The size an entry's local header (or the data descriptor after its data, where the header
 * leaves it out, as ExcelJS writes) records, to check the directory's against: a byte flipped in
 * one of them makes them differ; a zip that lies about a size lies in both. -1 where that record
 * cannot be found where the directory says (itself a sign of damage); null where there is none.
 */
export function localSize(buf: Buffer, entry: ZipEntry): number | null {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) return -1;
  const nameLength = buf.readUInt16LE(p + 26);
  if (buf.readUInt16LE(p + 6) & 0x8) {
    let d = p + 30 + nameLength + buf.readUInt16LE(p + 28) + entry.compressedSize;
    if (d + 4 <= buf.length && buf.readUInt32LE(d) === 0x08074b50) d += 4;
    if (d + 12 > buf.length || buf.readUInt32LE(d) !== entry.crc) return -1;
    // (A zip64 descriptor holds 8-byte sizes: not compared.)
    return entry.size >= MAX32 ? null : buf.readUInt32LE(d + 8);
  }
  const size = buf.readUInt32LE(p + 22);
  if (size !== MAX32) return size;
  for (let x = p + 30 + nameLength, end = x + buf.readUInt16LE(p + 28); x + 12 <= end && x + 12 <= buf.length; x += 4 + buf.readUInt16LE(x + 2)) {
    if (buf.readUInt16LE(x) === 0x0001) return read64(buf, x + 4);
  }
  return null;
}

/** Where an entry's compressed bytes are: after its local header, which must agree with the directory. */
function entryData(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOCAL) throw new ZipError(`“${entry.name}”的文件头已损坏`, 'damaged', entry.name);
  const nameLength = buf.readUInt16LE(p + 26);
  if (buf.toString('utf8', p + 30, p + 30 + nameLength) !== entry.name) throw new ZipError(`“${entry.name}”的文件头与目录不符`, 'damaged', entry.name);
  if (entry.flags & 0x1) throw new ZipError(`“${entry.name}”已加密`, 'encrypted', entry.name);
  const start = p + 30 + nameLength + buf.readUInt16LE(p + 28);
  if (start + entry.compressedSize > buf.length) throw new ZipError(`文件不完整，“${entry.name}”的数据在文件末尾被截断`, 'damaged', entry.name);
  return buf.subarray(start, start + entry.compressedSize);
}

/**
 * One entry's bytes, inflated and checked against its declared size and CRC-32. Refuses one
 * that declares more than `limit` bytes; one that inflates past its declared size is an
 * 'overflow' (a bomb lying about its size, or damage: inflatedSize tells which).
 */
export function zipEntry(buf: Buffer, entry: ZipEntry, limit = 64 * 1024 * 1024): Buffer {
  if (entry.size > limit) throw new ZipError(`“${entry.name}”过大`, 'damaged', entry.name);
  const data = entryData(buf, entry);
  let out: Buffer;
  if (entry.method === 0) out = data;
  else if (entry.method === 8) {
    try {
      out = zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.size) });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipError(`“${entry.name}”解压后超过了它声明的大小`, 'overflow', entry.name);
      throw new ZipError(`“${entry.name}”的压缩数据已损坏`, 'damaged', entry.name);
    }
  } else throw new ZipError(`“${entry.name}”使用了不支持的压缩方式（${entry.method}）`, 'method', entry.name);
  if (out.length !== entry.size) throw new ZipError(`“${entry.name}”的大小与记录不符`, 'damaged', entry.name);
  if (zlib.crc32(out) !== entry.crc) throw new ZipError(`“${entry.name}”的内容校验不符`, 'damaged', entry.name);
  return out;
}

/**
 * What an entry really inflates to, counted and thrown away (nothing kept): its size, or
 * `ceiling` with `complete: false` when it goes on past that; null when its deflate data
 * breaks before its end (damage, not a bomb). Inflating a bomb's zeros runs at some 2 GB/s.
 */
export function inflatedSize(buf: Buffer, entry: ZipEntry, ceiling: number): Promise<{ bytes: number; complete: boolean } | null> {
  const data = entryData(buf, entry);
  return new Promise((resolve) => {
    const inflate = zlib.createInflateRaw({ chunkSize: 1 << 20 });
    let bytes = 0;
    let settled = false;
    const settle = (v: { bytes: number; complete: boolean } | null) => {
      if (settled) return;
      settled = true;
      resolve(v);
    };
    inflate.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes >= ceiling) {
        settle({ bytes: ceiling, complete: false });
        inflate.destroy();
      }
    });
    inflate.on('end', () => settle({ bytes, complete: true }));
    inflate.on('error', () => settle(null));
    inflate.on('close', () => settle(null));
    inflate.end(data);
  });
}

/**
 * One entry's bytes given to `use` piece by piece, with the same checks as `zipEntry`: never past
 * its declared size ('overflow'), its size and CRC-32 checked. A part up to `wholeUpTo` bytes is
 * inflated whole and checked first (as fast as it gets: a streamed inflate's hand-offs cost more
 * than they save on a small part); a larger one is inflated as it is used (a year's sheet is
 * 135 MB inflated, never held whole), its size and CRC checked once the last piece is out. When
 * `use` throws, the rest is still inflated and checked, so a damaged entry is told as damage
 * whatever its garbled bytes made `use` say (as it was when every part was inflated whole first).
 */
export async function eachEntryPiece(buf: Buffer, entry: ZipEntry, use: (piece: Buffer) => void, options: { wholeUpTo?: number } = {}): Promise<void> {
  const slice = 1 << 16;
  if (entry.size <= (options.wholeUpTo ?? 32 * 1024 * 1024)) {
    const whole = zipEntry(buf, entry, Infinity);
    for (let i = 0; i < whole.length; i += slice) use(whole.subarray(i, i + slice));
    return;
  }
  const data = entryData(buf, entry);
  let size = 0;
  let crc = 0;
  let failed: { error: unknown } | null = null;
  const take = (piece: Buffer) => {
    size += piece.length;
    if (size > entry.size) throw new ZipError(`“${entry.name}”解压后超过了它声明的大小`, 'overflow', entry.name);
    crc = zlib.crc32(piece, crc);
    if (failed) return;
    try {
      for (let i = 0; i < piece.length; i += slice) use(piece.subarray(i, i + slice));
    } catch (e) {
      failed = { error: e };
    }
  };
  if (entry.method === 0) {
    take(data);
  } else if (entry.method === 8) {
    // Pieces of 1 MB: each is a hand-off to zlib's thread and back.
    const inflate = zlib.createInflateRaw({ chunkSize: 1 << 20 });
    inflate.end(data);
    try {
      for await (const piece of inflate) take(piece as Buffer);
    } catch (e) {
      if (e instanceof ZipError) throw e;
      throw new ZipError(`“${entry.name}”的压缩数据已损坏`, 'damaged', entry.name);
    } finally {
      inflate.destroy();
    }
  } else throw new ZipError(`“${entry.name}”使用了不支持的压缩方式（${entry.method}）`, 'method', entry.name);
  if (size !== entry.size) throw new ZipError(`“${entry.name}”的大小与记录不符`, 'damaged', entry.name);
  if (crc !== entry.crc) throw new ZipError(`“${entry.name}”的内容校验不符`, 'damaged', entry.name);
  if (failed) throw (failed as { error: unknown }).error;
}
