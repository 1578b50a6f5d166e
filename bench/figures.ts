/** Printing and timing helpers shared by the benchmark scripts. */
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
