/**
 * One operation on a real database, in a process of its own, for the crash tests to kill:
 *   node --import tsx tests/crash/child.ts <operation> <folder> [file to import | backup to restore]
 * (the tests run it bundled as the packaged app bundles the core: it starts in a fraction of the
 * time). The folder holds `ledger.db` and its `backups`.
 * Prints `START` on its own line just before the operation begins, and `DONE <ms>` once it
 * has finished, so the parent can kill at a chosen moment after START and learn how long
 * an unkilled run takes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore, type Core } from '../../electron/core/createCore.ts';
import { crashNow, importMapping, operations, type Operation } from './operations.ts';

const [operation, folder, arg = ''] = process.argv.slice(2) as [Operation, string, string?];
if (!operations.includes(operation) || !folder) {
  process.stderr.write(`用法：child.ts ${operations.join('|')} <文件夹>\n`);
  process.exit(2);
}
const dbPath = path.join(folder, 'ledger.db');
const open = () => createCore({ dbPath, now: () => crashNow, actor: '崩溃测试', host: 'loopback', mustExist: true });

function start(): number {
  // Written synchronously: the parent's clock starts at this line.
  fs.writeSync(1, 'START\n');
  return performance.now();
}

async function run(): Promise<number> {
  if (operation === 'migration') {
    // Opening is the migration: the copy before it, the schema, its dictionaries.
    const t = start();
    const core = await open();
    const ms = performance.now() - t;
    await core.close();
    return ms;
  }
  const core: Core = await open();
  let t: number;
  if (operation === 'import') {
    core.grants.read(arg);
    const preview = await core.call('import.open', { path: arg, year: 2026, mapping: importMapping });
    t = start();
    await core.call('import.commit', { sessionId: preview.sessionId });
  } else if (operation === 'backup') {
    t = start();
    await core.call('backup.now', { note: '崩溃测试' });
  } else {
    t = start();
    await core.call('backup.restore', { name: arg });
  }
  const ms = performance.now() - t;
  await core.close();
  return ms;
}

run().then(
  (ms) => fs.writeSync(1, `DONE ${Math.round(ms)}\n`),
  (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
