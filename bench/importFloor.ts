/**
 * The floor of the import's dry run (issue 18): what reading a returned ledger costs with nothing
 * of ours in between: the file's bytes, our zip reader's directory, each part the reader needs
 * (workbook, shared strings, styles, the sheets) inflated and CRC-checked by our zip reader, and a
 * saxes scan of each, every element and text seen. No values made, no rows kept, no database.
 * With `scanner`, the same with the reader's own plain-XML scanner (scan.ts) in place of saxes:
 * the stricter floor, now that the reader scans with it (saxes reads only what it leaves).
 *   node --import tsx bench/importFloor.ts FILE [scanner]      (prints the time in ms)
 * bench/import.ts runs it as a process of its own, in turn with the core's dry runs.
 */
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { scanner } from '../electron/core/excel/reader/scan.ts';
import { zipEntries, zipEntry } from '../electron/core/excel/reader/zip.ts';

type Scan = 'saxes' | 'scanner';

/** A parser of either kind, telling each element and text. */
function scanning(by: Scan, on: { open: () => void; text: (t: string) => void }): { write(s: string): void; close(): void } {
  if (by === 'scanner') {
    const scan = scanner(on);
    return { write: (s) => scan.write(s), close: () => scan.end() };
  }
  const parser = new SaxesParser();
  parser.on('opentag', on.open);
  parser.on('text', on.text);
  return { write: (s) => void parser.write(s), close: () => void parser.close() };
}

/** Scans one file; returns what it saw (so the work cannot be skipped). */
export function floorScan(file: string, by: Scan = 'saxes'): { elements: number; textChars: number } {
  const buf = fs.readFileSync(file);
  const entries = zipEntries(buf);
  let elements = 0;
  let textChars = 0;
  const wanted = (name: string) => name === 'xl/workbook.xml' || name === 'xl/sharedStrings.xml' || name === 'xl/styles.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const xml = zipEntry(buf, entry, Infinity);
    const parser = scanning(by, { open: () => elements++, text: (t) => (textChars += t.length) });
    const decoder = new TextDecoder('utf-8');
    for (let i = 0; i < xml.length; i += 65536) parser.write(decoder.decode(xml.subarray(i, i + 65536), { stream: true }));
    parser.write(decoder.decode());
    parser.close();
  }
  return { elements, textChars };
}

if (process.argv[1] && import.meta.filename === fs.realpathSync(process.argv[1])) {
  if (process.send) {
    // Run by bench/import.ts as a process of its own (`fork`), its heap apart from the core's: in
    // the core's process the scan had paid for the collections of the core's garbage, and had taken
    // 2 s or 4 s by what the import before it had left. Each {scan: file} answers {ms}.
    process.on('message', (m: { scan?: string; by?: Scan; exit?: true }) => {
      if (m.exit) process.exit(0);
      const t = performance.now();
      floorScan(m.scan!, m.by);
      process.send!({ ms: performance.now() - t });
    });
  } else {
    const t = performance.now();
    floorScan(process.argv[2]!, process.argv[3] === 'scanner' ? 'scanner' : 'saxes');
    console.log(Math.round(performance.now() - t));
  }
}
