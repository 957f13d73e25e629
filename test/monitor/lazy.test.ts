// Lazy evaluation (stepping from one change of a window's contents to the next) gives what
// evaluating every instance at every tick gives, for random rules and series, with and
// without ingestion latency, whether rules are live (kernel wake-ups) or caught up at the end.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { millis } from '../../engine/units.js';
import type { RecordedSignal } from '../../models/monitor/replay.js';
import { replay } from '../../models/monitor/replay.js';
import type { Aggregation, AlertRule, DimensionFilter, Operator } from '../../models/monitor/types.js';
import { aSpec, logRule, MIN, metricRule } from './builders.js';
import { naiveFirings } from './naive.js';

const HORIZON = 8 * 60 * MIN;
const AGGREGATIONS: Aggregation[] = ['average', 'minimum', 'maximum', 'total', 'count'];
const OPERATORS: Operator[] = ['>', '>=', '<', '<=', '=='];

const filterArb: fc.Arbitrary<DimensionFilter[]> = fc
  .option(fc.boolean(), { nil: undefined })
  .map((include) => (include === undefined ? [] : [{ name: 'k', include, values: ['x'] }]));
const thresholdArb = fc.record({
  operator: fc.constantFrom(...OPERATORS),
  value: fc.integer({ min: 0, max: 10 }),
});

const metricArb: fc.Arbitrary<AlertRule> = fc
  .record({
    every: fc.constantFrom(1, 5, 15),
    window: fc.constantFrom(1, 5, 15, 30, 60),
    autoResolve: fc.boolean(),
    split: fc.boolean(),
    conditions: fc.array(
      fc.record({
        metric: fc.constantFrom('a', 'b'),
        aggregation: fc.constantFrom(...AGGREGATIONS),
        threshold: thresholdArb,
        filters: filterArb,
      }),
      { minLength: 1, maxLength: 2 },
    ),
  })
  .map((r) =>
    metricRule({
      every: millis(r.every * MIN),
      window: millis(r.window * MIN),
      autoResolve: r.autoResolve,
      splitBy: r.split ? ['k'] : [],
      conditions: r.conditions,
    }),
  );

const logArb: fc.Arbitrary<AlertRule> = fc
  .record({
    every: fc.integer({ min: 1, max: 30 }),
    period: fc.integer({ min: 1, max: 10 }),
    of: fc.integer({ min: 1, max: 4 }),
    minFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    autoResolve: fc.boolean(),
    split: fc.boolean(),
    field: fc.option(fc.constantFrom(...AGGREGATIONS), { nil: undefined }),
    threshold: thresholdArb,
    filters: filterArb,
    mute: fc.integer({ min: 0, max: 30 }),
  })
  .map((r) =>
    logRule({
      every: millis(r.every * MIN),
      lookback: millis(r.period * r.of * MIN),
      violations: { min: Math.max(1, Math.ceil(r.minFrac * r.of)), of: r.of },
      autoResolve: r.autoResolve,
      splitBy: r.split ? ['k'] : [],
      measure: r.field === undefined ? { aggregation: 'count' } : { aggregation: r.field, field: 'v' },
      threshold: r.threshold,
      filters: r.filters,
      muteActions: millis(r.mute * MIN),
    }),
  );

const signalArb: fc.Arbitrary<RecordedSignal> = fc
  .record({
    log: fc.boolean(),
    metric: fc.constantFrom('a', 'b'),
    t: fc.integer({ min: 0, max: (HORIZON / 1000) * 0.9 }),
    value: fc.integer({ min: 0, max: 10 }),
    k: fc.constantFrom('x', 'y'),
  })
  .map((s) =>
    s.log
      ? { signal: 'log', name: 'T', record: { k: s.k, v: s.value }, t: s.t * 1000 }
      : { signal: 'metric', name: s.metric, dims: { k: s.k }, t: s.t * 1000, value: s.value },
  );

const caseArb = fc.record({
  rules: fc.array(fc.oneof(metricArb, logArb), { minLength: 1, maxLength: 3 }),
  // Bursts of nearby samples as well as scattered ones.
  signals: fc.array(signalArb, { maxLength: 80 }),
  latency: fc.record({
    metric: fc.constantFrom(0, 30_000, 90_000, 200_000),
    log: fc.constantFrom(0, 30_000, 200_000),
  }),
  allLive: fc.boolean(),
});

describe('lazy evaluation', () => {
  it('should always give the firings of naive every-tick evaluation on random rules and series', () => {
    fc.assert(
      fc.property(caseArb, ({ rules, signals, latency, allLive }) => {
        const named = rules.map((r, i) => ({ ...r, name: `r${i}` }));
        const spec = aSpec(named, {
          latency: {
            metric: { kind: 'constant', value: latency.metric },
            log: { kind: 'constant', value: latency.log },
          },
        });
        const lazy = replay(spec, signals, HORIZON, { allLive }).firings.map(({ severity: _, ...f }) => f);
        expect(lazy).toEqual(naiveFirings(named, signals, latency, HORIZON));
      }),
      { numRuns: 300 },
    );
  });

  it('should cost no kernel event per tick: a year of a 1-minute rule over a daily sample stays small', () => {
    // 365 daily samples, a live rule (notify): wake-ups only near transitions and look-ahead limits.
    const rule = metricRule({
      actions: ['notify'],
      conditions: [{ aggregation: 'count', threshold: { operator: '>', value: 0 } }],
    });
    const signals = Array.from({ length: 365 }, (_, d) => ({
      signal: 'metric' as const,
      name: 'm',
      dims: {},
      t: d * 1440 * MIN,
      value: 1,
    }));
    const out = replay(aSpec([rule]), signals, 365 * 1440 * MIN);
    // Fires the minute after each sample, resolves 3 minutes after it leaves the 5-minute window.
    expect(out.firings).toHaveLength(365);
    expect(out.firings[0]).toMatchObject({ firedAt: MIN, resolvedAt: 8 * MIN });
  });
});
