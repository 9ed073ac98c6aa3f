/** A tiny benchmark harness: warm up, then time repeated runs and report the median. */
export interface BenchResult {
  readonly name: string;
  readonly medianMs: number;
  readonly minMs: number;
  /** Median CPU time of this process per run (user + system): steadier than wall time on a shared machine. */
  readonly cpuMedianMs: number;
  readonly runs: number;
  readonly targetMs?: number;
}

export interface BenchCase {
  readonly name: string;
  /** Speed target in milliseconds (reported, not asserted). */
  readonly targetMs?: number;
  /** Prepares inputs outside the timed region. */
  setup?(): unknown;
  run(input: unknown): unknown;
  /** For a case that returns a promise (psychkit/worker): awaited, and timed to its settling. */
  readonly async?: boolean;
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
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    sink = c.run(input);
    times.push(performance.now() - t0);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1000);
  }
  if (sink === Symbol.for('never')) console.log(sink); // keep the result observable
  return summarise(c, times, cpu);
}

/** {@link runCase} for a case whose run returns a promise (wall time to settling; the CPU column is this thread's). */
export async function runCaseAsync(c: BenchCase): Promise<BenchResult> {
  const input = c.setup?.();
  const warmup = c.warmup ?? 2;
  const runs = c.runs ?? 7;
  for (let i = 0; i < warmup; i++) await c.run(input);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await c.run(input);
    times.push(performance.now() - t0);
    const dc = process.cpuUsage(c0);
    cpu.push((dc.user + dc.system) / 1000);
  }
  return summarise(c, times, cpu);
}

/** Median and minimum wall time and median CPU time of a case's timed runs. */
function summarise(c: BenchCase, times: number[], cpu: number[]): BenchResult {
  cpu.sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  return {
    name: c.name,
    medianMs: times[Math.floor(times.length / 2)] as number,
    minMs: times[0] as number,
    cpuMedianMs: cpu[Math.floor(cpu.length / 2)] as number,
    runs: times.length,
    ...(c.targetMs === undefined ? {} : { targetMs: c.targetMs }),
  };
}
