/**
 * The whole app without a window: open and migrate the database, validate every
 * call at the boundary, dispatch to handlers, return errors as data.
 * Electron main, the HTTP harness, the CLI, tests and benchmarks all use this.
 */
import path from 'node:path';
import { AppError, type Envelope } from '../../shared/contract/errors.ts';
import type { EventName } from '../../shared/contract/events.ts';
import { chineseIssue, describeInvalidArgs } from '../../shared/contract/invalidArgs.ts';
import { isMethodName, methods, type MethodArgs, type MethodName, type MethodResult } from '../../shared/contract/methods.ts';
import type { CoreConfig } from './config.ts';
import { checkUnderWay, openConnection, type Connection } from './db/connection.ts';
import { assertSchemaSupported, migrate, type MigrateResult } from './db/migrate.ts';
import { latestSchemaVersion } from './db/migrations/index.ts';
import { busyError } from './db/transaction.ts';
import { EventHub, type Listener } from './events.ts';
import { handlers, type HandlerContext } from './handlers.ts';
import { appVersion } from './version.ts';
import { AuditLog } from './repos/audit.ts';
import { operatorName } from './repos/settings.ts';
import { LedgerListCache } from './services/ledger/list.ts';
import { folderShell, Grants } from './shell.ts';
import { SpreadsheetReader } from './excel/reader/index.ts';
import { ImportSessions } from './services/import/sessions.ts';
import { labelledRows } from './services/import/index.ts';
import type { ImportPreview } from '../../shared/contract/types.ts';
import type { CellValue } from '../../shared/domain/fields.ts';
import os from 'node:os';
import { lockGuard } from './services/returns/lock.ts';
import { AuthSession } from './services/auth/index.ts';
import { BackupKeeper } from './services/backup/index.ts';
import { schemaVersionOf } from './repos/backups.ts';

/** Who is working when they have not given their name: the OS account, as offices share no login server. */
function defaultActor(): string {
  try {
    return os.userInfo().username || '本机用户';
  } catch {
    return '本机用户';
  }
}

export interface Core {
  /** Untyped entry for transports: validates `method` and `args`, never throws. */
  invoke(method: string, args: unknown): Promise<Envelope<unknown>>;
  /** Typed entry for in-process callers (CLI, tests): throws AppError. */
  call<M extends MethodName>(method: M, args: MethodArgs<M>): Promise<MethodResult<M>>;
  on<E extends EventName>(event: E, listener: Listener<E>): () => void;
  readonly conn: Connection;
  readonly migration: MigrateResult;
  readonly events: EventHub;
  readonly ledgerCache: LedgerListCache;
  /** Paths the core may use; the CLI grants the ones given on its command line. */
  readonly grants: Grants;
  /** An import preview's rows with values keyed by column label, codes as labels (the CLI's report). */
  importRows(preview: ImportPreview): { sourceRow: number; values: Record<string, CellValue> }[];
  now(): Date;
  /** Who is working, as histories write it: the name that unlocked the password, else the name set in 设置, else the computer's account. */
  readonly actor: string;
  /** The database's backups (the CLI's backup command, tests). */
  readonly backups: BackupKeeper;
  close(): Promise<void>;
  /**
   * A spreadsheet the operating system gave the desktop app (started with a file, or started
   * again with one): granted for reading and kept for the window to take (shell.takeGivenFile),
   * which it is told to do. Not a contract method: a page never names a path.
   */
  openGivenFile(file: string): void;
}

export function toAppError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  const busy = busyError(e);
  if (busy) return busy;
  const message = e instanceof Error ? e.message : String(e);
  // Bounded: an error may quote what it was given (a value, a statement), and the reply crosses to the window.
  const told = message.length > 300 ? `${message.slice(0, 300)}…` : message;
  return new AppError('INTERNAL', `程序内部错误：${told}。请把这条信息告诉维护人员。`);
}

/**
 * What may be answered while the integrity check at open still runs (see db/integrity.ts): the
 * first screen's reads, whose answers do not depend on it. Every other call, a write or not,
 * waits for the check; a write then lands, or on a damaged file is refused as any write is.
 */
const answeredWhileChecking = new Set<MethodName>([
  'app.info', 'auth.status', 'settings.get', 'setup.status', 'ledger.years', 'ledger.list', 'ledger.opening', 'dict.list', 'view.list',
  'org.children', 'org.search', 'templates.list', 'help.tour',
]);

/** What a call meets when it runs into the file before its check has ended: damage, or the check's read-only state. */
function metTheCheck(e: unknown): boolean {
  if (e instanceof AppError) return e.message === checkUnderWay().message;
  const code = String((e as { code?: unknown } | null)?.code ?? '');
  return code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_READONLY');
}

