/**
 * The staff accounts of this PC and the idle time, kept in the database's settings.
 * A handful of accounts per office: one setting row holds them all, written in one
 * statement, so no table (and no migration) is needed for them. Only the salted hash
 * of a password is stored (services/auth/password.ts).
 */
import type SQLite from 'better-sqlite3';
import { defaultIdleMinutes } from '../../../shared/contract/auth.ts';
import { build, first } from '../db/query.ts';
import { getSetting, setSetting } from './settings.ts';

export interface StaffAccount {
  /** The person's name, written as 操作人. */
  name: string;
  /** `scrypt$N=…,r=…,p=…$salt$hash` (base64): the parameters travel with the hash. */
  hash: string;
  createdAt: string;
  changedAt: string;
}

const accountsKey = 'auth.accounts';
const idleKey = 'auth.idleMinutes';

export function staffAccounts(sqlite: SQLite.Database): StaffAccount[] {
  return getSetting<StaffAccount[]>(sqlite, accountsKey, []);
}

export function saveStaffAccounts(sqlite: SQLite.Database, accounts: StaffAccount[]): void {
  setSetting(sqlite, accountsKey, accounts);
}

/**
 * Whether a password is set. Asked at every call of a locked-capable core, so it reads one
 * short row instead of parsing the accounts: a database restored or changed by another window
 * is seen at once.
 */
export function passwordSet(sqlite: SQLite.Database): boolean {
  const row = first(sqlite, build.selectFrom('setting').select((eb) => eb.fn('length', ['value']).as('n')).where('key', '=', accountsKey));
  // '[]' (two characters) is the list left when the last account was removed.
  return row !== undefined && Number(row.n) > 2;
}

export function idleMinutes(sqlite: SQLite.Database): number {
  return getSetting<number>(sqlite, idleKey, defaultIdleMinutes);
}

export function saveIdleMinutes(sqlite: SQLite.Database, minutes: number): void {
  setSetting(sqlite, idleKey, minutes);
}
