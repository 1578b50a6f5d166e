/**
 * Backups and restore (issue 17): the contract's methods, the daily backup, the backups
 * before an import and a restore, retention after each new backup, and the database's
 * health as found at open. One backup or restore runs at a time (`BackupKeeper.run`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../../shared/contract/errors.ts';
import { backupReasonLabels, type BackupInfo, type BackupList, type BackupReason, type BackupRetention, type DbHealth, type RestoreResult } from '../../../../shared/contract/backup.ts';
import type { Connection } from '../../db/connection.ts';
import { migrate } from '../../db/migrate.ts';
import { checkpoint, loadRetention, pageSizeOf, reopenForWrites, storeRetention } from '../../repos/backups.ts';
import { localTime, type ServiceContext } from '../context.ts';
import { cleanLeftovers, deleteBackup, listBackupFiles, removePart, stamp } from './files.ts';
import { prunable } from './retention.ts';
import { preparedCopy, putBack } from './restore.ts';
import { takeBackup } from './take.ts';

/** How a backup is named to a person: 2026-12-06 19:09 每日自动备份（zugong-20261206-190912-daily.db）. */
export function backupLabel(b: BackupInfo): string {
  return `${localTime(b.takenAt)} ${backupReasonLabels[b.reason]}（${b.name}）`;
}

/** The backups of one open database: where they go, one at a time, the daily one, and the health found at open. */
export class BackupKeeper {
  private queue: Promise<unknown> = Promise.resolve();
  private dailyDay: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    readonly conn: Connection,
    readonly dir: string,
    readonly now: () => Date,
    /** Whether the day's first start or write takes a daily backup (the app and the CLI; not tests). */
    readonly daily: boolean,
  ) {}

  /** Runs `task` after every backup or restore before it: never two at once. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const next = this.queue.then(task, task);
    this.queue = next.catch(() => undefined);
    return next;
  }

  list(): BackupInfo[] {
    return listBackupFiles(this.dir, this.conn.path);
  }

  /**
   * The backup to offer when the database is damaged: the newest one of the data as it went on.
   * A 恢复前备份 holds what a restore set aside (changes undone on purpose): offered only when
   * there is nothing else.
   */
  latestGood(): BackupInfo | null {
    const list = this.list();
    return list.find((b) => b.reason !== 'restore') ?? list[0] ?? null;
  }

  /** A backup now, then retention. Refused on a damaged database: a copy of it would not be a good backup. */
  take(reason: BackupReason, note: string | null = null): Promise<BackupInfo> {
    return this.run(async () => {
      if (this.conn.damage !== null) throw this.damaged('无法备份');
      const info = await takeBackup({ sqlite: this.conn.sqlite, dbPath: this.conn.path, dir: this.dir }, reason, this.now(), note);
      this.prune(info.name);
      return info;
    });
  }

  /** Deletes what retention no longer keeps, and leftovers of killed backups. */
  prune(justTaken: string | null): void {
    const retention = loadRetention(this.conn.sqlite);
    for (const name of prunable(this.list(), retention, this.now(), justTaken)) deleteBackup(this.dir, name);
    // Files carry the computer's real clock, whatever clock the core was given.
    cleanLeftovers(this.dir, Date.now());
  }

  /** After the core is up: the day's daily backup, a moment later so the window opens first. */
  start(): void {
    if (!this.daily || this.conn.damage !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.maybeDaily();
    }, 1000);
  }

  /** The day's first start or write takes a daily backup, when the folder has none of today yet. */
  maybeDaily(): void {
    if (!this.daily || this.closed || this.conn.damage !== null) return;
    const day = localTime(this.now()).slice(0, 10);
    if (day === this.dailyDay) return;
    this.dailyDay = day;
    if (this.list().some((b) => b.reason === 'daily' && localTime(b.takenAt).slice(0, 10) === day)) return;
    this.take('daily').catch((e: unknown) => {
      // Nobody waits for it: said on the console, and tried again at the next write of another day.
      process.stderr.write(`每日自动备份没有完成：${(e as Error).message}\n`);
    });
  }

  /** The refusal of a write (or a backup) on a damaged database, naming the latest good backup. */
  damaged(what = '不能修改'): AppError {
    const latest = this.latestGood();
    const offer = latest
      ? `最新的完好备份是 ${backupLabel(latest)}，位于“${this.dir}”；请在“设置 → 备份与恢复”中恢复它，或在命令行运行 restore --db 数据库文件 --from ${latest.path}。`
      : `备份文件夹“${this.dir}”中没有完好的备份；请把其他电脑或U盘上的备份用“从文件恢复”恢复，或联系维护人员。`;
    return new AppError('DB_DAMAGED', `数据库“${path.basename(this.conn.path)}”未通过完整性检查，文件已损坏；为保护数据，现在只能查看，${what}。${offer}`, {
      path: this.conn.path,
      latestGoodBackup: latest?.path ?? null,
    });
  }

  health(): DbHealth {
    const damage = this.conn.damage;
    return { ok: damage === null, readOnly: damage !== null, problem: damage, latestGoodBackup: this.latestGood() };
  }

  /** Waits for a backup under way and stops the daily one (the core is closing). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.queue;
  }
}

export async function listBackups(ctx: ServiceContext): Promise<BackupList> {
  const k = ctx.backups;
  return { dir: k.dir, backups: k.list(), retention: loadRetention(ctx.conn.sqlite), health: k.health() };
}

export async function backupNow(ctx: ServiceContext, args: { note?: string | undefined }): Promise<BackupInfo> {
  const note = args.note?.trim() || null;
  return ctx.backups.take('manual', note);
}

/** Before an import is written: refused on a damaged database before anything else, then a backup naming the file. */
export async function backupBeforeImport(ctx: ServiceContext, fileName: string | null): Promise<BackupInfo | null> {
  if (ctx.conn.refuseWrites) throw ctx.conn.refuseWrites();
  if (fileName === null) return null; // no such preview: the commit says so
  return ctx.backups.take('import', `导入“${fileName}”之前`);
}

