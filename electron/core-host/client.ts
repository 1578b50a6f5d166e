/**
 * The parent's side: a CoreClient stands where the in-process Core stood for Electron main and
 * the HTTP harness (invoke and on), while the core runs in a process of its own. Calls are
 * concurrent, matched by id. The core's dialogs are served here, where the window is. If the
 * process dies, every call waiting on it is answered with a Chinese error at once (never a
 * hang), later calls too, until `start` runs a new process; listeners stay across restarts.
 */
import { AppError, type Envelope } from '../../shared/contract/errors.ts';
import type { EventName } from '../../shared/contract/events.ts';
import { methodTitles } from '../../shared/contract/labels.ts';
import { isMethodName } from '../../shared/contract/methods.ts';
import type { ShellHost } from '../core/config.ts';
import type { Core } from '../core/createCore.ts';
import { EventHub, type Listener } from '../core/events.ts';
import type { ChildConfig, CoreExit, CoreProcess, FromCore, ShellCall } from './protocol.ts';

/** What a transport (IPC relay, HTTP harness) needs of a core: the in-process Core and a CoreClient both are one. */
export type CoreLink = Pick<Core, 'invoke' | 'on'>;

/** How long a closing core may take to finish the calls under way and close SQLite before it is ended. */
const CLOSE_GRACE_MS = 30_000;

/** The call as a person knows it (导出报表), for messages that say which one did not finish. */
const titled = (method: string) => (isMethodName(method) ? `“${methodTitles[method]}”` : '这项操作');

/** An exit as a person can read it. */
export function describeExit(exit: CoreExit): string {
  return exit.signal ? `被系统信号 ${exit.signal} 结束` : `退出码 ${exit.code ?? '未知'}`;
}

const failed = (message: string): Envelope<unknown> => ({ ok: false, error: { code: 'INTERNAL', message } });

export class CoreClient implements CoreLink {
  private child: CoreProcess | null = null;
  private readonly waiting = new Map<number, { method: string; answer(e: Envelope<unknown>): void }>();
  private readonly events = new EventHub();
  private readonly exitListeners = new Set<(exit: CoreExit) => void>();
  private nextId = 1;
  /** Why calls are refused while no process runs. */
  private stopped = '数据处理尚未启动';
  private closing: Promise<void> | null = null;

  constructor(
    private readonly spawn: () => CoreProcess,
    private readonly config: ChildConfig,
    private readonly shell: ShellHost,
  ) {}

  /** The running core process's id (tests end it to see what the window is told). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Runs a core process and waits until its database is open. A refusal to open (a damaged or
   * too new database) rejects with the core's own Chinese message. Also restarts after a crash.
   */
  start(): Promise<void> {
    if (this.child) return Promise.reject(new AppError('CONFLICT', '数据处理进程已在运行。'));
    this.closing = null;
    const child = this.spawn();
    this.child = child;
    return new Promise<void>((resolve, reject) => {
      let ready = false;
      child.onMessage((message) => {
        if (message.type === 'ready') {
          ready = true;
          resolve();
        } else if (message.type === 'start-failed') {
          reject(AppError.fromData(message.error));
          void this.close();
        } else this.receive(child, message);
      });
      child.onExit((exit) => {
        const expected = this.closing !== null;
        if (this.child === child) this.child = null;
        const why = expected ? '程序正在退出' : `数据处理进程意外退出（${describeExit(exit)}）`;
        this.stopped = expected ? '程序正在退出' : `${why}，请重新启动`;
        // A database write under way is one transaction: it is there whole or not at all.
        for (const [id, { method, answer }] of this.waiting) {
          this.waiting.delete(id);
          answer(failed(`${why}：${titled(method)}没有完成，未完成的修改不会留下一半。${expected ? '' : '请重新启动后再试。'}`));
        }
        if (!ready) reject(new AppError('DB_OPEN_FAILED', `${why}，数据库没有打开。`));
        else if (!expected) for (const listener of this.exitListeners) listener(exit);
      });
      child.send({ type: 'start', config: this.config });
    });
  }

  invoke(method: string, args: unknown): Promise<Envelope<unknown>> {
    const child = this.child;
    if (!child || this.closing) return Promise.resolve(failed(`${this.closing ? '程序正在退出' : this.stopped}：${titled(method)}没有执行。`));
    const id = this.nextId++;
    return new Promise((answer) => {
      this.waiting.set(id, { method, answer });
      try {
        child.send({ type: 'invoke', id, method, args });
      } catch (e) {
        this.waiting.delete(id);
        // What the page sent cannot be copied to the core (a function, a symbol): said, not thrown.
        answer(failed(`${titled(method)}的参数无法传给数据处理进程：${(e as Error).message}`));
      }
    });
  }

  /** A spreadsheet the app was started with: the core grants it for reading and keeps it until the page takes it. */
  openGivenFile(file: string): void {
    this.child?.send({ type: 'given-file', path: file });
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    return this.events.on(event, listener);
  }

  /** The process died without being asked to close (not called for a clean close). */
  onExit(listener: (exit: CoreExit) => void): () => void {
    this.exitListeners.add(listener);
    return () => this.exitListeners.delete(listener);
  }

  /** Lets the calls under way finish, has the core close SQLite, and resolves once its process has ended. */
  close(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => {
      const timer = setTimeout(() => child.kill(), CLOSE_GRACE_MS);
      child.onExit(() => {
        clearTimeout(timer);
        resolve();
      });
      child.send({ type: 'close' });
    });
    return this.closing;
  }

  private receive(child: CoreProcess, message: FromCore): void {
    switch (message.type) {
      case 'reply': {
        const wait = this.waiting.get(message.id);
        this.waiting.delete(message.id);
        wait?.answer(message.envelope);
        return;
      }
      case 'event':
        this.events.emit(message.name, message.payload as never);
        return;
      case 'shell':
        void this.dialog(message.call).then(
          (value) => child.send({ type: 'shell-reply', id: message.id, ok: true, value }),
          (e: unknown) => child.send({ type: 'shell-reply', id: message.id, ok: false, message: e instanceof Error ? e.message : String(e) }),
        );
        return;
    }
  }

  private dialog(call: ShellCall): Promise<string | boolean | null> {
    switch (call.op) {
      case 'chooseSaveFile':
        return this.shell.chooseSaveFile(...call.args);
      case 'chooseFolder':
        return this.shell.chooseFolder(...call.args);
      case 'chooseOpenFile':
        return this.shell.chooseOpenFile();
      case 'openPath':
        return this.shell.openPath(...call.args);
    }
  }
}
