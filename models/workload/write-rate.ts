// A VM's base write rate for Site Recovery, day by day: the same daily churn the backup model
// sees (workload/item-content.ts), turned into bytes per second. Site Recovery and the backup
// then see one workload (common random numbers) although each reads its own copy of the streams.

import { type Distribution, makeSampler } from '../../engine/distributions.js';
import type { RandomStream } from '../../engine/random.js';
import { MS } from '../../engine/units.js';
import { usedAt } from './growth.js';

/** What the write rate needs to know about one disk (a scenario Disk fits). */
export interface DiskChurn {
  name: string;
  /** Used bytes at time 0. */
  used: number;
  /** Yearly growth of used bytes (0.2 = 20% a year, compounded). */
  growth: number;
  /** Provisioned size: used bytes stop growing there (workload/growth.ts). */
  size: number;
  /** Distribution of the fraction of used data changed per day. */
  churn: Distribution;
}

const SECONDS_PER_DAY = MS.day / 1000;

/**
 * The base write rate of day k, bytes/s: Σ over disks of used(start of day k) × churn(k) / 86,400,
 * where churn(k) is exactly the k-th draw ItemContent makes for that disk: drawn day by day,
 * disk by disk, from `stream(diskName)` (the backup's stream is `vm/<id>/disk/<name>/churn`;
 * pass a second createStreams(seed) so the backup's own draws are not consumed), clamped as it
 * clamps (≤ 0 → 0, ≥ 1 → 0.999999). Used bytes grow as ItemContent's do. Ask in increasing k
 * (days skipped are drawn and discarded); asking the last day again returns the same rate.
 */
export function dayWriteRates(
  disks: readonly DiskChurn[],
  stream: (name: string) => RandomStream,
  onDisk?: (disk: number, rate: number) => void,
): (k: number) => number {
  const samplers = disks.map((d) => makeSampler(d.churn));
  const streams = disks.map((d) => stream(d.name));
  const fractions = new Float64Array(disks.length);
  let drawn = 0;
  let lastRate = 0;
  return (k) => {
    if (!Number.isSafeInteger(k) || k < 0)
      throw new RangeError(`write rate: day must be an integer >= 0, got ${k}`);
    if (k < drawn - 1)
      throw new RangeError(`write rate: day ${k} asked after day ${drawn - 1}; ask in increasing order`);
    if (k === drawn - 1) return lastRate;
    // ItemContent.drawAhead: days in order, disks in order within a day.
    for (; drawn <= k; drawn++) {
      for (let d = 0; d < disks.length; d++) {
        const c = samplers[d](streams[d]);
        fractions[d] = c <= 0 ? 0 : c >= 1 ? 0.999999 : c;
      }
    }
    let rate = 0;
    disks.forEach((disk, d) => {
      const diskRate = (usedAt(disk, k * MS.day) * fractions[d]) / SECONDS_PER_DAY;
      onDisk?.(d, diskRate);
      rate += diskRate;
    });
    lastRate = rate;
    return rate;
  };
}
