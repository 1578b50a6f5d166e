/**
 * ExcelJS as the core uses it, with its XML loop replaced by reader/parse-sax.cjs (its
 * own garbles a Chinese character split between two chunks when reading). In the
 * packaged bundle the replacement is made at build time (scripts/build-electron.ts),
 * so the bundled ExcelJS is used as it is. Elsewhere (tests, the CLI, the harness) a
 * copy of ExcelJS is loaded afresh with the fixed loop in place, whatever loaded
 * ExcelJS before: every import of ExcelJS in the core goes through here.
 */
import { createRequire } from 'node:module';
import Module from 'node:module';
import bundled from 'exceljs';

type ExcelJSModule = typeof bundled;

function loadFixed(): ExcelJSModule | null {
  if (process.env.ZG_BUNDLED) return null;
  const require = createRequire(import.meta.url);
  let target: string;
  try {
    target = require.resolve('exceljs/lib/utils/parse-sax.js');
  } catch {
    return null; // no ExcelJS on disk beside us
  }
  const root = target.slice(0, target.lastIndexOf('/lib/'));
  // A fresh copy: the one already loaded (if any) holds ExcelJS's own loop.
  for (const key of Object.keys(require.cache)) if (key.startsWith(root)) delete require.cache[key];
  const m = new Module(target);
  m.filename = target;
  m.loaded = true;
  // Required here, not imported: the bundle never gets this far, and would otherwise load the
  // loop and its XML parser at every start for nothing.
  m.exports = require('./reader/parse-sax.cjs') as unknown;
  require.cache[target] = m;
  return require('exceljs') as ExcelJSModule;
}

const ExcelJS: ExcelJSModule = loadFixed() ?? bundled;
export default ExcelJS;
