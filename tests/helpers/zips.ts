/**
 * Zips written byte by byte for the reader's tests, independently of the reader's own zip code:
 * a minimal .xlsx whose sheet is any size (a real zip bomb, its deflate data made of one
 * compressed run repeated: gigabytes of sheet from a few megabytes, in a second or two), with
 * the sizes it declares true (zip64 past 4 GB, as Python's zipfile and 7-Zip write them) or lying.
 */
import zlib from 'node:zlib';

export interface ZipPart {
  name: string;
  /** The raw deflate data (method 8). */
  deflated: Buffer;
  crc: number;
  /** The size it inflates to. */
  size: number;
  /** The size written in its headers, if not `size` (a lie). */
  declaredSize?: number;
}

const MAX32 = 0xffffffff;

export function part(name: string, content: string | Buffer): ZipPart {
  const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, deflated: zlib.deflateRawSync(data), crc: zlib.crc32(data), size: data.length };
}

/** A zip of `parts`: each size of 4 GB or more is written as zip64 (0xFFFFFFFF and the zip64 extra field). */
export function writeZip(parts: ZipPart[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.declaredSize ?? p.size;
    const zip64 = size >= MAX32 || p.deflated.length >= MAX32;
    const extra = Buffer.alloc(zip64 ? 20 : 0);
    if (zip64) {
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(16, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(p.deflated.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(zip64 ? 45 : 20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x5b86, 12); // 2025-12-06
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(zip64 ? MAX32 : p.deflated.length, 18);
    local.writeUInt32LE(zip64 ? MAX32 : size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(extra.length, 28);
    locals.push(local, name, extra, p.deflated);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(zip64 ? 45 : 20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x5b86, 14);
    central.writeUInt32LE(p.crc >>> 0, 16);
    central.writeUInt32LE(zip64 ? MAX32 : p.deflated.length, 20);
    central.writeUInt32LE(zip64 ? MAX32 : size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name, extra);
    offset += 30 + name.length + extra.length + p.deflated.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A sheet part that is valid XML of `bytes` bytes or a little more: a worksheet whose sheetData is
 * padded with spaces (whitespace between elements, which any XML parser must read through). Its
 * deflate data is one 16 MB run of spaces compressed once and repeated (each piece ends on a
 * byte boundary, not final), so a bomb of gigabytes costs no more than its CRC to make.
 */
export function bombSheet(name: string, bytes: number): ZipPart {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>炸弹</t></is></c></row>');
  const tail = Buffer.from('</sheetData></worksheet>');
  const run = Buffer.alloc(16 * 1024 * 1024, 0x20);
  const sync = { finishFlush: zlib.constants.Z_SYNC_FLUSH, level: 9 };
  const runDeflated = zlib.deflateRawSync(run, sync);
  const runs = Math.ceil(bytes / run.length);
  let crc = zlib.crc32(head);
  for (let i = 0; i < runs; i++) crc = zlib.crc32(run, crc);
  crc = zlib.crc32(tail, crc);
  const deflated = Buffer.concat([zlib.deflateRawSync(head, sync), ...Array.from({ length: runs }, () => runDeflated), zlib.deflateRawSync(tail)]);
  return { name, deflated, crc, size: head.length + runs * run.length + tail.length };
}

/** The parts of a minimal .xlsx with one sheet, "台账", around the given sheet part. */
export function minimalXlsx(sheet: ZipPart): ZipPart[] {
  return [
    part(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    part(
      '_rels/.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    part(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    sheet,
  ];
}
