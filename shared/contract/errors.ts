/**
 * Errors cross every transport as plain data. `message` is Chinese and fit to show
 * a user as it is; `details` says where (sheet, cell, field, path) when there is a where.
 */
export type ErrorCode =
  | 'INVALID_ARGS'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** A name that means more than one thing (a division named twice): the details list the candidates. */
  | 'AMBIGUOUS'
  /** Another window or the command line held the database longer than the busy timeout; nothing was written. */
  | 'BUSY'
  | 'DB_NOT_DATABASE'
  | 'DB_TOO_NEW'
  | 'DB_OPEN_FAILED'
  | 'DB_NOT_EMPTY'
  | 'SEED_DATA_MISSING'
  | 'BAD_FILE'
  | 'UNAUTHORIZED'
  | 'INTERNAL'
  /** The database failed its integrity check at open: it is only read, never written; details name the latest good backup. */
  | 'DB_DAMAGED';

export interface AppErrorData {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    if (details !== undefined) this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.message, data.details);
  }
}

/** What every transport carries back for one call. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppErrorData };

export function isAppErrorData(value: unknown): value is AppErrorData {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as AppErrorData).code === 'string' &&
    typeof (value as AppErrorData).message === 'string'
  );
}
