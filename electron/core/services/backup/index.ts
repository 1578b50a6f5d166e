/**
 * Backups and restore (issue 17). Foundation only: the contract is fixed in
 * shared/contract/backup.ts; the implementation lands with the backup work.
 */
import { AppError } from '../../../../shared/contract/errors.ts';
import type { BackupInfo, BackupList, BackupRetention, DbHealth, RestoreResult } from '../../../../shared/contract/backup.ts';
import type { ServiceContext } from '../context.ts';

const notYet = () => new AppError('INTERNAL', '备份与恢复尚未完成。');

export async function listBackups(_ctx: ServiceContext): Promise<BackupList> {
  throw notYet();
}
export async function backupNow(_ctx: ServiceContext, _args: { note?: string | undefined }): Promise<BackupInfo> {
  throw notYet();
}
export async function restoreBackup(_ctx: ServiceContext, _args: { name: string }): Promise<RestoreResult> {
  throw notYet();
}
export async function restoreFromFile(_ctx: ServiceContext, _args: { path: string }): Promise<RestoreResult> {
  throw notYet();
}
export async function saveRetention(_ctx: ServiceContext, _args: BackupRetention): Promise<BackupRetention> {
  throw notYet();
}
/** The database's health as found at start. */
export function dbHealth(_ctx: ServiceContext): DbHealth {
  return { ok: true, readOnly: false, problem: null, latestGoodBackup: null };
}
