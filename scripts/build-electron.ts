/** Bundles Electron main and the sandboxed preload (a sandboxed preload cannot require files). */
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');
const common = {
  bundle: true,
  platform: 'node' as const,
  target: 'node24',
  format: 'cjs' as const,
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning' as const,
};
await build({ ...common, entryPoints: [path.join(root, 'electron/main/main.ts')], outfile: path.join(root, 'dist/electron/main.cjs') });
await build({ ...common, minify: true, entryPoints: [path.join(root, 'electron/preload/preload.ts')], outfile: path.join(root, 'dist/electron/preload.cjs') });
console.log('已构建 dist/electron/main.cjs 与 preload.cjs');
