// The hand-worked figures of issue 6, each with its arithmetic (docs/reference.md §7).
import { describe, expect, it } from 'vitest';
import { millis } from '../../engine/units.js';
import { replay } from '../../models/monitor/replay.js';
import { aGroup, aSpec, logAt, logRule, MIN, metricRule, metricSeries, minutes, when } from './builders.js';

describe('metric rule: 5-minute average, 1-minute frequency, > 70 (§7.1, §7.2)', () => {
  // One sample a minute: 50 at minutes 0–4, 90 at 5–9, 50 at 10–19. The evaluation at
  // minute T averages the samples stamped in [T−5, T):
  //   T=6: (4·50 + 90)/5 = 58     T=7: (3·50 + 2·90)/5 = 66
  //   T=8: (2·50 + 3·90)/5 = 74 > 70 → fires at 8 min (the first window above 70)
  //   T=9: 82, T=10: 90, T=11: 82, T=12: (3·90 + 2·50)/5 = 74 — still firing
  //   T=13: 66 (healthy 1), T=14: 58 (healthy 2), T=15: 50 (healthy 3) → resolves at 15 min
  const values = [...Array(5).fill(50), ...Array(5).fill(90), ...Array(10).fill(50)];

  it('fires at the first window average above 70 and resolves at the third healthy evaluation', () => {
    const out = replay(aSpec([metricRule()]), metricSeries(values), 30 * MIN);
    expect(out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt! / MIN])).toEqual([[8, 15]]);
    expect(out.rules[0]).toMatchObject({ fired: 1, resolved: 1 });
  });

  it('a stateless rule fires at 8 min and re-notifies every 5 minutes while it holds (cadence max(1m, 5m))', () => {
    // Holds at T = 8…12; firings at 8, then 8 + 5 = 13 would be the next, but T=13 is healthy.
    const out = replay(aSpec([metricRule({ autoResolve: false })]), metricSeries(values), 30 * MIN);
    expect(out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt])).toEqual([[8, null]]);
    // Held from 8 to 30: firings at 8, 13, 18, 23, 28.
    const long = [...Array(5).fill(50), ...Array(40).fill(90)];
    const held = replay(aSpec([metricRule({ autoResolve: false })]), metricSeries(long), 30 * MIN);
    expect(minutes(held.firings.map((f) => f.firedAt))).toEqual([8, 13, 18, 23, 28]);
  });

  it('a missing sample drops out of the average (50 50 50 50 50 90 90 _ 90 …)', () => {
    // T=8 averages minutes 3–7 with 7 missing: (2·50 + 2·90)/4 = 70, not above 70;
    // T=9: minutes 4–8 → (50 + 3·90)/4 = 80 → fires at 9.
    const gap: (number | null)[] = [...values];
    gap[7] = null;
    const out = replay(aSpec([metricRule()]), metricSeries(gap), 30 * MIN);
    expect(out.firings[0].firedAt / MIN).toBe(9);
  });
});

describe('log rule, stateless, every 15 min over the last 15 min (§7.3)', () => {
  // Failed jobs at 00:03, 00:14, 00:44, 00:45 and 01:20; a completed job at 00:29 (filtered out).
  // Count of failed rows in [T−15, T) > 0, at T = 15, 30, 45, …:
  //   T=15: [0,15) holds 00:03 and 00:14 → 2 → fires
  //   T=30: [15,30) holds only the completed 00:29 → 0
  //   T=45: [30,45) holds 00:44 → 1 → fires;  T=60: [45,60) holds 00:45 → fires again (stateless)
  //   T=75: 0;  T=90: [75,90) holds 01:20 → fires;  T=105, 120: 0
  const signals = [
    ...logAt([3, 14, 44, 45, 80], { JobStatus: 'Failed' }),
    ...logAt([29], { JobStatus: 'Completed' }),
  ];
  const rule = logRule({ filters: [{ name: 'JobStatus', include: true, values: ['Failed'] }] });

  it('fires at exactly 15, 45, 60 and 90 minutes, never resolving', () => {
    const out = replay(aSpec([rule]), signals, 120 * MIN);
    expect(out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt])).toEqual([
      [15, null],
      [45, null],
      [60, null],
      [90, null],
    ]);
  });

  it('with "> 1" only the two rows of the first quarter hour fire', () => {
    const out = replay(aSpec([{ ...rule, threshold: when('> 1') }]), signals, 120 * MIN);
    expect(minutes(out.firings.map((f) => f.firedAt))).toEqual([15]);
  });
});

