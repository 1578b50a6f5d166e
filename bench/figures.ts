/** Printing and timing helpers shared by the benchmark scripts. */
import { fork } from 'node:child_process';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  [k: string]: unknown;
}

export function print(figure: Figure): void {
  const round = (n: number) => Math.round(n * 100) / 100;
  const out: Record<string, unknown> = { ...figure, value: round(figure.value) };
  if (figure.baseline !== undefined) out.baseline = round(figure.baseline);
  if (figure.ratio !== undefined) out.ratio = Math.round(figure.ratio * 1000) / 1000;
  console.log(JSON.stringify(out));
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export function ms(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/**
 * A floor run as a process of its own (the script's end answers messages), in turn with ours: its
 * heap apart from the core's, as a plain program's is. `ask` sends one message and resolves with the answer.
 */
export function floorProcess(script: string): { ask<T>(message: object): Promise<T>; close(): void } {
  const child = fork(script, [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return {
    ask: <T>(message: object) =>
      new Promise<T>((resolve) => {
        child.once('message', (m) => resolve(m as T));
        child.send(message);
      }),
    close: () => child.send({ exit: true }),
  };
}
