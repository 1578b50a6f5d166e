/**
 * A backup as a person reads it in the list and in the confirmations: when (the PC's own clock,
 * not UTC), how big, and what it holds.
 */
import type { BackupInfo } from '../../../../shared/contract/backup.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-03-15 10:00 as the PC's clock showed it when the backup was taken. */
export function backupTime(takenAt: string): string {
  const d = new Date(takenAt);
  if (Number.isNaN(d.getTime())) return takenAt;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** 512 KB, 3.4 MB: whole kilobytes below a megabyte, one decimal above. */
export function backupSize(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes < mb) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / mb).toFixed(1)} MB`;
}

/** 12 个单位、80 个党支部，台账至 2026 年 */
export function backupHolds(b: Pick<BackupInfo, 'units' | 'branches' | 'latestYear'>): string {
  const ledger = b.latestYear === null ? '尚无台账' : `台账至 ${b.latestYear} 年`;
  return `${b.units} 个单位、${b.branches} 个党支部，${ledger}`;
}
