/** Bundles Electron main, the core's own process and the sandboxed preload (a sandboxed preload cannot require files). */
import fs from 'node:fs';
import { createRequire } from 'node:module';
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

/**
 * zod's classic API re-exports every language's messages (`z.locales`, 64 of them): half of zod's
 * 750 KB, compiled and run at every start. We never use them (our messages are Chinese,
 * shared/contract/invalidArgs.ts; zod's default English is imported on its own), so they are left out.
 */
const zodWithoutLocales: Plugin = {
  name: 'zod-without-locales',
  setup(b) {
    b.onResolve({ filter: /[/\\]locales[/\\]index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: 'zod-locales', namespace: 'zod-without-locales' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'zod-without-locales' }, () => ({ loader: 'js', contents: 'export {};' }));
  },
};

/**
 * Packages the first answer does not need, kept out of the main bundle: each is bundled on its own
 * beside it (vendor/NAME.cjs) and required when one of its exports is first used. Loading them at
 * start was most of a cold start (ExcelJS ~300 ms, pinyin ~80 ms, and V8 compiling their code).
 * Every export is a getter: ExcelJS when a workbook is made, SheetJS when a CSV or .xls is
 * converted, pinyin when a name is written, saxes when a sheet's XML is read.
 */
export const lazyPackages = ['exceljs', '@e965/xlsx', 'pinyin-pro', 'saxes'] as const;
const vendorFile = (name: string) => `vendor/${name.replace(/[@/]/g, (c) => (c === '/' ? '+' : ''))}.cjs`;

/** Builds each lazy package into `outdir`/vendor and returns its export names (read from the bundle built). */
async function buildVendors(outdir: string, options: Pick<BuildOptions, 'sourcemap' | 'logLevel'>): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  const require = createRequire(import.meta.url);
  for (const name of lazyPackages) {
    const outfile = path.join(outdir, vendorFile(name));
    await build({
      ...options, bundle: true, platform: 'node', target: 'node24', format: 'cjs', plugins: [fixedParseSax], outfile,
      stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    });
    delete require.cache[outfile];
    names.set(name, Object.keys(require(outfile) as object).filter((k) => k !== '__esModule'));
    delete require.cache[outfile];
  }
  return names;
}

