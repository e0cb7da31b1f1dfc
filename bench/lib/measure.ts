import { spawnSync } from 'node:child_process';

/** Summary of a set of timings, in milliseconds. */
export interface Stats {
  readonly runs: number;
  readonly median: number;
  readonly p95: number;
  readonly min: number;
  readonly max: number;
}

export interface MeasureOptions {
  /** Timed samples (default 200). */
  readonly runs?: number;
  /** Untimed calls first, so the JIT and lazy caches settle (default 20). */
  readonly warmup?: number;
  /**
   * Calls per sample; each sample is the batch's time divided by its size. Default: calibrated after
   * the warm-up so a sample lasts about 0.2 ms, because a single sub-microsecond call is below the
   * timer's resolution and overhead.
   */
  readonly batch?: number;
}

/** The median of the values (the mean of the middle two for an even count); NaN when empty. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile (`fraction` in 0..1) of the values; NaN when empty. */
function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))]!;
}

/** Median, p95, min and max of timings. */
export function summarize(values: readonly number[]): Stats {
  return {
    runs: values.length,
    median: median(values),
    p95: percentile(values, 0.95),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** Times a synchronous function: warm-up, calibration, then `runs` samples. */
export function measure(fn: () => unknown, options: MeasureOptions = {}): Stats {
  const { runs = 200, warmup = 20 } = options;
  for (let i = 0; i < warmup; i++) fn();
  const batch =
    options.batch ??
    calibrate(() => {
      fn();
    });
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    samples.push((performance.now() - t0) / batch);
  }
  return summarize(samples);
}

/** Times an asynchronous function, awaiting each call before the next. */
export async function measureAsync(fn: () => Promise<unknown>, options: MeasureOptions = {}): Promise<Stats> {
  const { runs = 200, warmup = 20 } = options;
  let warmupMs = 0;
  for (let i = 0; i < warmup; i++) {
    const t0 = performance.now();
    await fn();
    warmupMs += performance.now() - t0;
  }
  const perCall = warmupMs / Math.max(1, warmup);
  const batch =
    options.batch ?? (perCall >= SAMPLE_MS ? 1 : Math.min(100_000, Math.ceil(SAMPLE_MS / Math.max(perCall, 1e-6))));
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) await fn();
    samples.push((performance.now() - t0) / batch);
  }
  return summarize(samples);
}

/** Target duration of one sample. */
const SAMPLE_MS = 0.2;

/** How many calls make a sample of about SAMPLE_MS: doubles the batch until a batch takes that long. */
function calibrate(fn: () => void): number {
  for (let batch = 1; batch < 1_000_000; batch *= 2) {
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn();
    if (performance.now() - t0 >= SAMPLE_MS) return batch;
  }
  return 1_000_000;
}

export interface FreshProcessOptions {
  /** How many fresh processes (default 7). */
  readonly runs?: number;
  /** Flags for node itself, e.g. `--expose-gc`. */
  readonly nodeArgs?: readonly string[];
}

/**
 * Cold measurements: runs `node [nodeArgs] script ...args` once per run, each in a fresh process, and
 * returns what each child reported with `reportToParent` (the last line of its stdout, as JSON).
 * A bench script usually passes its own path (`process.argv[1]`) and a mode argument.
 */
export function inFreshProcesses<T>(script: string, args: readonly string[], options: FreshProcessOptions = {}): T[] {
  const { runs = 7, nodeArgs = [] } = options;
  const results: T[] = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(process.execPath, [...nodeArgs, script, ...args], { encoding: 'utf8' });
    if (child.status !== 0)
      throw new Error(`fresh process ${i + 1} (${args.join(' ')}) failed with exit ${child.status}: ${child.stderr}`);
    const last = child.stdout.trim().split('\n').pop() ?? '';
    results.push(JSON.parse(last) as T);
  }
  return results;
}

/** A child started by inFreshProcesses reports its measurement with this. */
export function reportToParent(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}
