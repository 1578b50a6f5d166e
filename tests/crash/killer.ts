/**
 * Killing the core mid-operation and judging what it left (issue 17, crash safety).
 *
 * The child (child.ts, bundled as the packaged app bundles the core) opens a copy of a
 * prepared database, prints START just before the operation and is sent SIGKILL at a
 * random moment of it. What must hold every time: the database opens and passes
 * `integrity_check`, it holds either none of the operation (exactly the rows it had) or
 * all of it (the rows an unkilled run of the same operation leaves), and every file named
 * as a backup (`*.db` in the backups folder) opens, passes `integrity_check` and holds the
 * database as it was before the operation. Half-written files under other names
 * (.part, .tmp) may be left. Used by crash.test.ts (a few dozen kills) and
 * scripts/crash-kills.ts (`npm run crash:200`).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createCore } from '../../electron/core/createCore.ts';
import { migrations } from '../../electron/core/db/migrations/index.ts';
import { buildSeed, writeSeed } from '../../electron/core/services/seed/index.ts';
import { bundleLikeMain } from '../../scripts/build-electron.ts';
import { crashNow, importMapping, operations, type Operation } from './operations.ts';
// The draw's seeded generator: the same seed gives the same delays, so a failure can be replayed.
import { mulberry32 as seededRandom } from '../../shared/domain/draw.ts';

const root = path.resolve(import.meta.dirname, '../..');

/** A database's content: user_version, schema and every table's rows (in no particular order). */
export interface DbContent {
  /** Exactly as held. */
  exact: string;
  /** With what differs between two unkilled runs taken out (uuids, clock times, the run's folder); read when first asked. */
  readonly comparable: string;
  /** Per table, comparable, to name the tables a failed check found different. */
  readonly tables: Record<string, string>;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z/g;

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

/** Reads every row once; the comparable digest (regular expressions over every row) only when a check needs it. */
export function readContent(sqlite: SQLite.Database, runFolder: string | null = null): DbContent {
  const version = sqlite.pragma('user_version', { simple: true }) as number;
  const schema = (sqlite.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { sql: string | null }[])
    .map((r) => JSON.stringify(r))
    .join('\n');
  const names = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  const exact = createHash('sha256').update(`user_version ${version}\n${schema}\n`);
  const rowsOf = new Map<string, string[]>();
  for (const name of names) {
    // Sorted: a copy made by VACUUM INTO may number the rows of a table without an INTEGER PRIMARY KEY anew.
    const rows = (sqlite.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).raw().all() as unknown[][]).map((r) => JSON.stringify(r)).sort();
    exact.update(`${name} ${rows.length}\n${rows.join('\n')}\n`);
    rowsOf.set(name, rows);
  }
  const folder = runFolder ? JSON.stringify(runFolder).slice(1, -1) : null;
  const comparable = (line: string) => {
    const out = line.replace(UUID, 'U').replace(ISO_TIME, 'T');
    return folder ? out.split(folder).join('<run>') : out;
  };
  let tables: Record<string, string> | null = null;
  const tablesNow = () =>
    (tables ??= Object.fromEntries(names.map((n) => [n, sha(`${rowsOf.get(n)!.length}\n${rowsOf.get(n)!.map(comparable).sort().join('\n')}`)])));
  let whole: string | null = null;
  return {
    exact: exact.digest('hex'),
    get tables() {
      return tablesNow();
    },
    get comparable() {
      return (whole ??= sha(`user_version ${version}\n${comparable(schema)}\n${names.map((n) => `${n} ${tablesNow()[n]}`).join('\n')}`));
    },
  };
}

/** Opens a database as the app would after the kill (recovering its journal or WAL), checks it, reads it. */
export function inspect(file: string, runFolder: string | null = null): { integrity: string; content: DbContent | null; error: string | null } {
  let sqlite: SQLite.Database | null = null;
  try {
    sqlite = new SQLite(file, { fileMustExist: true });
    const integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    return { integrity, content: integrity === 'ok' ? readContent(sqlite, runFolder) : null, error: null };
  } catch (e) {
    return { integrity: 'not checked', content: null, error: (e as Error).message };
  } finally {
    sqlite?.close();
  }
}

/** A backup must stand alone: it is checked as a copy of its own file, without any -wal beside it. */
function inspectBackup(file: string, scratch: string): ReturnType<typeof inspect> {
  const copy = path.join(scratch, `check-${process.pid}-${Math.random().toString(36).slice(2)}.db`);
  fs.copyFileSync(file, copy);
  try {
    return inspect(copy);
  } finally {
    for (const f of [copy, `${copy}-wal`, `${copy}-shm`, `${copy}-journal`]) fs.rmSync(f, { force: true });
  }
}

