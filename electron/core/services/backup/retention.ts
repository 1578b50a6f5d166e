/**
 * Which backups retention deletes. Kept: every manual backup; the newest daily backup of
 * each of the last `daily` days that have one; the first backup (any reason) of each of
 * the last `monthly` months; backups before an import, a restore or a migration for
 * `beforeChangeDays` days; and the backup just taken. Everything else goes, oldest first.
 */
import type { BackupInfo, BackupRetention } from '../../../../shared/contract/backup.ts';
import { localTime } from '../context.ts';

const dayMs = 86_400_000;

/** The names to delete from `backups` (any order). */
export function prunable(backups: BackupInfo[], retention: BackupRetention, now: Date, justTaken: string | null): string[] {
  const keep = new Set<string>();
  if (justTaken) keep.add(justTaken);
  const newestFirst = [...backups].sort((a, b) => b.takenAt.localeCompare(a.takenAt));
  const days = new Set<string>();
  for (const b of newestFirst) {
    if (b.reason === 'manual') keep.add(b.name);
    if (b.reason === 'daily') {
      const day = localTime(b.takenAt).slice(0, 10);
      if (!days.has(day) && days.size < retention.daily) {
        days.add(day);
        keep.add(b.name);
      }
    }
    if ((b.reason === 'import' || b.reason === 'restore' || b.reason === 'migration') && now.getTime() - Date.parse(b.takenAt) <= retention.beforeChangeDays * dayMs) keep.add(b.name);
  }
  // The first of each month: walked oldest first, the newest `monthly` months.
  const firstOfMonth = new Map<string, string>();
  for (const b of [...newestFirst].reverse()) {
    const month = localTime(b.takenAt).slice(0, 7);
    if (!firstOfMonth.has(month)) firstOfMonth.set(month, b.name);
  }
  for (const name of [...firstOfMonth.values()].reverse().slice(0, retention.monthly)) keep.add(name);
  return backups.filter((b) => !keep.has(b.name)).map((b) => b.name);
}
