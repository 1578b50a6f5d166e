/** The sandboxed preload, loaded against the stand-in: what it exposes, and that only contract names pass it. */
import { beforeAll, describe, expect, it } from 'vitest';
import { eventNames } from '../../shared/contract/events.ts';
import { contextBridge, ipcRenderer, resetStandIn } from './electron-stand-in.ts';

interface Bridge {
  invoke(method: string, args: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

let bridge: Bridge;

beforeAll(async () => {
  resetStandIn();
  await import('../../electron/preload/preload.ts');
  bridge = contextBridge.exposed.get('bridge') as Bridge;
});

describe('the preload', () => {
  it('exposes exactly window.bridge with invoke and on, and nothing else', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['bridge']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(typeof bridge.invoke).toBe('function');
    expect(typeof bridge.on).toBe('function');
  });

  it('passes a contract method to main on the one channel, and refuses any other name without sending it', async () => {
    ipcRenderer.invoked.length = 0;
    await expect(bridge.invoke('ledger.list', { year: 2026 })).resolves.toEqual({ ok: true, value: 'reply to core:invoke' });
    expect(ipcRenderer.invoked).toEqual([{ channel: 'core:invoke', args: ['ledger.list', { year: 2026 }] }]);
    for (const name of ['fs.readFile', 'core:invoke', '__proto__', 'constructor', 'ledger.list ', '', 42, null]) {
      const r = (await bridge.invoke(name as string, {})) as { ok: boolean; error: { code: string; message: string } };
      expect(r.ok, String(name)).toBe(false);
      expect(r.error.code).toBe('UNKNOWN_METHOD');
      expect(r.error.message).toMatch(/^未知的操作/);
    }
    expect(ipcRenderer.invoked).toHaveLength(1);
  });

  it('hands a listener only the contract event it asked for, and stops when told', () => {
    const got: unknown[] = [];
    const off = bridge.on('shell.openFile', (p) => got.push(p));
    ipcRenderer.deliver('core:event', 'progress', { task: 'import', done: 1, total: 2 });
    ipcRenderer.deliver('core:event', 'shell.openFile', { path: '/data/宁城县.xlsx' });
    expect(got).toEqual([{ path: '/data/宁城县.xlsx' }]);
    off();
    ipcRenderer.deliver('core:event', 'shell.openFile', { path: '/data/again.xlsx' });
    expect(got).toHaveLength(1);
    expect(ipcRenderer.listeners.get('core:event')?.size ?? 0).toBe(0);
  });

  it('subscribes to nothing for a name outside the contract', () => {
    for (const name of ['core:event', 'ipc', '__proto__', 'data.changed2']) {
      const off = bridge.on(name, () => undefined);
      expect(typeof off).toBe('function');
      off();
    }
    expect(ipcRenderer.listeners.get('core:event')?.size ?? 0).toBe(0);
    // Every contract event can be listened to.
    for (const name of eventNames) bridge.on(name, () => undefined)();
  });
});
