/**
 * Who is working: an optional local password. While one is set, the app opens locked
 * and locks again after a time without keys or mouse; the name that unlocks it is the
 * 操作人 of every history entry. It guards the window on a shared office PC; it does not
 * encrypt the database file.
 */

/** How the lock screen and 设置 see it. */
export interface AuthStatus {
  /** True once at least one account has a password: the app starts locked. */
  enabled: boolean;
  /** The staff accounts' names (the lock screen's choice), in the order they were added. */
  accounts: string[];
  /** Whose session this is, null while locked (or while no password is set). */
  unlocked: string | null;
  /** Minutes without keys or mouse before the window locks; 0: never. */
  idleMinutes: number;
}

export const passwordRules = { min: 6, max: 64 } as const;
export const passwordRuleText = `密码至少 ${passwordRules.min} 位，最多 ${passwordRules.max} 位`;

export const defaultIdleMinutes = 10;
export const maxIdleMinutes = 480;

/** Wrong passwords in a row before the next try must wait, and how long it waits. */
export const allowedFailures = 5;
export const failureWaitSeconds = 30;
