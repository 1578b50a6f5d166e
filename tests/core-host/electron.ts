/**
 * A stand-in for the parts of `electron` the core's process uses (utilityProcess, MessageChannelMain),
 * for tests/core/core-process.test.ts. Its fork starts a real Node process on the same module
 * Electron would, with `parentPort.cjs` preloaded to give it the `process.parentPort` Electron gives;
 * a port handed to the child in postMessage carries its messages over the child's IPC channel.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

class PortStandIn extends EventEmitter {
  peer: PortStandIn | null = null;
  /** Set when this end was handed to a child: what its peer posts goes there. */
  child: ChildProcess | null = null;
  private started = false;
  private queue: unknown[] = [];
  private closed = false;

  postMessage(data: unknown): void {
    if (this.closed || !this.peer) return;
    if (this.peer.child) this.peer.child.send({ kind: 'port', data });
    else this.peer.deliver(data);
  }

  deliver(data: unknown): void {
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }

  /** As in Electron, messages wait until the port is started. */
  start(): void {
    this.started = true;
    for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

export class MessageChannelMain {
  readonly port1 = new PortStandIn();
  readonly port2 = new PortStandIn();
  constructor() {
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

class UtilityProcessStandIn extends EventEmitter {
  private readonly child: ChildProcess;
  private transferred: PortStandIn | null = null;

  constructor(modulePath: string, args: string[]) {
    super();
    this.child = fork(modulePath, args, {
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: ['--require', path.join(import.meta.dirname, 'parentPort.cjs')],
      // better-sqlite3 stays outside the bundle, found in node_modules as the packaged app finds it.
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') },
    });
    this.child.on('spawn', () => this.emit('spawn'));
    this.child.on('message', (m: { kind: 'port' | 'parent'; data: unknown }) => {
      if (m.kind === 'port') this.transferred?.peer?.deliver(m.data);
      else this.emit('message', m.data);
    });
    this.child.on('exit', (code, signal) => {
      this.transferred?.peer?.close();
      // Electron reports the wait status's number; a signal as 128 + its number, as a shell does.
      this.emit('exit', code ?? 128 + (signal ? os.constants.signals[signal] : 0));
    });
  }

  get pid(): number | undefined {
    return this.child.exitCode === null && this.child.signalCode === null ? this.child.pid : undefined;
  }

  postMessage(message: unknown, transfer: PortStandIn[] = []): void {
    const [port] = transfer;
    if (port) {
      port.child = this.child;
      this.transferred = port;
    }
    this.child.send({ kind: 'parent', data: message, ports: transfer.length });
  }

  kill(): boolean {
    return this.child.kill();
  }
}

export const utilityProcess = {
  fork: (modulePath: string, args: string[] = []) => new UtilityProcessStandIn(modulePath, args),
};
