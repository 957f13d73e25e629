// Storage peaks: one definition for a vault and for a run (models/results/peaks.ts).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Series, type SeriesOptions } from '../../../engine/series.js';
import { peakOfSum } from '../../../models/results/peaks.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const MIN = 60_000;
const HOUR = 3_600_000;

/** A step series holding the given (time, value) pairs. */
function step(samples: readonly (readonly [number, number])[], options: Partial<SeriesOptions> = {}): Series {
  const s = new Series('x', { kind: 'step', ...options });
  for (const [t, v] of samples) s.record(t, v);
  return s;
}

describe('peakOfSum', () => {
  it('takes the highest sum at an instant when nothing is merged', () => {
    // a: 10 from t=0, 0 from t=5. b: 7 from t=3, 4 from t=5.
    // Sums: t=0 → 10 + 0, t=3 → 10 + 7 = 17, t=5 → 0 + 4. Peak 17.
    const a = step([
      [0, 10],
      [5, 0],
    ]);
    const b = step([
      [3, 7],
      [5, 4],
    ]);
    expect(peakOfSum([a, b])).toBe(17);
  });

  it('counts every total recorded at one instant, as a vault peak does', () => {
    // a adds a new point (10 → 16) before expiring the old one (16 → 9) at t=5; b holds 3.
    // At t=5 a counts at 16: 16 + 3 = 19.
    const a = step([
      [0, 10],
      [5, 16],
      [5, 9],
    ]);
    const b = step([[1, 3]]);
    expect(a.max()).toBe(16);
    expect(peakOfSum([a])).toBe(16);
    expect(peakOfSum([a, b])).toBe(19);
  });

  it('counts each vault at its highest total in each hour bucket', () => {
    // Hour buckets. a: 10 at 0:10, 0 at 0:40. b: 10 at 0:50, so in hour 0 both held 10:
    // 10 + 10 = 20 (the true sum never exceeded 10: within a bucket the order is not kept).
    const hourly = { resolution: HOUR };
    const a = step(
      [
        [10 * MIN, 10],
        [40 * MIN, 0],
      ],
      hourly,
    );
    expect(peakOfSum([a, step([[50 * MIN, 10]], hourly)])).toBe(20);
    // b rises at 1:10 instead: hour 1 has a carried at 0 and b at 10 → 10.
    expect(peakOfSum([a, step([[70 * MIN, 10]], hourly)])).toBe(10);
    // b drops at 1:30 from 6 (set at 0:00) while a still holds 10 carried into hour 1:
    // hour 0: a 10 + b 6 = 16; hour 1: a carried 0, b max(6, 1) = 6 → 16.
    const b = step(
      [
        [0, 6],
        [90 * MIN, 1],
      ],
      hourly,
    );
    expect(peakOfSum([a, b])).toBe(16);
  });

  it('counts the total a vault carried into a bucket in which it then dropped', () => {
    // a: 10 from 0:00, drops to 0 at 1:40. b: rises to 5 at 1:20. Hour 1: a held 10 until
    // 1:40, b 5 from 1:20: 15 (true, from 1:20 to 1:40).
    const hourly = { resolution: HOUR };
    const a = step(
      [
        [0, 10],
        [100 * MIN, 0],
      ],
      hourly,
    );
    const b = step([[80 * MIN, 5]], hourly);
    expect(peakOfSum([a, b])).toBe(15);
  });

  it('is 0 for no series, and the initial value of a series that recorded nothing', () => {
    expect(peakOfSum([])).toBe(0);
    expect(peakOfSum([step([])])).toBe(0);
  });

  // Per vault, samples at non-decreasing times with non-negative byte totals; every vault of
  // a run has the same series options (as every Ledger of a run does).
  const vaultSamples = fc
    .array(fc.tuple(fc.integer({ min: 0, max: 40 * HOUR }), fc.integer({ min: 0, max: 1e12 })), {
      maxLength: 60,
    })
    .map((xs) => [...xs].sort((p, q) => p[0] - q[0]));
  const options = fc.record({
    resolution: fc.option(fc.constantFrom(1, MIN, HOUR), { nil: undefined }),
    maxPoints: fc.option(fc.integer({ min: 8, max: 32 }), { nil: undefined }),
  });

  it('should always equal the peak of the only series, and bound a sum by its parts', () => {
    fc.assert(
      fc.property(fc.array(vaultSamples, { minLength: 1, maxLength: 4 }), options, (vaults, opts) => {
        const series = vaults.map((samples) => step(samples, opts));
        const peaks = series.map((s) => s.max());
        const run = peakOfSum(series);
        for (const [i, s] of series.entries()) expect(peakOfSum([s])).toBe(peaks[i]);
        for (const p of peaks) expect(run).toBeGreaterThanOrEqual(p);
        expect(run).toBeLessThanOrEqual(peaks.reduce((a, b) => a + b, 0));
        // Never below the true sum at any recorded instant (the curves are right-continuous).
        const at = (samples: (typeof vaults)[number], t: number) =>
          samples.reduce((v, [ts, x]) => (ts <= t ? x : v), 0);
        for (const [t] of vaults.flat())
          expect(run).toBeGreaterThanOrEqual(vaults.reduce((sum, samples) => sum + at(samples, t), 0));
      }),
    );
  });
});

/** A scenario with `vaults` vaults of one VM each; past 7 days a new point lands before the oldest expires. */
function scenarioText(vaults: number, days: number, churn: number, seed: number): string {
  const names = Array.from({ length: vaults }, (_, i) => `v${i}`);
  return `
name: peaks
seed: ${seed}
duration: ${days}d
regions: [{ name: eastus }]
vaults: [${names.map((v) => `{ name: ${v}, region: eastus, redundancy: LRS }`).join(', ')}]
policies:
  - name: p
    schedule: { frequency: daily, at: "22:00" }
    instantRestore: 2d
    retention: { daily: 7 }
fleet:
${names
  .map(
    (v) => `  - name: vm-${v}
    region: eastus
    disks: [{ size: ${10 + vaults}GiB, churn: { daily: ${churn}%, spread: 1% } }]
    backup: { vault: ${v}, policy: p }`,
  )
  .join('\n')}
`;
}

describe('storage peaks of a run', () => {
  it('should always make the run peak of one vault its vault peak, and bound a run of several by its vaults', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 3, max: 20 }),
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 0, max: 1000 }),
        (vaults, days, churn, seed) => {
          const loaded = loadScenarioText(scenarioText(vaults, days, churn, seed), 'peaks.yaml');
          if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
          const r = simulate(loaded.scenarios[0]);
          for (const tier of ['snapshot', 'standard', 'archive', 'softDeleted'] as const) {
            const peaks = r.vaults.map((v) => v.storage.peak[tier]);
            const run = r.storage.peak[tier];
            if (peaks.length === 1) expect(run).toBe(peaks[0]);
            for (const p of peaks) expect(run).toBeGreaterThanOrEqual(p);
            expect(run).toBeLessThanOrEqual(peaks.reduce((a, b) => a + b, 0));
          }
        },
      ),
      { numRuns: 12 },
    );
  });
});