describe('log rule with lookback 30 min and frequency 1 h: the documented gap (§7.3)', () => {
  // Evaluations at 60, 120, … see only [T−30, T): rows in the first half of each hour
  // (00:10, 01:15) are never evaluated; rows in the second half (00:40, 01:50) are.
  const rule = logRule({ every: millis(60 * MIN), lookback: millis(30 * MIN) });

  it('rows in the unobserved half hours never fire', () => {
    const out = replay(aSpec([rule]), logAt([10, 75]), 180 * MIN);
    expect(out.firings).toEqual([]);
  });

  it('rows in the observed half hours fire at the top of the hour', () => {
    const out = replay(aSpec([rule]), logAt([10, 40, 75, 110]), 180 * MIN);
    expect(minutes(out.firings.map((f) => f.firedAt))).toEqual([60, 120]);
  });
});

describe('log rule: 3 violations out of 4 periods (§7.3 failing periods)', () => {
  // Every 5 min, lookback 20 min in 4 periods of 5 min, count > 0. Rows at 00:01, 00:06, 00:16.
  //   T=15: [10,15) 0, [5,10) 1, [0,5) 1, [−5,0) 0 → 2 violations, no
  //   T=20: [15,20) 1, [10,15) 0, [5,10) 1, [0,5) 1 → 3 violations → fires at 20
  //   T=25: [20,25) 0, [15,20) 1, [10,15) 0, [5,10) 1 → 2, no
  const rule = logRule({ every: millis(5 * MIN), lookback: millis(20 * MIN), violations: { min: 3, of: 4 } });

  it('fires only at the evaluation where three of the four periods violate', () => {
    const out = replay(aSpec([rule]), logAt([1, 6, 16]), 60 * MIN);
    expect(minutes(out.firings.map((f) => f.firedAt))).toEqual([20]);
  });

  it('two violating periods never fire', () => {
    expect(replay(aSpec([rule]), logAt([1, 6]), 60 * MIN).firings).toEqual([]);
  });

  it('stateful, it resolves after three healthy 5-minute evaluations (§7.1: 5–15 min → three periods)', () => {
    // Healthy at 25 (2 violations), 30 (1: [15,20)), 35 (0) → resolved at 35.
    const out = replay(aSpec([{ ...rule, autoResolve: true }]), logAt([1, 6, 16]), 60 * MIN);
    expect(out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt! / MIN])).toEqual([[20, 35]]);
  });
});

describe('SMS rate limit (§7.4: at most one SMS every 5 minutes per number)', () => {
  // A stateless 1-minute log rule over the last minute, rows at minutes 0–4: it holds at
  // T = 1, 2, 3, 4, 5 → five firings within 5 minutes. The SMS of T=1 goes out; those of
  // T = 2…5 come less than 5 minutes after it and are withheld.
  it('five firings within 5 minutes send one SMS and withhold four', () => {
    const rule = logRule({ every: millis(MIN), lookback: millis(MIN), actions: ['oncall'] });
    const spec = aSpec([rule], { actionGroups: [aGroup('oncall', { sms: ['+15550100'] })] });
    const out = replay(spec, logAt([0, 1, 2, 3, 4]), 20 * MIN);
    expect(out.firings).toHaveLength(5);
    expect(out.rules[0].deliveries).toMatchObject({ sent: 1, suppressedByRateLimit: 4 });
  });
});
