/**
 * Who is working: the staff accounts of this PC, and whose session the window is.
 * While a password is set and nobody has unlocked, createCore refuses every method but
 * the few the lock screen needs (see `refusal`), so neither the window nor the harness
 * can go round the lock screen. The name that unlocked is the 操作人 of what follows.
 */
import type SQLite from 'better-sqlite3';
import { allowedFailures, failureWaitSeconds, type AuthStatus } from '../../../../shared/contract/auth.ts';
import { AppError } from '../../../../shared/contract/errors.ts';
import type { MethodName, ParsedArgs } from '../../../../shared/contract/methods.ts';
import { idleMinutes, passwordSet, saveIdleMinutes, saveStaffAccounts, staffAccounts, type StaffAccount } from '../../repos/auth.ts';
import type { ServiceContext } from '../context.ts';
import { hashPassword, passwordMatches } from './password.ts';

/** What a locked window may still ask: who can unlock it, to unlock, to lock, and what the app and its file are. */
const openWhileLocked = new Set<MethodName>(['app.info', 'app.health', 'auth.status', 'auth.unlock', 'auth.lock']);

/** The session of one core: whose it is, and the wrong passwords in a row (in memory: a restart forgets, as it locks). */
export class AuthSession {
  unlocked: string | null = null;
  private failures = 0;
  private lastFailureAt = 0;
  private readonly now: () => Date;

  constructor(now: () => Date) {
    this.now = now;
  }

  /** Why `method` may not run now, or null. Costs nothing once unlocked. */
  refusal(sqlite: SQLite.Database, method: MethodName): AppError | null {
    if (this.unlocked !== null || openWhileLocked.has(method) || !passwordSet(sqlite)) return null;
    return new AppError('LOCKED', '程序已锁定：请先选择姓名并输入密码解锁。');
  }

  /**
   * After the database is replaced (a restore), its accounts are the restored file's: whoever
   * unlocked stays so only while that file still has them; else the app locks.
   */
  recheck(sqlite: SQLite.Database): void {
    if (this.unlocked !== null && passwordSet(sqlite) && !staffAccounts(sqlite).some((a) => a.name === this.unlocked)) this.unlocked = null;
  }

  /** The account, if `password` is its own; else refused in Chinese, and after too many wrong ones in a row, made to wait. */
  async check(accounts: StaffAccount[], name: string, password: string): Promise<StaffAccount> {
    const waitLeft = Math.ceil(failureWaitSeconds - (this.now().getTime() - this.lastFailureAt) / 1000);
    if (this.failures >= allowedFailures && waitLeft > 0) {
      throw new AppError('UNAUTHORIZED', `密码已连续输错 ${this.failures} 次，请 ${waitLeft} 秒后再试。`, { waitSeconds: waitLeft });
    }
    const account = accounts.find((a) => a.name === name);
    if (!account) throw new AppError('NOT_FOUND', `本机没有名为“${name}”的账户。`);
    if (await passwordMatches(password, account.hash)) {
      this.failures = 0;
      return account;
    }
    this.failures += 1;
    this.lastFailureAt = this.now().getTime();
    const tail =
      this.failures >= allowedFailures
        ? `已连续输错 ${this.failures} 次，请 ${failureWaitSeconds} 秒后再试。`
        : this.failures > 1
          ? `已连续输错 ${this.failures} 次，连续输错 ${allowedFailures} 次后需等待 ${failureWaitSeconds} 秒。`
          : '请重新输入。';
    throw new AppError('UNAUTHORIZED', `“${name}”的密码不正确，${tail}`, { failures: this.failures });
  }
}

export interface AuthContext extends ServiceContext {
  auth: AuthSession;
}

export function authStatus(ctx: AuthContext): AuthStatus {
  const accounts = staffAccounts(ctx.conn.sqlite);
  const enabled = accounts.length > 0;
  return {
    enabled,
    accounts: accounts.map((a) => a.name),
    unlocked: enabled ? ctx.auth.unlocked : null,
    idleMinutes: idleMinutes(ctx.conn.sqlite),
  };
}

function mustBeOn(ctx: AuthContext): StaffAccount[] {
  const accounts = staffAccounts(ctx.conn.sqlite);
  if (accounts.length === 0) throw new AppError('NOT_FOUND', '尚未设置登录密码。');
  return accounts;
}

