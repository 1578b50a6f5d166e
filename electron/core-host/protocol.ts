/**
 * What the window's process and the core's process say to each other. Two transports carry
 * it unchanged: Electron's MessagePort (utilityProcess) and Node's IPC channel (the browser
 * harness), both as structured clones, so a call's arguments and answer arrive as they left.
 */
import type { AppErrorData, Envelope } from '../../shared/contract/errors.ts';
import type { EventName } from '../../shared/contract/events.ts';
import type { CoreConfig, ShellHost } from '../core/config.ts';

/** The core's configuration as it can cross a process boundary: no functions (the shell is served by the parent). */
export type ChildConfig = Omit<CoreConfig, 'shell' | 'now'>;

/** A dialog the core asks for: the window lives in the parent, so the child asks it over the same channel. */
export type ShellCall = { [K in keyof ShellHost]: { op: K; args: Parameters<ShellHost[K]> } }[keyof ShellHost];

export type ToCore =
  | { type: 'start'; config: ChildConfig }
  | { type: 'invoke'; id: number; method: string; args: unknown }
  | { type: 'shell-reply'; id: number; ok: true; value: string | boolean | null }
  | { type: 'shell-reply'; id: number; ok: false; message: string }
  /** A spreadsheet the app was started with (or a second start handed over): granted for reading, kept for the page. */
  | { type: 'given-file'; path: string }
  /** Finish the calls under way, close the database, end the process. */
  | { type: 'close' };

export type FromCore =
  | { type: 'ready' }
  | { type: 'start-failed'; error: AppErrorData }
  | { type: 'reply'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; name: EventName; payload: unknown }
  | { type: 'shell'; id: number; call: ShellCall };

/** How a child process ended: its exit code, or the signal that ended it. */
export interface CoreExit {
  code: number | null;
  signal?: string | null;
}

/** The parent's handle on one core process, whatever started it. */
export interface CoreProcess {
  readonly pid: number | undefined;
  send(message: ToCore): void;
  onMessage(listener: (message: FromCore) => void): void;
  /** Called once, when the process has ended. */
  onExit(listener: (exit: CoreExit) => void): void;
  kill(): void;
}

/** The child's side of the channel. */
export interface ParentLink {
  send(message: FromCore): void;
  onMessage(listener: (message: ToCore) => void): void;
  /** The parent went away (the channel closed): the core closes and the process ends. */
  onGone(listener: () => void): void;
  exit(code: number): void;
}
