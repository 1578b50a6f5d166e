/** Bundles Electron main, the core's own process and the sandboxed preload (a sandboxed preload cannot require files). */
import fs from 'node:fs';
import path from 'node:path';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

// ExcelJS's own SAX loop garbles Chinese split across chunks: its import resolves to our fixed copy.
const fixedParseSax: Plugin = {
  name: 'fixed-parse-sax',
  setup(b) {
    b.onResolve({ filter: /parse-sax$/ }, (args) =>
      args.importer.includes(`${path.sep}exceljs${path.sep}`) ? { path: path.join(root, 'electron/core/excel/reader/parse-sax.cjs') } : undefined,
    );
  },
};

/** How the core is bundled for the main process (tests/core/bundle.test.ts bundles the core the same way). */
export const mainBundle: BuildOptions = {
  plugins: [fixedParseSax],
  // electron/core/excel/exceljs.ts: the bundle's ExcelJS is fixed at build time, used as it is.
  // import.meta.url is the bundle's own file (the core finds files beside it with it).
  define: { 'process.env.ZG_BUNDLED': '"1"', 'import.meta.url': '__bundleUrl' },
  banner: { js: "'use strict'; const __bundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'cjs',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

/** The spreadsheet reader's worker thread (ESM, SheetJS bundled in), beside main.cjs where the core looks for it. */
export const workerBundle: BuildOptions = {
  ...mainBundle,
  format: 'esm',
  define: { 'process.env.ZG_BUNDLED': '"1"' },
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  entryPoints: [path.join(root, 'electron/core/excel/reader/parse-worker.mjs')],
};

/** Files the core reads beside its own (import.meta.url): the division lists a demo league is seeded from. */
export function copyBesideBundle(outdir: string): void {
  fs.cpSync(path.join(root, 'electron/core/services/seed/data'), path.join(outdir, 'data'), { recursive: true });
}

/**
 * Bundles `entry` as the main process is bundled, with the reader's worker and the
 * seed lists beside it, into `outdir`: how tests and benchmarks run the core as the
 * packaged app does. Returns the bundle's path (run it with NODE_PATH at node_modules).
 */
export async function bundleLikeMain(entry: string, outdir: string): Promise<string> {
  const outfile = path.join(outdir, `${path.basename(entry, path.extname(entry))}.cjs`);
  await build({ ...mainBundle, sourcemap: false, logLevel: 'error', entryPoints: [entry], outfile });
  await build({ ...workerBundle, sourcemap: false, logLevel: 'error', outfile: path.join(outdir, 'parse-worker.mjs') });
  copyBesideBundle(outdir);
  return outfile;
}

if (import.meta.filename === process.argv[1]) {
  await build({ ...mainBundle, entryPoints: [path.join(root, 'electron/main/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs') });
  // The core's own process (utilityProcess), beside main.cjs: better-sqlite3 and the reader's worker resolve from it as from main.
  await build({ ...mainBundle, entryPoints: [path.join(root, 'electron/core-host/child.ts')], outfile: path.join(root, 'dist/electron/core.cjs') });
  // The sandboxed preload's require knows only a few modules: nothing beyond electron.
  await build({
    bundle: true, platform: 'node', target: 'node24', format: 'cjs', sourcemap: true, minify: true, external: ['electron'], logLevel: 'warning',
    entryPoints: [path.join(root, 'electron/preload/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs'),
  });
  await build({ ...workerBundle, outfile: path.join(root, 'dist/electron/parse-worker.mjs') });
  copyBesideBundle(path.join(root, 'dist/electron'));
  console.log('已构建 dist/electron/main.cjs、core.cjs、preload.cjs 与 parse-worker.mjs');
}
