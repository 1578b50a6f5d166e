/** The core in a Node child process (the browser harness, tests, benchmarks): child_process.fork with its IPC channel. */
import { fork } from 'node:child_process';
import type { CoreProcess, FromCore } from './protocol.ts';

export interface NodeCoreOptions {
  /** e.g. ['--import', 'tsx'] to run child.ts from source; none for the bundled core.cjs. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Starts `entry` (electron/core-host/child.ts or its bundle) as a process of its own each time it is called. */
export function nodeCore(entry: string, options: NodeCoreOptions = {}): () => CoreProcess {
  return () => {
    const child = fork(entry, [], {
      // Structured clones, as a MessagePort carries them in Electron: the two transports agree.
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      execArgv: options.execArgv ?? [],
      ...(options.env ? { env: options.env } : {}),
    });
    return {
      pid: child.pid,
      send(message) {
        // A send to a process that has ended fails; its exit is reported by onExit.
        if (child.connected) child.send(message, undefined, undefined, () => undefined);
      },
      onMessage: (listener) => child.on('message', (m) => listener(m as FromCore)),
      onExit: (listener) => child.once('exit', (code, signal) => listener({ code, signal })),
      kill: () => void child.kill('SIGKILL'),
    };
  };
}
