/**
 * The core in Electron's utilityProcess: a Node process of its own, so the main process (which
 * serves the window) never blocks on SQLite or Excel work. Calls travel on a MessagePort pair:
 * one end stays here, the other is handed to the child in its first message.
 */
import { MessageChannelMain, utilityProcess } from 'electron';
import type { CoreProcess, FromCore } from '../core-host/protocol.ts';

/** Starts the bundled core (core.cjs beside main.cjs) each time it is called. */
export function utilityCore(modulePath: string): () => CoreProcess {
  return () => {
    const child = utilityProcess.fork(modulePath, [], { serviceName: '组工台账数据处理', stdio: 'inherit' });
    const { port1, port2 } = new MessageChannelMain();
    child.postMessage({ type: 'connect' }, [port2]);
    port1.start();
    let ended = false;
    return {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!ended) port1.postMessage(message);
      },
      onMessage: (listener) => port1.on('message', (e) => listener(e.data as FromCore)),
      onExit: (listener) =>
        child.once('exit', (code) => {
          ended = true;
          port1.close();
          listener({ code });
        }),
      kill: () => void child.kill(),
    };
  };
}
