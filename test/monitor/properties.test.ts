// Invariants of alert timelines on random series (§7.1): resolution never precedes firing, a
// stateful instance has one open firing at most, and a higher "greater than" threshold never
// adds firing time.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { millis } from '../../engine/units.js';
import type { MonitorOutcome } from '../../models/monitor/monitor.js';
import { replay } from '../../models/monitor/replay.js';
import type { Aggregation } from '../../models/monitor/types.js';
import { aSpec, MIN, metricRule, metricSeries } from './builders.js';

const HORIZON = 4 * 60 * MIN;

const caseArb = fc.record({
  // Per-minute values with gaps, in two series.
  x: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 5 }), { maxLength: 200 }),
  y: fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null, freq: 5 }), { maxLength: 200 }),
  every: fc.constantFrom(1, 5, 15),
  window: fc.constantFrom(1, 5, 15, 30, 60),
  aggregation: fc.constantFrom<Aggregation>('average', 'minimum', 'maximum', 'total', 'count'),
  threshold: fc.integer({ min: 0, max: 100 }),
  raise: fc.integer({ min: 1, max: 50 }),
  stateful: fc.boolean(),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function run(c: Case, threshold: number, stateful = c.stateful): MonitorOutcome {
  const rule = metricRule({
    every: millis(c.every * MIN),
    window: millis(c.window * MIN),
    autoResolve: stateful,
    splitBy: ['k'],
    conditions: [{ aggregation: c.aggregation, threshold: { operator: '>', value: threshold } }],
  });
  const signals = [...metricSeries(c.x, { k: 'x' }), ...metricSeries(c.y, { k: 'y' })];
  return replay(aSpec([rule]), signals, HORIZON);
}

// Every tick (ms) at which some firing of instance k is open: [firedAt, resolvedAt or horizon].
function openTicks(out: MonitorOutcome, k: string, every: number): Set<number> {
  const ticks = new Set<number>();
  for (const f of out.firings.filter((f) => f.instance.k === k))
    for (let t = f.firedAt; t < (f.resolvedAt ?? HORIZON + 1); t += every * MIN) ticks.add(t);
  return ticks;
}

describe('alert timeline invariants', () => {
  it('should never resolve an alert before (or when) it fires', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        for (const f of run(c, c.threshold).firings)
          if (f.resolvedAt !== null) expect(f.resolvedAt).toBeGreaterThan(f.firedAt);
      }),
    );
  });

  it('should never hold two open firings of one stateful instance at a time', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const out = run(c, c.threshold, true);
        for (const k of ['x', 'y']) {
          const mine = out.firings.filter((f) => f.instance.k === k);
          for (let i = 1; i < mine.length; i++) {
            expect(mine[i - 1].resolvedAt).not.toBeNull();
            expect(mine[i].firedAt).toBeGreaterThan(mine[i - 1].resolvedAt!);
          }
        }
      }),
    );
  });

  it('should never add firing time when a "greater than" threshold is raised (stateful)', () => {
    // Open after tick T ⟺ some evaluation among the last three held; each evaluation that
    // holds at the higher threshold holds at the lower one, so open time can only shrink.
    fc.assert(
      fc.property(caseArb, (c) => {
        const low = run(c, c.threshold, true);
        const high = run(c, c.threshold + c.raise, true);
        for (const k of ['x', 'y']) {
          const lowTicks = openTicks(low, k, c.every);
          for (const t of openTicks(high, k, c.every)) expect(lowTicks.has(t)).toBe(true);
        }
      }),
    );
  });

  it('should never add firings when a "greater than" threshold is raised (stateless, frequency ≥ 5 min)', () => {
    // At frequency ≥ 5 min a stateless rule fires at every evaluation that holds (cadence = frequency).
    fc.assert(
      fc.property(caseArb, (c) => {
        const slow: Case = { ...c, every: c.every === 1 ? 5 : c.every };
        const low = new Set(
          run(slow, slow.threshold, false).firings.map((f) => `${f.instance.k}@${f.firedAt}`),
        );
        for (const f of run(slow, slow.threshold + slow.raise, false).firings)
          expect(low.has(`${f.instance.k}@${f.firedAt}`)).toBe(true);
      }),
    );
  });

  it('raising a threshold can split one stateful firing into two (why the invariant is about time, not count)', () => {
    // Maximum over 1 minute: 90 50 80 50 90. At > 70 it holds at T = 1, 3, 5 — never three
    // healthy checks in a row — so one firing from 1 to 8. At > 85 it holds at 1 and 5 only:
    // healthy at 2, 3, 4 → resolved at 4, fired again at 5, resolved at 8. Two firings, less time.
    const rule = (value: number) =>
      metricRule({
        window: millis(MIN),
        conditions: [{ aggregation: 'maximum', threshold: { operator: '>', value } }],
      });
    const series = metricSeries([90, 50, 80, 50, 90]);
    const at = (out: MonitorOutcome) => out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt! / MIN]);
    expect(at(replay(aSpec([rule(70)]), series, 20 * MIN))).toEqual([[1, 8]]);
    expect(at(replay(aSpec([rule(85)]), series, 20 * MIN))).toEqual([
      [1, 4],
      [5, 8],
    ]);
  });
});
