/**
 * The floor of an official export (issue 18): the same file written by a plain program,
 * with nothing of ours in between. Its input is taken, untimed, from one of our exported
 * files: every part as it is, and each sheet's rows as values (row number, height, span,
 * and each cell's address, style id, type and unescaped text). What is timed is writing
 * that XML from the values, escaping the text, and zipping it with archiver at its
 * default level, as ExcelJS zips ours, into a file. `sameParts` checks that the floor's
 * file holds, part for part, the bytes of ours.
 */
import fs from 'node:fs';
import { Readable } from 'node:stream';
import { createRequire } from 'node:module';
import zlib from 'node:zlib';

/** archiver, the zip writer ExcelJS uses (its dependency; it ships no typings). */
interface Zip {
  pipe(to: NodeJS.WritableStream): void;
  append(source: Buffer | Readable, data: { name: string }): void;
  finalize(): Promise<void>;
  on(event: 'error', f: (e: Error) => void): void;
}
const archiver = createRequire(import.meta.url)('archiver') as (format: 'zip', options: { zlib: { chunkSize: number } }) => Zip;

interface Cell {
  ref: string;
  s: string;
  t: string;
  /** The unescaped text of its <v>, or null for a blank styled cell. */
  v: string | null;
  /** A cell that is more than a value (a formula with its result): its inner XML as it is. */
  raw: string | null;
}

interface Row {
  r: string;
  ht: string | null;
  spans: string;
  s: string | null;
  cells: Cell[];
}

type Part = { name: string; bytes: Buffer } | { name: string; head: string; rows: Row[]; tail: string };

