/**
 * Independent programs that read our files: LibreOffice (to print an export as PDF and
 * to re-save files as another program would), poppler (to count and render PDF pages)
 * and openpyxl (tests/tools/inspect_xlsx.py).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Debian's python3, with python3-openpyxl (scripts/system-deps.sh): a python3 first on PATH (pyenv) may lack it. */
export const python = '/usr/bin/python3';

export function inspectXlsx<T = InspectedWorkbook>(file: string, maxRows = 12): T {
  const out = execFileSync(python, [path.resolve(import.meta.dirname, '../tools/inspect_xlsx.py'), file, String(maxRows)], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out) as T;
}

export interface InspectedSheet {
  name: string;
  state: string;
  maxRow: number;
  maxColumn: number;
  merges: string[];
  printTitleRows: string | null;
  orientation: string;
  paperSize: number;
  fitToPage: boolean;
  fitToWidth: number;
  fitToHeight: number;
  footer: string | null;
  protected: boolean;
  passwordHash: string | null;
  insertRows: boolean;
  validations: { type: string; sqref: string; formula1: string | null; errorStyle: string }[];
  hiddenColumns: string[];
  fonts: Record<string, { name: string; size: number; bold: boolean }>;
  locked: Record<string, boolean>;
  rows: unknown[][];
  lastRow: unknown[];
  allFontNames: string[];
}

export interface InspectedWorkbook {
  sheets: InspectedSheet[];
  names: Record<string, string>;
}

/**
 * Converts with LibreOffice headless (`pdf`, `xlsx`, `xls`) into `outDir`; a profile of
 * its own per call, so conversions may run side by side.
 */
export function soffice(file: string, to: 'pdf' | 'xlsx' | 'xls', outDir: string): string {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-profile-'));
  fs.mkdirSync(outDir, { recursive: true });
  try {
    execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', to, '--outdir', outDir, file], { stdio: 'pipe', timeout: 180_000 });
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
  }
  const out = path.join(outDir, `${path.basename(file, path.extname(file))}.${to}`);
  if (!fs.existsSync(out)) throw new Error(`LibreOffice 没有生成 ${out}`);
  return out;
}

export function pdfPages(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)![1]);
}

/** Page 1 as PNG (for people to look at). */
export function renderPage1(pdf: string, png: string, dpi = 60): void {
  const base = png.replace(/\.png$/, '');
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', '1', '-l', '1', '-singlefile', pdf, base]);
}

/**
 * A coarse picture of page 1 (grey means of a 48 × 34 grid), to compare a new
 * rendering with the reviewed one without being thrown by a changed pixel or two.
 */
export function pageSignature(pdf: string): number[] {
  const base = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sig-')), 'p');
  execFileSync('pdftoppm', ['-gray', '-r', '30', '-f', '1', '-l', '1', '-singlefile', pdf, base]);
  const data = fs.readFileSync(`${base}.pgm`);
  // P5 <w> <h> <max>\n<bytes>
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(data.subarray(0, 40).toString('latin1'))!;
  const [w, h] = [Number(header[1]), Number(header[2])];
  const pixels = data.subarray(header[0].length);
  const gw = 48;
  const gh = 34;
  const sig: number[] = [];
  for (let gy = 0; gy < gh; gy++) {
    for (let gx = 0; gx < gw; gx++) {
      let sum = 0;
      let n = 0;
      for (let y = Math.floor((gy * h) / gh); y < Math.floor(((gy + 1) * h) / gh); y++) {
        for (let x = Math.floor((gx * w) / gw); x < Math.floor(((gx + 1) * w) / gw); x++) {
          sum += pixels[y * w + x]!;
          n++;
        }
      }
      sig.push(Math.round(sum / Math.max(1, n)));
    }
  }
  return sig;
}

export function signatureDistance(a: number[], b: number[]): number {
  return a.reduce((s, v, i) => s + Math.abs(v - (b[i] ?? 255)), 0) / a.length;
}

/**
 * A unit editing its returned ledger with openpyxl: `code` is Python run on `ws` (the ledger's
 * sheet) with `col(header)` giving a column's letter; the workbook is saved as `out`.
 */
export function editLedgerWithOpenpyxl(file: string, out: string, code: string): string {
  execFileSync(python, [
    '-c',
    `
import openpyxl
wb = openpyxl.load_workbook(${JSON.stringify(file)})
ws = wb['党支部分类台账']
def col(header):
    for r in range(1, 7):
        for c in ws[r]:
            if c.value == header: return c.column_letter
    raise Exception(header)
${code}
wb.save(${JSON.stringify(out)})
`,
  ]);
  return out;
}