/** A prepared database for one operation: the folder every kill starts from, and what it holds. */
export interface Template {
  operation: Operation;
  folder: string;
  /** The child's third argument: the file to import, the backup to restore. */
  arg: string;
  before: DbContent;
  /** The backups already there, by name, with their exact content. */
  backups: Map<string, string>;
  /** Filled by measure(): what an unkilled run leaves, and how long the operation took. */
  after?: DbContent;
  ms?: number;
  /** The names an unkilled run added to the backups folder. */
  made: string[];
}

export interface Fixtures {
  dir: string;
  bundle: string;
  templates: Record<Operation, Template>;
}

const dbName = 'ledger.db';

function copyFolder(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
}

function templateOf(operation: Operation, folder: string, arg: string): Template {
  const { content, integrity, error } = inspect(path.join(folder, dbName));
  if (!content) throw new Error(`模板数据库不可用：${error ?? integrity}`);
  const backups = new Map<string, string>();
  const dir = path.join(folder, 'backups');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const b = inspect(path.join(dir, name));
    if (b.content) backups.set(name, b.content.exact);
  }
  return { operation, folder, arg, before: content, backups, made: [] };
}

/**
 * A database as version 5 of the app left it, with enough rows that the migration (the copy
 * before it, 0006's audit rewrite, 0012's stage records) takes a few hundred milliseconds.
 */
function oldSchemaDatabase(file: string, branches: number, auditRows: number): void {
  const old = new SQLite(file);
  for (const m of migrations.slice(0, 5)) old.exec(m.sql);
  old.exec(`
    INSERT INTO org (id, uid, level, kind, name, path, depth, created_at, updated_at) VALUES (1, 'o1', 'city', 'city_committee', '赤峰市委', '/1/', 0, 'x', 'x');
    WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < ${branches + 1})
    INSERT INTO org (id, uid, parent_id, level, kind, name, path, depth, created_at, updated_at)
    SELECT i, 'o' || i, 1, 'branch', 'branch', '第' || i || '村党支部', '/1/' || i || '/', 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z' FROM n;
    INSERT INTO branch_ledger (uid, org_id, year, members_formal, secretary, grade, strongest_status, updated_at)
    SELECT 'l' || id, id, 2026, id % 50, '书记' || id, 'good', CASE id % 4 WHEN 0 THEN 'creating' WHEN 1 THEN 'township_rated' END, '2025-01-01T00:00:00Z'
    FROM org WHERE level = 'branch';
    INSERT INTO change_set (id, at, actor, source, summary) VALUES ('cs1', '2025-01-01T00:00:00Z', '张三', 'typed', '');
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${auditRows})
    INSERT INTO audit_log (change_set_id, at, actor, entity, row_id, field, op, old_value, new_value, source)
    SELECT 'cs1', '2025-01-01T00:00:00Z', '张三', 'branch_ledger', 2 + i % ${branches}, 'secretary', 'update', '"甲"', '"乙' || i || '"', 'typed' FROM n;
  `);
  old.pragma('user_version = 5');
  old.close();
}

/** A CSV ledger returned by hand: every branch of 2026 with one more member and another secretary. */
async function writeImportFile(dbPath: string, file: string): Promise<void> {
  const core = await createCore({ dbPath, now: () => crashNow, actor: '崩溃测试', host: 'loopback', mustExist: true });
  const rows = (await core.call('ledger.list', { year: 2026 })).rows;
  await core.close();
  const cell = (v: unknown) => `"${String(v ?? '').replace(/"/g, '""')}"`;
  const lines = rows.map((r) => [r.township, r.name, (r.membersFormal ?? 0) + 1, `${r.secretary ?? ''}甲`].map(cell).join(','));
  fs.writeFileSync(file, ['苏木乡镇（街道）,党组织名称,正式党员（名）,书记', ...lines].join('\n'));
}

/**
 * Builds everything the kills start from, once: the bundled child, a seeded banner (one
 * county of the demo league) for import, backup and restore, and a version-5 database for
 * the migration. `withBackups`: the restore template needs backup.now to work.
 */
