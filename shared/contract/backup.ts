/**
 * Backups and the database's health, as the 备份与恢复 page, the start-up banner and
 * the CLI see them. The core writes a backup under a temporary name and renames it only
 * when it is complete and verified, so every file listed here is a good one.
 */

/** Why a backup was made. */
export const backupReasons = ['manual', 'daily', 'import', 'migration', 'restore'] as const;
export type BackupReason = (typeof backupReasons)[number];

export const backupReasonLabels: Record<BackupReason, string> = {
  manual: '手动备份',
  daily: '每日自动备份',
  import: '导入前备份',
  migration: '升级前备份',
  restore: '恢复前备份',
};

export interface BackupInfo {
  /** The file's name in the backups folder: what restore and delete are given. */
  name: string;
  /** Its full path, to be shown and opened in the file manager. */
  path: string;
  reason: BackupReason;
  /** When it was taken (ISO, UTC). */
  takenAt: string;
  bytes: number;
  /** What it holds, read from the copy itself when it was verified. */
  schemaVersion: number;
  units: number;
  branches: number;
  /** The latest ledger year it holds, null when it has none. */
  latestYear: number | null;
  /** A note typed with a manual backup, or what an import/migration was (the file's name, 第 12 → 15 版). */
  note: string | null;
}

/** How many backups are kept: the rest are deleted, oldest first, after each new one. */
export interface BackupRetention {
  /** Daily backups kept (one a day, the newest of the day). */
  daily: number;
  /** Monthly backups kept (the first backup of each month, of any reason). */
  monthly: number;
  /** Backups taken before an import, a restore or a migration are kept this many days. */
  beforeChangeDays: number;
  /** Manual backups are never deleted automatically. */
}

export const defaultBackupRetention: BackupRetention = { daily: 30, monthly: 12, beforeChangeDays: 30 };

/**
 * The database as found at start: `quick_check` passed, or it did not and the app
 * works read-only. A damaged database is never written to.
 */
export interface DbHealth {
  ok: boolean;
  /** True when every write is refused (damaged, or opened read-only). */
  readOnly: boolean;
  /** What quick_check said, in Chinese, the first lines only; null when ok. */
  problem: string | null;
  /** The newest backup that verifies, to offer for restore; null when there is none. */
  latestGoodBackup: BackupInfo | null;
}

export interface BackupList {
  dir: string;
  backups: BackupInfo[];
  retention: BackupRetention;
  health: DbHealth;
}

export interface RestoreResult {
  restored: BackupInfo;
  /** The database as it was just before the restore, kept as a backup of its own. */
  safetyCopy: BackupInfo | null;
  /** A damaged database is no backup: it is kept aside as this file (not listed), for whoever looks into it. */
  damagedCopy: string | null;
}
