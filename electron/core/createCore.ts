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
import { openConnection, type Connection } from './db/connection.ts';
import { assertSchemaSupported, migrate, type MigrateResult } from './db/migrate.ts';
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
  /** Who is working, as histories write it: the name set in 设置, else the computer's account. */
  readonly actor: string;
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

export async function createCore(config: CoreConfig): Promise<Core> {
  const now = config.now ?? (() => new Date());
  const conn = openConnection(config.dbPath, {
    beforeWrite: assertSchemaSupported,
    mustExist: config.mustExist ?? false,
    ...(config.busyTimeoutMs !== undefined ? { busyTimeoutMs: config.busyTimeoutMs } : {}),
  });
  const backupsDir = config.backupsDir ?? path.join(path.dirname(path.resolve(config.dbPath)), 'backups');
  let migration: MigrateResult;
  try {
    migration = migrate(conn.sqlite, {
      file: config.dbPath,
      backupsDir,
      now: now(),
    });
  } catch (e) {
    await conn.close();
    throw e;
  }

  const events = new EventHub();
  const account = config.actor ?? defaultActor();
  // The staff member's own name (设置 → 操作人) once given, else the account: asked each time, as it may be set while the app runs.
  const actor = () => operatorName(conn.sqlite) ?? account;
  const ctx: HandlerContext = {
    conn,
    audit: new AuditLog(conn.sqlite, now, actor, lockGuard),
    ledgerCache: new LedgerListCache(),
    shell: config.shell ?? folderShell(path.join(path.dirname(path.resolve(config.dbPath)), 'exports')),
    grants: new Grants({ file: config.dbPath, backupsDir }),
    reader: new SpreadsheetReader({ ...(config.readerWorker ? { workerScript: config.readerWorker } : {}), ...(config.readLimits ? { limits: config.readLimits } : {}) }),
    imports: new ImportSessions(),
    appVersion: config.appVersion ?? appVersion,
    events,
    get actor() {
      return actor();
    },
    account,
    config: { appVersion: config.appVersion ?? appVersion, host: config.host ?? 'loopback' },
    now,
    schemaVersion: migration.to,
  };

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
    try {
      const handler = handlers[method] as (a: unknown, c: HandlerContext) => Promise<unknown> | unknown;
      return { ok: true, value: await handler(parsed.data, ctx) };
    } catch (e) {
      return { ok: false, error: toAppError(e).toData() };
    }
  }

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
    close: () => {
      ctx.reader.close();
      return conn.close();
    },
    openGivenFile: (file) => events.emit('shell.openFile', { path: ctx.grants.given(file) }),
  };
}