export async function prepare(dir: string, options: { withBackups: boolean }): Promise<Fixtures> {
  const bundle = await bundleLikeMain(path.join(import.meta.dirname, 'child.ts'), path.join(dir, 'bundle'));
  const base = path.join(dir, 'base');
  fs.mkdirSync(base, { recursive: true });
  const basePath = path.join(base, dbName);
  const seeding = await createCore({ dbPath: basePath, now: () => crashNow, actor: '崩溃测试', host: 'loopback' });
  await writeSeed(seeding.conn, buildSeed({ size: 'small', seed: 1, year: 2026, now: crashNow.toISOString() }), { actor: '崩溃测试', now: crashNow.toISOString(), seed: 1 });
  await seeding.close();
  const importFile = path.join(dir, 'import.csv');
  await writeImportFile(basePath, importFile);

  const folder = (op: Operation) => path.join(dir, 'templates', op);
  copyFolder(base, folder('import'));
  copyFolder(base, folder('backup'));
  fs.mkdirSync(folder('migration'), { recursive: true });
  oldSchemaDatabase(path.join(folder('migration'), dbName), 1500, 30_000);

  // Restore: a backup of the banner, then an import on top, so restoring it changes the rows.
  copyFolder(base, folder('restore'));
  let restoreName = '';
  if (options.withBackups) {
    const core = await createCore({ dbPath: path.join(folder('restore'), dbName), now: () => crashNow, actor: '崩溃测试', host: 'loopback', mustExist: true });
    restoreName = (await core.call('backup.now', { note: '恢复用' })).name;
    core.grants.read(importFile);
    const preview = await core.call('import.open', { path: importFile, year: 2026, mapping: importMapping });
    await core.call('import.commit', { sessionId: preview.sessionId });
    await core.close();
  }

  const templates = {
    import: templateOf('import', folder('import'), importFile),
    migration: templateOf('migration', folder('migration'), ''),
    backup: templateOf('backup', folder('backup'), ''),
    restore: templateOf('restore', folder('restore'), restoreName),
  } satisfies Record<Operation, Template>;
  return { dir, bundle, templates };
}

export interface RunOutcome {
  folder: string;
  /** The child was killed while running (not after it had finished). */
  killed: boolean;
  /** How long the operation took, when it finished. */
  ms: number | null;
  /** The child failed on its own (not killed): its message. */
  failed: string | null;
}

let runs = 0;

/** Runs the operation on a fresh copy of the template; with `killAfterMs`, sends SIGKILL that long after START. */
export function runOnce(fixtures: Fixtures, t: Template, killAfterMs: number | null): Promise<RunOutcome> {
  const folder = path.join(fixtures.dir, 'runs', `${t.operation}-${++runs}`);
  copyFolder(t.folder, folder);
  return new Promise((resolve) => {
    // The Node running the tests (Node 24 from node_modules/.bin under npm), never the system's.
    const child = spawn(process.execPath, [fixtures.bundle, t.operation, folder, t.arg], {
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let ms: number | null = null;
    let timer: NodeJS.Timeout | null = null;
    // A child that never starts or never ends is a failure of its own, not a hang of the suite.
    let hung = false;
    const guard = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, 120_000);
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (killAfterMs !== null && timer === null && /^START$/m.test(out)) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
      const done = /^DONE (\d+)$/m.exec(out);
      if (done) ms = Number(done[1]);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (timer) clearTimeout(timer);
      // Killed after DONE (while closing) is a finished run: judged, not counted as a kill.
      const killed = signal === 'SIGKILL' && ms === null && !hung;
      const failed = hung
        ? `子进程 120 秒内没有完成：${err.trim() || out.trim()}`
        : signal !== 'SIGKILL' && code !== 0
          ? `子进程退出码 ${code ?? signal}：${err.trim() || out.trim()}`
          : null;
      resolve({ folder, killed, ms, failed });
    });
  });
}

/** What a run left, judged: the problems found (none when it is all or none of the operation). */
export function judge(t: Template, run: RunOutcome, scratch: string): { problems: string[]; held: 'none' | 'all' | null } {
  const problems: string[] = [];
  if (run.failed) problems.push(run.failed);
  const live = inspect(path.join(run.folder, dbName), run.folder);
  let held: 'none' | 'all' | null = null;
  if (live.error) problems.push(`数据库打不开：${live.error}`);
  else if (live.integrity !== 'ok') problems.push(`integrity_check：${live.integrity.slice(0, 500)}`);
  else if (live.content) {
    if (live.content.exact === t.before.exact) held = 'none';
    else if (t.after && live.content.comparable === t.after.comparable) {
      held = 'all';
      // A restore puts the backup back exactly, row for row.
      if (t.operation === 'restore' && live.content.exact !== t.backups.get(t.arg)) problems.push(`恢复后的数据与备份 ${t.arg} 不完全相同`);
    } else {
      const differ = (other: DbContent | undefined) =>
        Object.keys({ ...live.content!.tables, ...other?.tables }).filter((n) => live.content!.tables[n] !== other?.tables[n]);
      problems.push(`既不是操作前也不是操作完成后的数据：与操作前不同的表 ${differ(t.before).join('、')}；与完成后不同的表 ${differ(t.after).join('、')}`);
    }
  }

  // Every file named as a backup is a good one: old ones untouched, new ones the database as it was before.
  const dir = path.join(run.folder, 'backups');
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!name.endsWith('.db')) continue;
    const b = inspectBackup(path.join(dir, name), scratch);
    const expected = t.backups.get(name) ?? t.before.exact;
    if (b.error) problems.push(`备份 ${name} 打不开：${b.error}`);
    else if (b.integrity !== 'ok') problems.push(`备份 ${name} 未通过 integrity_check：${b.integrity.slice(0, 300)}`);
    else if (b.content!.exact !== expected) problems.push(`备份 ${name} 的内容不是${t.backups.has(name) ? '原来的备份' : '操作前的数据库'}`);
  }
  return { problems, held };
}

