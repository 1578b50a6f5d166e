/**
 * The sandboxed preload: exposes exactly `window.bridge.invoke` and `.on`, and only
 * for names in the contract. No Node, no ipcRenderer, no arbitrary channels.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { isEventName } from '../../shared/contract/events.ts';
import { isMethodName } from '../../shared/contract/methods.ts';

contextBridge.exposeInMainWorld('bridge', {
  invoke(method: string, args: unknown) {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_METHOD', message: `未知的操作“${String(method).slice(0, 60)}”。` } });
    }
    return ipcRenderer.invoke('core:invoke', method, args);
  },
  on(event: string, listener: (payload: unknown) => void) {
    if (!isEventName(event)) return () => undefined;
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on('core:event', handler);
    return () => ipcRenderer.removeListener('core:event', handler);
  },
});
