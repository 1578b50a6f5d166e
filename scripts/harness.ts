/**
 * Serves the built UI and the core over the HTTP harness.
 *   tsx scripts/harness.ts [--db PATH] [--port N] [--seed-if-empty league|small]
 * With no --db it uses a demo database in .demo/, seeded with a league on first run.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../electron/core/createCore.ts';
import { startHarness } from '../electron/core/http/harness.ts';
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

const core = await createCore({ dbPath, host: 'http' });
if (seedSize && countOrgs(core.conn.sqlite) === 0) {
  const now = core.now().toISOString();
  const r = await writeSeed(core.conn, buildSeed({ size: seedSize, seed: 1, year: core.now().getFullYear(), now }), {
    actor: core.actor,
    now,
    seed: 1,
  });
  console.log(`已生成演示数据：${r.cityName}，党支部 ${r.branches} 个。`);
}
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