export async function restoreBackup(ctx: ServiceContext, args: { name: string }): Promise<RestoreResult> {
  const listed = ctx.backups.list().find((b) => b.name === args.name);
  if (!listed) throw new AppError('NOT_FOUND', `备份文件夹中没有名为“${args.name}”的完好备份，可能已被删除。请刷新列表后重试。当前数据库没有任何改动。`, { name: args.name });
  return restore(ctx, listed.path, listed);
}

export async function restoreFromFile(ctx: ServiceContext, args: { path: string }): Promise<RestoreResult> {
  return restore(ctx, ctx.grants.readable(args.path), null);
}

/**
 * Verify the offered file (refusing with nothing changed), keep the database as it is as a
 * backup, put the file's content into the live database in one transaction, bring it to the
 * current schema, and tell every page to reload.
 */
function restore(ctx: ServiceContext, file: string, listed: BackupInfo | null): Promise<RestoreResult> {
  const k = ctx.backups;
  const label = listed?.name ?? path.basename(file);
  return k.run(async () => {
    const at = ctx.now();
    const { copy, holdings } = preparedCopy(file, label, k.dir, at, pageSizeOf(ctx.conn.sqlite));
    const restored: BackupInfo = listed ?? { name: label, path: file, reason: 'manual', takenAt: fs.statSync(file).mtime.toISOString(), bytes: fs.statSync(file).size, note: null, ...holdings };
    const refusing = ctx.conn.refuseWrites;
    // Nothing of this process writes while the database is kept and replaced.
    ctx.conn.refuseWrites = () => new AppError('BUSY', '正在恢复备份，请稍候再试。本次操作没有保存任何内容。');
    try {
      let safetyCopy: BackupInfo | null = null;
      let damagedCopy: string | null = null;
      if (ctx.conn.damage === null) {
        safetyCopy = await takeBackup({ sqlite: ctx.conn.sqlite, dbPath: ctx.conn.path, dir: k.dir }, 'restore', at, `恢复“${label}”之前的数据库`);
      } else {
        // A damaged file is no good backup and is not listed; it is kept beside them all the same, for whoever looks into it.
        damagedCopy = path.join(k.dir, `${path.basename(ctx.conn.path, path.extname(ctx.conn.path))}-${stamp(at)}-damaged.db.damaged`);
        fs.copyFileSync(ctx.conn.path, damagedCopy);
      }
      await putBack(copy, ctx.conn.path, ctx.conn.sqlite);
      if (ctx.conn.damage !== null) {
        ctx.conn.damage = null;
        reopenForWrites(ctx.conn.sqlite);
      }
      ctx.conn.refuseWrites = null;
      checkpoint(ctx.conn.sqlite);
      // An older backup is brought to this app's schema, with a backup of its own before (as at every migration).
      await migrate(ctx.conn.sqlite, {
        file: ctx.conn.path,
        now: at,
        backup: (from, to) => takeBackup({ sqlite: ctx.conn.sqlite, dbPath: ctx.conn.path, dir: k.dir }, 'migration', at, `第 ${from} 版 → 第 ${to} 版`).then((b) => b.path),
      });
      ctx.ledgerCache.key = '';
      ctx.imports.clear();
      k.prune(safetyCopy?.name ?? null);
      ctx.events.emit('data.changed', { entity: 'database' });
      return { restored, safetyCopy, damagedCopy };
    } finally {
      ctx.conn.refuseWrites = ctx.conn.damage === null ? null : refusing;
      removePart(copy);
    }
  });
}

export async function saveRetention(ctx: ServiceContext, args: BackupRetention): Promise<BackupRetention> {
  if (ctx.conn.refuseWrites) throw ctx.conn.refuseWrites();
  const retention = { daily: args.daily, monthly: args.monthly, beforeChangeDays: args.beforeChangeDays };
  storeRetention(ctx.conn.sqlite, retention);
  ctx.backups.prune(null);
  ctx.events.emit('data.changed', { entity: 'setting' });
  return retention;
}

/** The database's health as found at start. */
export function dbHealth(ctx: ServiceContext): DbHealth {
  return ctx.backups.health();
}