/** The person doing it, who confirms with their own password. */
function whoIsWorking(ctx: AuthContext): string {
  if (ctx.auth.unlocked === null) throw new AppError('LOCKED', '请先解锁，再修改登录密码的设置。');
  return ctx.auth.unlocked;
}

/** A staff account; the first one turns the password on, and this session becomes theirs. */
export async function addAccount(ctx: AuthContext, args: ParsedArgs<'auth.addAccount'>): Promise<AuthStatus> {
  // Hashed before the transaction: scrypt takes its time off the thread, the write is then one synchronous step.
  const hash = await hashPassword(args.password);
  const at = ctx.now().toISOString();
  const first = ctx.conn.writeTransaction(() => {
    const accounts = staffAccounts(ctx.conn.sqlite);
    if (accounts.some((a) => a.name === args.name)) throw new AppError('CONFLICT', `已有名为“${args.name}”的账户，请换一个名字，或为其修改密码。`);
    saveStaffAccounts(ctx.conn.sqlite, [...accounts, { name: args.name, hash, createdAt: at, changedAt: at }]);
    return accounts.length === 0;
  })();
  if (first) ctx.auth.unlocked = args.name;
  return authStatus(ctx);
}

export async function unlock(ctx: AuthContext, args: ParsedArgs<'auth.unlock'>): Promise<AuthStatus> {
  const account = await ctx.auth.check(mustBeOn(ctx), args.name, args.password);
  ctx.auth.unlocked = account.name;
  return authStatus(ctx);
}

export function lock(ctx: AuthContext): AuthStatus {
  ctx.auth.unlocked = null;
  return authStatus(ctx);
}

export async function changePassword(ctx: AuthContext, args: ParsedArgs<'auth.changePassword'>): Promise<AuthStatus> {
  await ctx.auth.check(mustBeOn(ctx), args.name, args.oldPassword);
  const hash = await hashPassword(args.newPassword);
  ctx.conn.writeTransaction(() => {
    const accounts = staffAccounts(ctx.conn.sqlite);
    saveStaffAccounts(ctx.conn.sqlite, accounts.map((a) => (a.name === args.name ? { ...a, hash, changedAt: ctx.now().toISOString() } : a)));
  })();
  return authStatus(ctx);
}

/** Removes an account, confirmed by the password of the person unlocked; removing the last one turns the password off. */
export async function removeAccount(ctx: AuthContext, args: ParsedArgs<'auth.removeAccount'>): Promise<AuthStatus> {
  const accounts = mustBeOn(ctx);
  const me = whoIsWorking(ctx);
  if (!accounts.some((a) => a.name === args.name)) throw new AppError('NOT_FOUND', `本机没有名为“${args.name}”的账户。`);
  if (args.name === me && accounts.length > 1) {
    throw new AppError('CONFLICT', `“${me}”正在使用，不能删除自己的账户：请用其他账户解锁后再删除，或关闭登录密码。`);
  }
  await ctx.auth.check(accounts, me, args.password);
  ctx.conn.writeTransaction(() => {
    saveStaffAccounts(ctx.conn.sqlite, staffAccounts(ctx.conn.sqlite).filter((a) => a.name !== args.name));
  })();
  if (args.name === me) ctx.auth.unlocked = null;
  return authStatus(ctx);
}

/** No password any more: every account removed, confirmed by the password of the person unlocked. */
export async function turnOff(ctx: AuthContext, args: ParsedArgs<'auth.turnOff'>): Promise<AuthStatus> {
  const accounts = mustBeOn(ctx);
  await ctx.auth.check(accounts, whoIsWorking(ctx), args.password);
  ctx.conn.writeTransaction(() => saveStaffAccounts(ctx.conn.sqlite, []))();
  ctx.auth.unlocked = null;
  return authStatus(ctx);
}

export function saveIdle(ctx: AuthContext, args: ParsedArgs<'auth.saveIdle'>): AuthStatus {
  ctx.conn.writeTransaction(() => saveIdleMinutes(ctx.conn.sqlite, args.minutes))();
  return authStatus(ctx);
}
