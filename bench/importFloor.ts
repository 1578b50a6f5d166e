/**
 * The floor of the import's dry run (issue 18): what reading a returned ledger costs with nothing
 * of ours in between: the file's bytes, our zip reader's directory, each part the reader needs
 * (workbook, shared strings, styles, the sheets) inflated and CRC-checked by our zip reader, and a
 * saxes scan of each, every element and text seen. No values made, no rows kept, no database.
 *   node --import tsx bench/importFloor.ts FILE      (prints the time in ms)
 * bench/import.ts runs it as a process of its own, in turn with the core's dry runs.
 */
import fs from 'node:fs';
import { SaxesParser } from 'saxes';
import { zipEntries, zipEntry } from '../electron/core/excel/reader/zip.ts';

/** Scans one file; returns what it saw (so the work cannot be skipped). */
export function floorScan(file: string): { elements: number; textChars: number } {
  const buf = fs.readFileSync(file);
  const entries = zipEntries(buf);
  let elements = 0;
  let textChars = 0;
  const wanted = (name: string) => name === 'xl/workbook.xml' || name === 'xl/sharedStrings.xml' || name === 'xl/styles.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(name);
  for (const entry of entries) {
    if (!wanted(entry.name)) continue;
    const xml = zipEntry(buf, entry, Infinity);
    const parser = new SaxesParser();
    parser.on('opentag', () => elements++);
    parser.on('text', (t) => (textChars += t.length));
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
    process.on('message', (m: { scan?: string; exit?: true }) => {
      if (m.exit) process.exit(0);
      const t = performance.now();
      floorScan(m.scan!);
      process.send!({ ms: performance.now() - t });
    });
  } else {
    const t = performance.now();
    floorScan(process.argv[2]!);
    console.log(Math.round(performance.now() - t));
  }
}
