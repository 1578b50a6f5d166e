/** A returned ledger as a unit sends it back, for the import's figures (bench/import.ts). */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { zipEntries, zipEntry } from '../electron/core/excel/reader/zip.ts';

/** The data rows start at Excel row 6 in the branch ledger's export. */
const FIRST_ROW = 6;

/**
 * The file as a unit returns it: every 20th data row edited by hand (members written as "12人",
 * a new secretary, a date typed as 2023.5.1), written back as a zip of the same parts.
 */
export function editReturned(file: string, dataRows: number): number {
  const buf = fs.readFileSync(file);
  const edited = new Set<number>();
  for (let r = 0; r < dataRows; r += 20) edited.add(FIRST_ROW + r);
  const cell = (letter: string, row: number, text: string) => `<c r="${letter}${row}" t="str"><v>${text}</v></c>`;
  const edit = (xml: string) =>
    xml.replace(/<c r="([GIP])(\d+)"[^>]*?(?:\/>|>.*?<\/c>)/g, (whole, letter: string, n: string) => {
      const row = Number(n);
      if (!edited.has(row)) return whole;
      const i = row - FIRST_ROW;
      return letter === 'G' ? cell('G', row, `${(i % 60) + 1}人`) : letter === 'I' ? cell('I', row, `报送${i}`) : cell('P', row, '2023.5.1');
    });
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of zipEntries(buf)) {
    let content = zipEntry(buf, entry, Infinity);
    if (entry.name === 'xl/worksheets/sheet1.xml') content = Buffer.from(edit(content.toString('utf8')), 'utf8');
    const data = zlib.deflateRawSync(content);
    const name = Buffer.from(entry.name, 'utf8');
    const crc = zlib.crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += 30 + name.length + data.length;
  }
  const dirBytes = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(centrals.length / 2, 8);
  end.writeUInt16LE(centrals.length / 2, 10);
  end.writeUInt32LE(dirBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  fs.writeFileSync(file, Buffer.concat([...locals, dirBytes, end]));
  return edited.size;
}
