// The replication write rate sees exactly the daily churn the backup's ItemContent sees.
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../../engine/random.js';
import { MS } from '../../../engine/units.js';
import { ItemContent } from '../../../models/workload/item-content.js';
import { type DiskChurn, dayWriteRates } from '../../../models/workload/write-rate.js';

const DAY = MS.day;
const streamName = (disk: string) => `vm/web-001/disk/${disk}/churn`;

const disks: DiskChurn[] = [
  // Normal draws below 0 are clamped to 0, as ItemContent clamps them.
  // Growth stops at the size: 100 GB × 1.3^(t / 365 d) reaches 105 GB after ~68 days.
  { name: 'os', used: 100e9, growth: 0.3, size: 105e9, churn: { kind: 'normal', mean: 0.03, sd: 0.03 } },
  // Draws of 1 or more are clamped to 0.999999.
  { name: 'data', used: 512e9, growth: 0, size: 1e12, churn: { kind: 'uniform', min: 0.5, max: 1.5 } },
  {
    name: 'logs',
    used: 20e9,
    growth: 1,
    size: Number.POSITIVE_INFINITY,
    churn: { kind: 'lognormal', mu: -3, sigma: 0.5 },
  },
];

/** The backup's content model over the same seed and stream names. */
const backupContent = (seed: number) => {
  const streams = createStreams(seed);
  return new ItemContent(disks.map((d) => ({ ...d, stream: streams.get(streamName(d.name)) })));
};

/** The write rates over a second set of streams from the same seed, as the caller builds them. */
const writeRates = (seed: number) => {
  const streams = createStreams(seed);
  return dayWriteRates(disks, (name) => streams.get(streamName(name)));
};

describe('dayWriteRates', () => {
  it("gives each day's used bytes × the churn ItemContent applies that day, per second", () => {
    const content = backupContent(42);
    const rates = writeRates(42);
    // 100 days: the os disk is full from day 68 on, and both models hold it at its size.
    for (let k = 0; k < 100; k++) {
      const start = content.at(k * DAY);
      const end = content.at((k + 1) * DAY);
      // Used bytes only grow here, so a day's log survival step is ln(1 − churn) exactly.
      let expected = 0;
      disks.forEach((_, d) => {
        const churn = -Math.expm1(end.logSurvival[d] - start.logSurvival[d]);
        expected += (start.used[d] * churn) / 86_400;
      });
      expect(Math.abs(rates(k) - expected)).toBeLessThanOrEqual(1e-9 * expected);
    }
  });

  it('clamps the churn fraction to [0, 0.999999] like ItemContent', () => {
    // One disk of 86,400 MB: the rate in MB/s is the day's churn fraction.
    const rate = (value: number) =>
      dayWriteRates(
        [{ name: 'os', used: 86_400e6, growth: 0, size: 1e12, churn: { kind: 'constant', value } }],
        createStreams(1).get,
      )(0);
    expect(rate(0.25)).toBe(0.25e6);
    expect(rate(-0.5)).toBe(0);
    expect(rate(2)).toBeCloseTo(0.999999e6, 3);
  });

  it('draws skipped days in order and refuses going back', () => {
    const all = writeRates(5);
    const skip = writeRates(5);
    const seen = [0, 1, 2, 3, 4, 5].map((k) => all(k));
    expect(skip(5)).toBe(seen[5]);
    expect(skip(5)).toBe(seen[5]);
    expect(() => skip(4)).toThrow(/increasing/);
    expect(() => skip(-1)).toThrow(RangeError);
  });
});
