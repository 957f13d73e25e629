// How many bytes a VM wrote between two instants: its daily write rate (the backup model's
// churn, workload/write-rate.ts) plus churn spikes. Data lost in an incident is what was
// written after the recovery point used and before the fault.

import { MS } from '../../engine/units.js';

/** A VM's daily write rates, drawn once in day order and shared by every reader. */
export class DayRates {
  private readonly rates: number[] = [];
  private highest = 0;

  constructor(private readonly draw: (k: number) => number) {}

  /** The base write rate of day k, bytes/s. */
  readonly rate = (k: number): number => {
    for (let d = this.rates.length; d <= k; d++) {
      const r = this.draw(d);
      this.rates.push(r);
      if (r > this.highest) this.highest = r;
    }
    return this.rates[k];
  };

  /** The highest daily rate drawn so far, bytes/s. */
  get peak(): number {
    return this.highest;
  }
}

/** Bytes written in [from, to) ms: the daily rates integrated, plus the spikes' overlap. */
export function bytesWritten(
  rates: DayRates,
  spikes: readonly { from: number; to: number; rate: number }[],
  from: number,
  to: number,
): number {
  if (!(to > from)) return 0;
  let total = 0;
  for (let k = Math.floor(from / MS.day); k * MS.day < to; k++) {
    const a = Math.max(from, k * MS.day);
    const b = Math.min(to, (k + 1) * MS.day);
    total += (rates.rate(k) * (b - a)) / 1000;
  }
  for (const s of spikes) {
    const a = Math.max(from, s.from);
    const b = Math.min(to, s.to);
    if (b > a) total += (s.rate * (b - a)) / 1000;
  }
  return total;
}
