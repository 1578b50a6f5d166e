/**
 * Run bundled by tests/core/coldstart.test.ts, as the packaged app runs its core: opens the
 * database given as the window does and answers the first screen's calls, then says whether
 * the integrity check ran beside them and which lazily loaded packages (vendor/) and Node
 * modules got loaded; then makes one write, which loads node:crypto.
 */
import { createRequire } from 'node:module';
import { createCore } from '../../electron/core/createCore.ts';

async function main(): Promise<void> {
  const core = await createCore({ dbPath: process.argv[2]!, host: 'electron', dailyBackup: false });
  const checkedBeside = core.conn.checking !== null;
  await core.call('ledger.opening', { limit: 100 });
  await core.call('auth.status', {});
  await core.call('dict.list', {});
  await core.call('view.list', { grid: 'ledger' });
  await core.call('setup.status', {});
  await core.call('org.children', { parentId: null, counts: true });
  await core.conn.checking;
  const vendors = Object.keys(createRequire(import.meta.url).cache).filter((f) => /[/\\]vendor[/\\]/.test(f));
  const loaded = (names: string[]) => names.filter((n) => (process as unknown as { moduleLoadList: string[] }).moduleLoadList.includes(`NativeModule ${n}`));
  const builtins = loaded(['crypto', 'zlib', 'vm']);
  // A write makes its change set's uid with node:crypto, loaded through the bundle's stand-in on first use.
  const saved = await core.call('settings.save', { termOverdueYears: 4 });
  const afterWrite = loaded(['crypto']);
  process.stdout.write(JSON.stringify({ checkedBeside, damage: core.conn.damage, vendors, builtins, saved: saved.termOverdueYears, afterWrite }));
  await core.close();
}
void main();
