/**
 * What only the window can do: file dialogs and opening folders. Electron main gives
 * the real dialogs; the harness and tests give stand-ins. A path the core writes to
 * must have come from here (or from the command line): pages never name paths.
 */
export interface ShellHost {
  /** `startIn`: the folder the dialog opens in (the last one a person saved in), when there is one. */
  chooseSaveFile(suggestedName: string, startIn?: string): Promise<string | null>;
  chooseFolder(suggestedName: string, startIn?: string): Promise<string | null>;
  chooseOpenFile(): Promise<string | null>;
  openPath(path: string): Promise<boolean>;
}

/** What a host (Electron main, the HTTP harness, the CLI, a test) hands the core. */
export interface CoreConfig {
  /** The SQLite file; created when absent, unless `mustExist`. */
  dbPath: string;
  /** Refuse, creating nothing, when the file is not there: a mistyped path must not become an empty database. */
  mustExist?: boolean;
  /** Where backups go (daily, before imports, migrations and restores, manual); default: a `backups` folder beside the database. */
  backupsDir?: string;
  /** The clock, injected so tests and seeds are reproducible. */
  now?: () => Date;
  /** Who is working (written into the audit log). */
  actor?: string;
  appVersion?: string;
  /** 'electron' | 'http' | 'loopback' | 'cli': shown in 关于 and used in logs. */
  host?: string;
  shell?: ShellHost;
  /** The spreadsheet reader's worker script (the packaged app's bundled copy); default: the source beside the reader. */
  readerWorker?: string;
  /**
   * How long a write waits while another window or the command line is writing, in ms
   * (default 5000); tests lower it to see the refusal without waiting.
   */
  busyTimeoutMs?: number;
  /**
   * Whether the day's first start or write takes a daily backup into `backupsDir`
   * (default: in the window, hosts 'electron' and 'http'; the CLI and tests back up
   * before imports, migrations and restores, and when asked).
   */
  dailyBackup?: boolean;
  /**
   * Whether the integrity check at open (quick_check) runs beside the first reads, writes held
   * until it passes ('beside'), or before the core answers anything ('first'). Default: beside
   * in the window (hosts 'electron' and 'http'), where a person waits for the first screen;
   * first for the CLI and tests, which use the connection directly too. A file that needs a
   * migration is always checked first.
   */
  integrityCheck?: 'beside' | 'first';
  /** Limits on files read (tests lower them to try the refusals). */
  readLimits?: Partial<import('./excel/reader/index.ts').ReadLimits>;
}
