/** What every service gets from createCore: the connection, the clock, the audit log, the pushes. */
import type { Connection } from '../db/connection.ts';
import type { AuditLog } from '../repos/audit.ts';
import type { EventHub } from '../events.ts';
import type { LedgerListCache } from './ledger/list.ts';
import type { ShellHost } from '../config.ts';
import type { Grants } from '../shell.ts';
import type { SpreadsheetReader } from '../excel/reader/index.ts';
import type { ImportSessions } from './import/sessions.ts';
import type { BackupKeeper } from './backup/index.ts';

export interface ServiceContext {
  conn: Connection;
  audit: AuditLog;
  events: EventHub;
  /** Who is working: the staff member's name from 设置, else the computer's account. */
  readonly actor: string;
  /** The computer's account (shown while no name is set). */
  account: string;
  now(): Date;
  /** The last ledger list, reused while nothing changed (see services/ledger/list.ts). */
  ledgerCache: LedgerListCache;
  shell: ShellHost;
  grants: Grants;
  appVersion: string;
  /** Reads returned files in a worker thread. */
  reader: SpreadsheetReader;
  /** Files read and compared, waiting for a person's decisions (nothing written yet). */
  imports: ImportSessions;
  /** The database's backups and its health as found at open. */
  backups: BackupKeeper;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A moment as the user's clock shows it (China, UTC+8 on these PCs), not UTC: 2026-03-15 10:00. */
export function localTime(at: Date | string): string {
  const d = typeof at === 'string' ? new Date(at) : at;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function today(ctx: ServiceContext): string {
  // The user's calendar day: local date, not UTC.
  return localTime(ctx.now()).slice(0, 10);
}