/** An unkilled run: how long the operation takes and what it leaves (which must itself pass the checks). */
export async function measure(fixtures: Fixtures, t: Template, scratch: string): Promise<void> {
  const run = await runOnce(fixtures, t, null);
  const live = inspect(path.join(run.folder, dbName), run.folder);
  if (run.failed || run.ms === null || !live.content) throw new Error(`${t.operation} 未能完整运行一次：${run.failed ?? live.error ?? live.integrity}`);
  t.after = live.content;
  t.ms = run.ms;
  const backups = path.join(run.folder, 'backups');
  t.made = (fs.existsSync(backups) ? fs.readdirSync(backups) : []).filter((n) => !t.backups.has(n));
  const { problems } = judge(t, run, scratch);
  if (problems.length) throw new Error(`${t.operation} 完整运行一次后检查不通过：${problems.join('；')}`);
  fs.rmSync(run.folder, { recursive: true, force: true });
}

export interface KillFailure {
  attempt: number;
  delayMs: number;
  folder: string;
  problems: string[];
}

export interface KillSummary {
  operation: Operation;
  seed: number;
  /** The operation's unkilled duration the delays were last spread over (the median of the runs that finished). */
  spanMs: number;
  attempts: number;
  kills: number;
  passes: number;
  /** Runs that finished before their kill: judged too, not counted as kills. */
  finished: number;
  held: { none: number; all: number };
  failures: KillFailure[];
}

/**
 * Kills the operation until `kills` runs were killed mid-way (at most 3× as many attempts),
 * and judges each. Each delay is a fraction drawn from `seed` (0 to 1.2: a kill just after the
 * commit, while the core closes, must find the operation whole) of the operation's duration,
 * the median of the unkilled runs so far: a machine busy when it was measured and idle later
 * (or the reverse) still has its kills land inside the operation. `delayMs` kills at exactly
 * that delay. Run folders of failures are kept for a look.
 */
export async function killRepeatedly(
  fixtures: Fixtures,
  t: Template,
  options: { kills: number; seed: number; concurrency: number; scratch: string; delayMs?: number },
): Promise<KillSummary> {
  const random = seededRandom(options.seed);
  const maxAttempts = options.kills * 3;
  const fractions = Array.from({ length: maxAttempts }, () => random() * 1.2);
  const durations = [t.ms ?? 0];
  const median = () => [...durations].sort((a, b) => a - b)[Math.floor(durations.length / 2)]!;
  const summary: KillSummary = { operation: t.operation, seed: options.seed, spanMs: median(), attempts: 0, kills: 0, passes: 0, finished: 0, held: { none: 0, all: 0 }, failures: [] };
  let next = 0;
  const worker = async () => {
    while (summary.kills < options.kills && next < maxAttempts) {
      const attempt = next++;
      summary.spanMs = median();
      const delayMs = options.delayMs ?? Math.floor(fractions[attempt]! * summary.spanMs);
      const run = await runOnce(fixtures, t, delayMs);
      if (run.ms !== null) durations.push(run.ms);
      const { problems, held } = judge(t, run, options.scratch);
      summary.attempts++;
      if (run.killed) summary.kills++;
      else summary.finished++;
      if (held) summary.held[held]++;
      if (problems.length) summary.failures.push({ attempt, delayMs, folder: run.folder, problems });
      else {
        if (run.killed) summary.passes++;
        fs.rmSync(run.folder, { recursive: true, force: true });
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return summary;
}

/** One line per failure, with what replays it. */
export function describeFailures(s: KillSummary): string {
  return s.failures
    .map((f) => `${s.operation}：种子 ${s.seed}，第 ${f.attempt} 次，延迟 ${f.delayMs} ms（重现：npm run crash:200 -- --operation ${s.operation} --kills 1 --delay ${f.delayMs}），文件夹 ${f.folder}：${f.problems.join('；')}`)
    .join('\n');
}

export { operations, type Operation };
