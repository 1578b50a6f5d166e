/**
 * Serves the built UI and the core over the HTTP harness.
 *   tsx scripts/harness.ts [--db PATH] [--port N] [--seed-if-empty league|small]
 * With no --db it uses a demo database in .demo/, seeded with a league on first run.
 * As in the desktop app, the core runs in a process of its own (electron/core-host/child.ts,
 * forked with an IPC channel): this process serves the page and never blocks on SQLite or Excel work.
 */
// First: a Node too old for better-sqlite3 is said plainly, before the core's modules load.
import './nodeVersion.ts';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../electron/core/createCore.ts';
import { startHarness } from '../electron/core/http/harness.ts';
import { folderShell } from '../electron/core/shell.ts';
import { CoreClient, describeExit } from '../electron/core-host/client.ts';
import { nodeCore } from '../electron/core-host/nodeChild.ts';
import { countOrgs } from '../electron/core/repos/orgs.ts';
import { buildSeed, writeSeed } from '../electron/core/services/seed/index.ts';
import type { SeedSize } from '../electron/core/services/seed/generate.ts';

const root = path.resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    port: { type: 'string' },
    'seed-if-empty': { type: 'string' },
  },
});
const dbPath = values.db ?? path.join(root, '.demo', 'demo.db');
const seedSize = (values['seed-if-empty'] ?? (values.db ? undefined : 'league')) as SeedSize | undefined;
const staticDir = path.join(root, 'dist', 'renderer');
if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
  console.error('界面尚未构建：请先运行 npm run build:renderer（npm start 会自动构建）。');
  process.exit(1);
}

// A first run seeds the demo league here, before the core's process opens the database.
if (seedSize) {
  // Checked before it answers: the seed writes through the connection at once, which a check beside the first reads would refuse.
  const seeding = await createCore({ dbPath, host: 'http', integrityCheck: 'first' });
  if (countOrgs(seeding.conn.sqlite) === 0) {
    const now = seeding.now().toISOString();
    const r = await writeSeed(seeding.conn, buildSeed({ size: seedSize, seed: 1, year: seeding.now().getFullYear(), now }), {
      actor: seeding.actor,
      now,
      seed: 1,
    });
    console.log(`已生成演示数据：${r.cityName}，党支部 ${r.branches} 个。`);
  }
  await seeding.close();
}

// No dialogs in a browser: files go to a folder of their own beside the database, as before.
const core = new CoreClient(
  nodeCore(path.join(root, 'electron/core-host/child.ts'), { execArgv: ['--import', 'tsx'] }),
  { dbPath, host: 'http' },
  folderShell(path.join(path.dirname(path.resolve(dbPath)), 'exports')),
);
try {
  await core.start();
} catch (e) {
  console.error(`无法打开数据库：${(e as Error).message}`);
  process.exit(1);
}
// The page was told for each call under way; a new core process serves the next ones.
core.onExit((exit) => {
  console.error(`数据处理进程意外退出（${describeExit(exit)}），正在重新启动……`);
  core.start().then(
    () => console.log('数据处理进程已重新启动。'),
    (e: unknown) => console.error(`数据处理进程无法重新启动：${(e as Error).message}`),
  );
});
const harness = await startHarness(core, { staticDir, port: values.port ? Number(values.port) : 0 });
console.log(`组工台账（浏览器版）已启动，数据库：${dbPath}`);
console.log(`请在浏览器中打开：${harness.url}`);
console.log('按 Ctrl+C 退出。');

const stop = async () => {
  await harness.close();
  await core.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
