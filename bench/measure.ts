// Wall-clock and memory readings for the benches (bench/ may read the clock; the
// simulation folders may not).

/** One figure a bench reports. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

/** Seconds from a monotonic clock. */
export const clock = (): number => performance.now() / 1000;

/** Bytes in the JS heap now, after a GC when node runs with --expose-gc. */
export function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) gc();
  return process.memoryUsage().heapUsed;
}

/** Peak resident set size of this process so far, in bytes. */
export const peakRss = (): number => process.resourceUsage().maxRSS * 1024;

/** The median of a non-empty list (the mean of the middle two for an even length). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
}
