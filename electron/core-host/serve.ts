/**
 * The core's process: creates the core from the configuration its parent sends, answers
 * each call with the core's envelope (calls run concurrently, matched by id), forwards the
 * core's events, and asks the parent for dialogs. Closing finishes the calls under way
 * and closes SQLite before the process ends.
 */
import { AppError, type Envelope } from '../../shared/contract/errors.ts';
import { eventNames } from '../../shared/contract/events.ts';
import type { ShellHost } from '../core/config.ts';
import { createCore, toAppError, type Core } from '../core/createCore.ts';
import type { ParentLink, ShellCall, ToCore } from './protocol.ts';

export function serveCore(parent: ParentLink): void {
  let core: Promise<Core> | null = null;
  let closing: Promise<void> | null = null;
  const underWay = new Set<Promise<void>>();
  const dialogs = new Map<number, { resolve(value: string | boolean | null): void; reject(e: Error): void }>();
  let nextDialog = 1;

  const ask = <T extends string | boolean | null>(call: ShellCall): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = nextDialog++;
      dialogs.set(id, { resolve: resolve as (v: string | boolean | null) => void, reject });
      parent.send({ type: 'shell', id, call });
    });
  const shell: ShellHost = {
    chooseSaveFile: (suggestedName, startIn) => ask({ op: 'chooseSaveFile', args: [suggestedName, startIn] }),
    chooseFolder: (suggestedName, startIn) => ask({ op: 'chooseFolder', args: [suggestedName, startIn] }),
    chooseOpenFile: () => ask({ op: 'chooseOpenFile', args: [] }),
    openPath: (path) => ask({ op: 'openPath', args: [path] }),
  };

  /** An answer that cannot be cloned (nothing the contract returns, but a bug must not leave the call waiting) is said as an error. */
  const reply = (id: number, envelope: Envelope<unknown>) => {
    try {
      parent.send({ type: 'reply', id, envelope });
    } catch (e) {
      parent.send({ type: 'reply', id, envelope: { ok: false, error: toAppError(e).toData() } });
    }
  };

  async function answer(id: number, method: string, args: unknown): Promise<void> {
    let envelope: Envelope<unknown>;
    try {
      envelope = await (await core!).invoke(method, args);
    } catch (e) {
      envelope = { ok: false, error: toAppError(e).toData() };
    }
    reply(id, envelope);
  }

  function start(config: Extract<ToCore, { type: 'start' }>['config']): void {
    core = createCore({ ...config, shell });
    core.then(
      (c) => {
        for (const name of eventNames) {
          c.on(name, (payload) => {
            try {
              parent.send({ type: 'event', name, payload });
            } catch {
              // An event is a hint to refresh; one that cannot cross is dropped, the call's answer still arrives.
            }
          });
        }
        parent.send({ type: 'ready' });
      },
      (e: unknown) => parent.send({ type: 'start-failed', error: toAppError(e).toData() }),
    );
  }

  function close(): Promise<void> {
    closing ??= (async () => {
      // A call waiting on a dialog would wait for a window that is closing: it ends first, said in Chinese.
      for (const wait of dialogs.values()) wait.reject(new AppError('CONFLICT', '程序正在退出，对话框已关闭，这项操作没有执行。'));
      dialogs.clear();
      await Promise.allSettled([...underWay]);
      try {
        await (await core)?.close();
      } catch {
        // It never opened (the parent was told why); there is nothing to close.
      }
      parent.exit(0);
    })();
    return closing;
  }

  parent.onMessage((message) => {
    switch (message.type) {
      case 'start':
        if (!core) start(message.config);
        return;
      case 'invoke': {
        if (closing || !core) {
          reply(message.id, { ok: false, error: { code: 'INTERNAL', message: closing ? '程序正在退出，这项操作没有执行。' : '数据处理尚未启动，这项操作没有执行。' } });
          return;
        }
        const call = answer(message.id, message.method, message.args);
        underWay.add(call);
        void call.finally(() => underWay.delete(call));
        return;
      }
      case 'shell-reply': {
        const wait = dialogs.get(message.id);
        dialogs.delete(message.id);
        if (message.ok) wait?.resolve(message.value);
        else wait?.reject(new Error(message.message));
        return;
      }
      case 'given-file':
        // Sent as soon as the parent has it: it waits here for the core that is still opening its database.
        void core?.then((c) => c.openGivenFile(message.path), () => undefined);
        return;
      case 'close':
        void close();
        return;
    }
  });
  // Without its window the core has no one to answer: close SQLite cleanly rather than linger.
  parent.onGone(() => void close());
}
