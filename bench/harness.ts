/** A tiny benchmark harness: warm up, then time repeated runs and report the median. */
export interface BenchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  readonly runs: number;
  readonly targetMs?: number;
}

export interface BenchCase {
  readonly name: string;
  /** Target from the issue, in milliseconds (reported, not asserted). */
  readonly targetMs?: number;
  /** Prepares inputs outside the timed region. */
  setup?(): unknown;
  run(input: unknown): unknown;
  readonly runs?: number;
  readonly warmup?: number;
}

export function runCase(c: BenchCase): BenchResult {
  const input = c.setup?.();
  const warmup = c.warmup ?? 2;
  const runs = c.runs ?? 7;
  let sink: unknown;
  for (let i = 0; i < warmup; i++) sink = c.run(input);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    sink = c.run(input);
    times.push(performance.now() - t0);
  }
  if (sink === Symbol.for('never')) console.log(sink); // keep the result observable
  times.sort((a, b) => a - b);
  return {
    name: c.name,
    medianMs: times[Math.floor(times.length / 2)] as number,
    minMs: times[0] as number,
    runs,
    ...(c.targetMs === undefined ? {} : { targetMs: c.targetMs }),
  };
}