/** Every stored entry of a zip, in the order of its central directory. */
function entries(file: string): { name: string; bytes: Buffer }[] {
  const buf = fs.readFileSync(file);
  let eocd = buf.length - 22;
  while (buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out: { name: string; bytes: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const [nameLen, extraLen, commentLen] = [buf.readUInt16LE(p + 28), buf.readUInt16LE(p + 30), buf.readUInt16LE(p + 32)];
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    out.push({ name, bytes: method === 8 ? zlib.inflateRawSync(data) : Buffer.from(data) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const unescape = (s: string) => s.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!);
const attr = (tag: string, name: string) => new RegExp(` ${name}="([^"]*)"`).exec(tag)?.[1] ?? null;

function parseSheet(name: string, bytes: Buffer): Part {
  const xml = bytes.toString('utf8');
  const open = xml.indexOf('<sheetData>') + '<sheetData>'.length;
  const close = xml.indexOf('</sheetData>');
  const rows: Row[] = [];
  for (const m of xml.slice(open, close).matchAll(/<row ([^>]*)>(.*?)<\/row>/gs)) {
    const tag = ` ${m[1]!}`;
    const cells: Cell[] = [];
    for (const c of m[2]!.matchAll(/<c r="([A-Z]+\d+)"( s="(\d+)")?( t="(\w+)")?(\/>|>(.*?)<\/c>)/gs)) {
      const inner = c[7] ?? null;
      const simple = inner === null ? null : /^<v>([^<]*)<\/v>$/.exec(inner);
      cells.push({ ref: c[1]!, s: c[3] ?? '', t: c[5] ?? '', v: simple ? unescape(simple[1]!) : null, raw: inner !== null && !simple ? inner : null });
    }
    rows.push({ r: attr(tag, 'r')!, ht: attr(tag, 'ht'), spans: attr(tag, 'spans')!, s: attr(tag, 's'), cells });
  }
  return { name, head: xml.slice(0, open), rows, tail: xml.slice(close) };
}

/** What the floor writes: the parts of `file`, its sheets as values. Untimed. */
export function floorInput(file: string): Part[] {
  return entries(file).map((e) => (/^xl\/worksheets\/sheet\d+\.xml$/.test(e.name) ? parseSheet(e.name, e.bytes) : e));
}

const escapeText = (s: string) => (/[&<>"']/.test(s) ? s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch]!) : s);

/** Bytes taken at a time: a few hundred rows. */
const CHUNK = 1 << 20;

/**
 * A sheet's XML, made as the zip asks for it. Each row's string is turned into UTF-8 at once,
 * into a 1 MB buffer kept for many rows, and handed on every 500 rows: as ours does, and measured
 * the fastest of the ways tried (one 500-rows string then Buffer.from took about twice the CPU;
 * writing each piece of a row into the buffer, or handing only full buffers, was no faster).
 */
function* sheetXml(part: Extract<Part, { rows: Row[] }>): Generator<Buffer> {
  yield Buffer.from(part.head);
  let buf = Buffer.allocUnsafe(0);
  let start = 0;
  let end = 0;
  for (let i = 0; i < part.rows.length; i++) {
    const row = part.rows[i]!;
    let xml = `<row r="${row.r}"${row.ht === null ? '' : ` ht="${row.ht}" customHeight="1"`} spans="${row.spans}"${row.s === null ? '' : ` s="${row.s}" customFormat="1"`} x14ac:dyDescent="0.25">`;
    for (const c of row.cells) {
      const head = `<c r="${c.ref}"${c.s ? ` s="${c.s}"` : ''}${c.t ? ` t="${c.t}"` : ''}`;
      xml += c.raw !== null ? `${head}>${c.raw}</c>` : c.v === null ? `${head}/>` : `${head}><v>${escapeText(c.v)}</v></c>`;
    }
    xml += '</row>';
    // UTF-8 takes at most 3 bytes a UTF-16 unit. What was handed on stays the zip's: a new buffer, not the old one overwritten.
    if (xml.length * 3 > buf.length - end) {
      if (end > start) yield buf.subarray(start, end);
      buf = Buffer.allocUnsafe(Math.max(CHUNK, xml.length * 3));
      start = end = 0;
    }
    end += buf.write(xml, end);
    if (i % 500 === 499) {
      yield buf.subarray(start, end);
      start = end;
    }
  }
  if (end > start) yield buf.subarray(start, end);
  yield Buffer.from(part.tail);
}

/** Writes the floor's file; resolves when it is closed. */
export async function floorWrite(parts: Part[], file: string): Promise<void> {
  // The zip options the core gives ExcelJS (writer.ts): deflate at archiver's default level, 256 KB a step.
  const zip = archiver('zip', { zlib: { chunkSize: 256 * 1024 } });
  const out = fs.createWriteStream(file);
  const closed = new Promise<void>((resolve, reject) => {
    out.on('close', resolve);
    out.on('error', reject);
    zip.on('error', reject);
  });
  zip.pipe(out);
  for (const p of parts) zip.append('bytes' in p ? p.bytes : Readable.from(sheetXml(p), { objectMode: false }), { name: p.name });
  await zip.finalize();
  await closed;
}

/** The names of the parts whose bytes differ between two files (none: the floor wrote our file). */
export function differentParts(a: string, b: string): string[] {
  const [x, y] = [entries(a), entries(b)];
  const byName = new Map(y.map((e) => [e.name, e.bytes]));
  const names = new Set([...x.map((e) => e.name), ...y.map((e) => e.name)]);
  return [...names].filter((n) => {
    const p = x.find((e) => e.name === n)?.bytes;
    const q = byName.get(n);
    return !p || !q || !p.equals(q);
  });
}

/**
 * Run as a process of its own by bench/export.ts (`fork`): the floor is a plain program, with its
 * own heap. In the core's process the two had shared one heap, each paying for the other's
 * collections: the core's year of 100,000 rows under the floor, the floor's parsed input (a few
 * million small objects) under every collection of ours, which the app's process never holds.
 * Messages: {input: file} parses that file's parts (untimed); {write: file} writes them and
 * answers {ms, cpu} (wall time, and the process's CPU time, the deflate's threads included).
 */
if (process.argv[1] === import.meta.filename && process.send) {
  let parts: Part[] = [];
  process.on('message', (m: { input?: string; write?: string; exit?: true }) => {
    if (m.exit) process.exit(0);
    if (m.input) {
      parts = floorInput(m.input);
      process.send!({ ready: true });
      return;
    }
    const [t, c] = [process.hrtime.bigint(), process.cpuUsage()];
    void floorWrite(parts, m.write!).then(() => {
      const u = process.cpuUsage(c);
      process.send!({ ms: Number(process.hrtime.bigint() - t) / 1e6, cpu: (u.user + u.system) / 1000 });
    });
  });
}