/** Our imports of the lazy packages resolve to stand-ins whose exports require the vendor bundle on first use. */
function lazyVendors(exportsOf: Map<string, string[]>): Plugin {
  return {
    name: 'lazy-vendors',
    setup(b) {
      const filter = new RegExp(`^(${lazyPackages.map((n) => n.replace(/[/@]/g, '\\$&')).join('|')})$`);
      b.onResolve({ filter }, (args) => (args.importer.includes(`${path.sep}node_modules${path.sep}`) ? undefined : { path: args.path, namespace: 'lazy-vendor' }));
      b.onLoad({ filter: /.*/, namespace: 'lazy-vendor' }, (args) => ({
        loader: 'js',
        contents: `let loaded;
const load = () => (loaded ??= require(require('node:path').join(__dirname, ${JSON.stringify(vendorFile(args.path))})));
for (const key of ${JSON.stringify(exportsOf.get(args.path) ?? [])}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
      }));
    },
  };
}

/**
 * Node's own modules the first answer does not need, loaded when one of their exports is first
 * used, as the lazy packages are: node:crypto alone cost ~7 ms of every start (a uid, a hash or a
 * password is made only later), node:zlib ~3 ms (a returned file is unzipped), node:vm ~1 ms.
 */
const lazyBuiltins = ['node:crypto', 'node:zlib', 'node:vm'] as const;

function lazyBuiltinModules(): Plugin {
  const require = createRequire(import.meta.url);
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter: /^node:(crypto|zlib|vm)$/ }, (args) => {
        // The stand-in's own require is of the module itself; a package's import stays as it is.
        if (args.namespace === 'lazy-builtin') return { path: args.path, external: true };
        return args.importer.includes(`${path.sep}node_modules${path.sep}`) ? undefined : { path: args.path, namespace: 'lazy-builtin' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => {
        const name = lazyBuiltins.find((n) => n === args.path)!;
        return {
          loader: 'js',
          contents: `let loaded;
const load = () => (loaded ??= require(${JSON.stringify(name)}));
for (const key of ${JSON.stringify(Object.keys(require(name) as object))}) Object.defineProperty(exports, key, { enumerable: true, get: () => load()[key] });`,
        };
      });
    },
  };
}

/**
 * The preload checks only a method's name: it gets the contract's names, written out at build
 * time, and not the contract's argument schemas (zod and every schema were most of its 464 KB,
 * parsed before each window's first paint).
 */
const methodNamesOnly: Plugin = {
  name: 'method-names-only',
  setup(b) {
    b.onResolve({ filter: /contract[/\\]methods\.ts$/ }, (args) => ({ path: path.resolve(args.resolveDir, args.path), namespace: 'method-names' }));
    b.onLoad({ filter: /.*/, namespace: 'method-names' }, async () => {
      const { methods } = await import('../shared/contract/methods.ts');
      return {
        loader: 'js',
        contents: `const names = new Set(${JSON.stringify(Object.keys(methods))});
export function isMethodName(name) { return typeof name === 'string' && names.has(name); }`,
      };
    });
  },
};

/** How the core is bundled for the main process (tests/core/bundle.test.ts bundles the core the same way). */
export const mainBundle: BuildOptions = {
  plugins: [fixedParseSax, zodWithoutLocales],
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
  // Without the spaces and comments: a smaller file is read and its code cache restored faster at
  // every start (~10 ms of the core's). Names stay, for the stack of an error.
  minifyWhitespace: true,
  minifySyntax: true,
  logLevel: 'warning',
};

/** The spreadsheet reader's worker thread (ESM, SheetJS bundled in), beside main.cjs where the core looks for it. */
export const workerBundle: BuildOptions = {
  ...mainBundle,
  plugins: [fixedParseSax],
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
 * The process's entry file, `outfile`: turns on V8's compile cache (Node keeps it in the temp
 * folder, keyed by each file's contents) and then loads the bundle beside it, `bundleName`. From
 * the second start on, the bundle's code is read from the cache instead of compiled again.
 */
function writeCachingEntry(outfile: string, bundleName: string): void {
  fs.writeFileSync(outfile, `'use strict';
// Where the cache cannot be kept (no such API, a read-only temp folder) the bundle is compiled as before.
try { require('node:module').enableCompileCache?.(); } catch {}
module.exports = require(${JSON.stringify(`./${bundleName}`)});
`);
}

/**
 * Bundles `entry` as the main process is bundled, with the reader's worker, the seed lists
 * and the lazy packages beside it, into `outdir`: how tests and benchmarks run the core as the
 * packaged app does. Returns the entry's path (run it with NODE_PATH at node_modules).
 */
export async function bundleLikeMain(entry: string, outdir: string, options: { compileCache?: boolean } = {}): Promise<string> {
  const name = path.basename(entry, path.extname(entry));
  const outfile = path.join(outdir, `${name}.cjs`);
  const vendors = await buildVendors(outdir, { sourcemap: false, logLevel: 'error' });
  // With the compile cache, as core.cjs: the entry turns it on and loads the bundle (whose own
  // file is then not the process's argv[1]: not for the CLI, which checks that it was started).
  const bundleFile = options.compileCache ? path.join(outdir, `${name}.bundle.cjs`) : outfile;
  await build({ ...mainBundle, plugins: [fixedParseSax, zodWithoutLocales, lazyVendors(vendors), lazyBuiltinModules()], sourcemap: false, logLevel: 'error', entryPoints: [entry], outfile: bundleFile });
  if (options.compileCache) writeCachingEntry(outfile, path.basename(bundleFile));
  await build({ ...workerBundle, sourcemap: false, logLevel: 'error', outfile: path.join(outdir, 'parse-worker.mjs') });
  copyBesideBundle(outdir);
  return outfile;
}

if (import.meta.filename === process.argv[1]) {
  const vendors = await buildVendors(path.join(root, 'dist/electron'), { sourcemap: true, logLevel: 'warning' });
  const main: BuildOptions = { ...mainBundle, plugins: [fixedParseSax, zodWithoutLocales, lazyVendors(vendors), lazyBuiltinModules()] };
  await build({ ...main, entryPoints: [path.join(root, 'electron/main/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs') });
  // The core's own process (utilityProcess), beside main.cjs: better-sqlite3 and the reader's worker resolve from it as from main.
  await build({ ...main, entryPoints: [path.join(root, 'electron/core-host/child.ts')], outfile: path.join(root, 'dist/electron/core.bundle.cjs') });
  writeCachingEntry(path.join(root, 'dist/electron/core.cjs'), 'core.bundle.cjs');
  // The sandboxed preload's require knows only a few modules: nothing beyond electron.
  await build({
    bundle: true, platform: 'node', target: 'node24', format: 'cjs', sourcemap: true, minify: true, external: ['electron'], logLevel: 'warning', plugins: [methodNamesOnly],
    entryPoints: [path.join(root, 'electron/preload/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs'),
  });
  await build({ ...workerBundle, outfile: path.join(root, 'dist/electron/parse-worker.mjs') });
  copyBesideBundle(path.join(root, 'dist/electron'));
  console.log('已构建 dist/electron/main.cjs、core.cjs（core.bundle.cjs）、preload.cjs、parse-worker.mjs 与 vendor/');
}