export async function createCore(config: CoreConfig): Promise<Core> {
  const now = config.now ?? (() => new Date());
  const host = config.host ?? 'loopback';
  const beside = (config.integrityCheck ?? (host === 'electron' || host === 'http' ? 'beside' : 'first')) === 'beside';
  // quick_check before anything is written: a damaged file is opened to be read only. Beside the
  // first reads when the file needs no migration (a migration writes, and the reads need its schema).
  const conn = openConnection(config.dbPath, {
    beforeWrite: assertSchemaSupported,
    checkIntegrity: true,
    ...(beside ? { checkBeside: (sqlite) => schemaVersionOf(sqlite) === latestSchemaVersion } : {}),
    mustExist: config.mustExist ?? false,
    ...(config.busyTimeoutMs !== undefined ? { busyTimeoutMs: config.busyTimeoutMs } : {}),
  });
  const backupsDir = config.backupsDir ?? path.join(path.dirname(path.resolve(config.dbPath)), 'backups');
  const backups = new BackupKeeper(conn, backupsDir, now, config.dailyBackup ?? (host === 'electron' || host === 'http'));
  if (conn.damage !== null) conn.refuseWrites = () => backups.damaged();
  // Calls held until the check ends wait for this: by then a damaged file refuses writes as above.
  let checked = conn.checking?.then(() => {
    checked = null;
    if (conn.damage !== null) conn.refuseWrites = () => backups.damaged();
    else backups.start();
  }) ?? null;
  conn.afterWrite = () => backups.maybeDaily();
  let migration: MigrateResult;
  try {
    if (conn.damage !== null) {
      // Never written to, not even to migrate: it is read as it is until a backup is restored.
      const version = schemaVersionOf(conn.sqlite);
      migration = { from: version, to: version, backupPath: null };
    } else {
      migration = await migrate(conn.sqlite, {
        file: config.dbPath,
        now: now(),
        backup: (from, to) => backups.take('migration', `第 ${from} 版 → 第 ${to} 版`).then((b) => b.path),
      });
    }
  } catch (e) {
    await conn.close();
    throw e;
  }

  const events = new EventHub();
  const account = config.actor ?? defaultActor();
  const auth = new AuthSession(now);
  // Who unlocked the app with their password, else the staff member's own name (设置 → 操作人), else the account:
  // asked each time, as it may change while the app runs.
  const actor = () => auth.unlocked ?? operatorName(conn.sqlite) ?? account;
  // The command line is outside the window's lock: whoever can run it can read the database file itself.
  const lockable = host !== 'cli';
  const ctx: HandlerContext = {
    conn,
    audit: new AuditLog(conn.sqlite, now, actor, lockGuard),
    ledgerCache: new LedgerListCache(),
    shell: config.shell ?? folderShell(path.join(path.dirname(path.resolve(config.dbPath)), 'exports')),
    grants: new Grants({ file: config.dbPath, backupsDir }),
    reader: new SpreadsheetReader({ ...(config.readerWorker ? { workerScript: config.readerWorker } : {}), ...(config.readLimits ? { limits: config.readLimits } : {}) }),
    imports: new ImportSessions(),
    backups,
    appVersion: config.appVersion ?? appVersion,
    events,
    get actor() {
      return actor();
    },
    account,
    config: { appVersion: config.appVersion ?? appVersion, host },
    now,
    schemaVersion: migration.to,
    auth,
  };

  /**
   * On a damaged database, a single-statement write (a setting) meets `query_only` and a read
   * may meet the damaged pages: both are told as the damage, naming the latest good backup.
   */
  function damageOf(e: unknown): AppError | null {
    if (conn.damage === null || !(e instanceof Error)) return null;
    const code = String((e as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_READONLY')) return backups.damaged();
    if (code.startsWith('SQLITE_CORRUPT')) return backups.damaged('这部分数据无法读取');
    return null;
  }

  async function invoke(method: string, args: unknown): Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作“${String(method).slice(0, 60)}”。` } };
    }
    // No arguments at all (a transport that sends none) mean "none": {}. A null is a value, and checked like one.
    const input = args === undefined ? {} : args;
    const parsed = methods[method].args.safeParse(input, { error: chineseIssue });
    if (!parsed.success) {
      const refused = describeInvalidArgs(method, parsed.error.issues, input);
      return { ok: false, error: { code: 'INVALID_ARGS', message: refused.message, details: refused.details } };
    }
    const run = async () => {
      const locked = lockable ? auth.refusal(conn.sqlite, method) : null;
      if (locked) throw locked;
      const handler = handlers[method] as (a: unknown, c: HandlerContext) => Promise<unknown> | unknown;
      return handler(parsed.data, ctx);
    };
    try {
      if (checked !== null && !answeredWhileChecking.has(method)) await checked;
      const during = checked;
      try {
        return { ok: true, value: await run() };
      } catch (e) {
        // A read answered during the check that met a damaged page (or tried to write) is asked
        // again once the check has ended: then the damage is known and told, or the write allowed.
        if (during === null || !metTheCheck(e)) throw e;
        await during;
        return { ok: true, value: await run() };
      }
    } catch (e) {
      return { ok: false, error: toAppError(damageOf(e) ?? e).toData() };
    }
  }

  if (checked === null) backups.start();

  return {
    invoke,
    async call(method, args) {
      const result = await invoke(method, args);
      if (!result.ok) throw AppError.fromData(result.error);
      return result.value as MethodResult<typeof method>;
    },
    on: (event, listener) => events.on(event, listener),
    conn,
    migration,
    events,
    ledgerCache: ctx.ledgerCache,
    grants: ctx.grants,
    importRows: (preview) => labelledRows(ctx, preview),
    now,
    get actor() {
      return actor();
    },
    backups,
    close: async () => {
      ctx.reader.close();
      await checked;
      await backups.close();
      return conn.close();
    },
    openGivenFile: (file) => events.emit('shell.openFile', { path: ctx.grants.given(file) }),
  };
}
