/**
 * Entry of the core's own process (bundled beside main.cjs as core.cjs). Started either by
 * Electron's utilityProcess, which hands it a MessagePort over `process.parentPort`, or by
 * Node's child_process.fork (the browser harness), which gives it an IPC channel.
 */
import os from 'node:os';
import type { FromCore, ParentLink, ToCore } from './protocol.ts';
import { serveCore } from './serve.ts';

/** The parts of Electron's MessagePortMain and ParentPort used here (this file never imports electron). */
interface PortMain {
  on(event: 'message', listener: (e: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
}
interface ParentPort {
  once(event: 'message', listener: (e: { data: unknown; ports: PortMain[] }) => void): unknown;
}

// The window's process comes first when the two want the same CPU (office PCs have two cores):
// the core's work may take a little longer, the window never waits on it. Threads started later
// (the reader's worker) inherit it. Where the system refuses, the core runs at normal priority.
try {
  os.setPriority(os.constants.priority.PRIORITY_BELOW_NORMAL);
} catch {
  // Not permitted here: nothing is lost but the preference.
}

// Ctrl+C in a terminal reaches the whole process group: the parent decides when the core ends
// (it closes SQLite first), so the interrupt is left to it.
process.on('SIGINT', () => undefined);

const parentPort = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;

if (parentPort) {
  // The first message carries the port every later message travels on.
  parentPort.once('message', ({ ports: [port] }) => {
    if (!port) {
      console.error('组工台账的数据处理进程没有收到通信端口，无法启动。');
      process.exit(2);
    }
    serveCore({
      send: (m: FromCore) => port.postMessage(m),
      onMessage: (listener) => port.on('message', (e) => listener(e.data as ToCore)),
      onGone: (listener) => port.on('close', listener),
      exit: (code) => process.exit(code),
    });
    port.start();
  });
} else if (process.send) {
  const send = process.send.bind(process);
  const link: ParentLink = {
    // A send after the parent went away fails; its exit is handled by onGone.
    send: (m) => void send(m, undefined, undefined, () => undefined),
    onMessage: (listener) => process.on('message', (m) => listener(m as ToCore)),
    onGone: (listener) => process.on('disconnect', listener),
    exit: (code) => process.exit(code),
  };
  serveCore(link);
} else {
  console.error('组工台账的数据处理进程须由主程序启动，不能单独运行。');
  process.exitCode = 2;
}
