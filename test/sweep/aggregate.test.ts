// aggregate: statistics per figure, objective pass rates with Wilson intervals, the verdict
// against --min-pass-rate, and the rendered report.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregate, figureStats, formatTarget, renderAggregate } from '../../reports/aggregate.js';
import { studentTQuantile } from '../../reports/stats.js';
import { buildPart, mergeParts, type SweepTable } from '../../reports/sweep-part.js';
import { replications } from './fixtures.js';

// One shard of `total` replications, merged: the sweep table the aggregate reads.
function tableOf(reps: Parameters<typeof buildPart>[0], total: number): SweepTable {
  const part = buildPart(reps, {
    version: '1.0.0',
    scenario: { file: 's.yaml', name: 's', hash: 'f'.repeat(64), seed: 1 },
    variants: ['base'],
    currencies: ['USD'],
    total,
    shard: { index: 1, count: 1 },
  });
  const merged = mergeParts([{ label: 'p', part }]);
  if (!merged.ok) throw new Error(merged.problems.join());
  return merged.table;
}

function table(n: number, passEvery: number): SweepTable {
  const reps = replications(n, ['base'], (r) => [
    { name: 'cost.total', unit: 'money', value: r + 1 },
    { name: 'objective.rto.group:web.pass', unit: 'pass', value: r % passEvery === passEvery - 1 ? 0 : 1 },
    { name: 'objective.rto.group:web.target', unit: 'seconds', value: 14_400 },
  ]);
  return tableOf(reps, n);
}

describe('figureStats', () => {
  it('gives mean, t-based CI, type-7 percentiles, min and max, rounded to the unit', () => {
    const s = figureStats('cost.total', 'money', [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const half = (studentTQuantile(0.975, 9) * Math.sqrt(110 / 12)) / Math.sqrt(10);
    expect(s).toEqual({
      name: 'cost.total',
      unit: 'money',
      n: 10,
      mean: 5.5,
      sd: 3.03,
      ci95: [Math.round((5.5 - half) * 100) / 100, Math.round((5.5 + half) * 100) / 100],
      min: 1,
      p50: 5.5,
      p95: 9.55,
      p99: 9.91,
      max: 10,
    });
  });

  it('gives no interval for a single replication', () => {
    expect(figureStats('jobs.failed', 'count', [4]).ci95).toBeNull();
  });
});

describe('aggregate', () => {
  it('reports each objective pass rate with its Wilson interval and sentence', () => {
    const a = aggregate(table(40, 10), 0.9);
    const [o] = a.runs[0].objectives;
    expect(o).toMatchObject({
      metric: 'rto',
      scope: 'group:web',
      targetSeconds: 14_400,
      n: 40,
      passed: 36,
      rate: 0.9,
    });
    expect(o.ci95![0]).toBeLessThan(0.9);
    expect(o.ci95![1]).toBeGreaterThan(0.9);
    expect(o.text).toMatch(
      /^RTO ≤ 4h \(group:web\) in 90\.0% of 40 replications \(95% CI \d+\.\d–\d+\.\d%\)$/,
    );
    expect(a.verdict).toEqual({ minPassRate: 0.9, pass: true, failing: [] });
  });

  it('fails the verdict when a pass rate is below the minimum (default 1: any failing replication)', () => {
    const a = aggregate(table(40, 10), 1);
    expect(a.verdict.pass).toBe(false);
    expect(a.verdict.failing[0]).toMatch(
      /^base: RTO ≤ 4h \(group:web\) in 90\.0% .*below the minimum pass rate 100\.0%$/,
    );
    expect(aggregate(table(40, 1000), 1).verdict.pass).toBe(true);
  });

  it('records how seeds are derived and the scenario identity', () => {
    const a = aggregate(table(3, 1000), 1);
    expect(a.seeds).toBe("deriveSeed(seed, 'replication', r) for r = 0 … N−1");
    expect(a.scenario.hash).toBe('f'.repeat(64));
    expect(a.replications).toBe(3);
  });

  it('renders a table per run, pass rates and the verdict', () => {
    const text = renderAggregate(aggregate(table(20, 10), 1));
    expect(text).toMatch(/^s: 20 replications, seeds .* \(seed 1\), scenario ffffffffffff\n/);
    expect(text).toMatch(/^figure +mean +95% CI of mean +p50 +p95 +p99$/m);
    expect(text).toMatch(/^cost\.total +\$10\.50 +\$\d+\.\d\d – \$\d+\.\d\d/m);
    expect(text).toContain('  RTO ≤ 4h (group:web) in 90.0% of 20 replications');
    expect(text).toMatch(/verdict: FAIL\n {2}base: RTO/);
    expect(renderAggregate(aggregate(table(20, 10), 0.5), 'md')).toMatch(/^\| cost\.total \| \$10\.50 \|/m);
  });
});

describe('a pass figure', () => {
  it("gives Wilson's interval, inside [0, 1], not a t interval that leaves it", () => {
    // 9 passes in 10: the t interval 0.9 ± 2.262 × 0.3162 / √10 would be 0.674–1.126;
    // Wilson's score interval (z = 1.96) is 0.596–0.982, as the pass rate line prints.
    const s = figureStats('objective.rpo.all.pass', 'pass', [1, 1, 1, 1, 0, 1, 1, 1, 1, 1]);
    expect(s.mean).toBe(0.9);
    expect(s.ci95![0]).toBeCloseTo(0.596, 3);
    expect(s.ci95![1]).toBeCloseTo(0.982, 3);
  });
});

describe('the verdict with objectives skipped in every replication', () => {
  // RPO (all) has nothing to judge in any replication (a SKIP each time); RTO (group:web) passes.
  function skipped(withRto: boolean): SweepTable {
    const reps = replications(3, ['base'], () => [
      { name: 'objective.rpo.all.skipped', unit: 'count' as const, value: 1 },
      { name: 'objective.rpo.all.target', unit: 'seconds' as const, value: 3600 },
      ...(withRto
        ? [
            { name: 'objective.rto.group:web.pass', unit: 'pass' as const, value: 1 },
            { name: 'objective.rto.group:web.target', unit: 'seconds' as const, value: 14_400 },
          ]
        : []),
    ]);
    return tableOf(reps, 3);
  }

  it('does not call objectives that judged nothing passed', () => {
    const none = renderAggregate(aggregate(skipped(false), 1));
    expect(none).toContain('RPO ≤ 1h (all): SKIP in all 3 replications (nothing to judge)');
    expect(none).toContain(
      'verdict: pass (no objective judged anything: all 1 skipped in every replication)',
    );
    expect(none).not.toContain('every objective passed');
    const some = renderAggregate(aggregate(skipped(true), 1));
    expect(some).toContain(
      'verdict: pass (every judged objective passed in at least 100.0% of replications; 1 skipped in every replication (nothing to judge))',
    );
  });
});

describe('keyed counts over replications', () => {
  // 4 replications. jobs.failed.timeout: 3 in r0, 5 in r2, absent (no timeout) in r1 and r3.
  // dr.app.rto.p95 (seconds): 600 in r0 only, a percentile of recoveries r1–r3 did not have.
  function keyed(): SweepTable {
    const reps = replications(4, ['base'], (r) => [
      ...(r === 0 || r === 2
        ? [{ name: 'jobs.failed.timeout', unit: 'count' as const, value: r === 0 ? 3 : 5 }]
        : []),
      ...(r === 0 ? [{ name: 'dr.app.rto.p95', unit: 'seconds' as const, value: 600 }] : []),
    ]);
    return tableOf(reps, 4);
  }

  it('averages a cause of failure over every replication, a replication without it counting 0', () => {
    const [run] = aggregate(keyed(), 1).runs;
    const timeout = run.figures.find((f) => f.name === 'jobs.failed.timeout')!;
    // Values 3, 0, 5, 0: mean 8 / 4 = 2 (not 8 / 2 = 4); sorted 0, 0, 3, 5: p50 1.5, min 0.
    // sd² = ((3−2)² + (0−2)² + (5−2)² + (0−2)²) / 3 = 18 / 3 = 6.
    const half = (studentTQuantile(0.975, 3) * Math.sqrt(6)) / 2;
    expect(timeout).toMatchObject({ n: 4, mean: 2, p50: 1.5, min: 0, max: 5 });
    expect(timeout.sd).toBeCloseTo(Math.sqrt(6), 3);
    // 2 − 3.897 < 0: a count's interval stops at 0.
    expect(timeout.ci95).toEqual([0, Math.round((2 + half) * 1000) / 1000]);
    // A percentile counts only the replications that have it.
    expect(run.figures.find((f) => f.name === 'dr.app.rto.p95')).toMatchObject({ n: 1, mean: 600 });
  });
});

describe('figureStats intervals', () => {
  it('clamps the interval of a count, bytes or money at zero, not of seconds', () => {
    // Values 0, 0, 0, 10: mean 2.5, sd 5, half = t(0.975, 3) × 5 / 2 ≈ 7.96: lower bound < 0.
    const values = [0, 0, 0, 10];
    for (const unit of ['count', 'bytes', 'money'] as const)
      expect(figureStats('x', unit, values).ci95?.[0]).toBe(0);
    expect(figureStats('x', 'seconds', values).ci95?.[0]).toBeLessThan(0);
  });

  it('should never give an amount an interval below zero', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e12, noNaN: true }), { minLength: 2, maxLength: 30 }),
        fc.constantFrom('count' as const, 'bytes' as const, 'money' as const),
        (values, unit) => {
          const { ci95, mean } = figureStats('x', unit, values);
          expect(ci95).not.toBeNull();
          expect(ci95![0]).toBeGreaterThanOrEqual(0);
          expect(ci95![0]).toBeLessThanOrEqual(mean);
          expect(ci95![1]).toBeGreaterThanOrEqual(mean);
        },
      ),
    );
  });
});

describe('formatTarget', () => {
  it('uses the largest whole unit', () => {
    expect([86_400, 3600, 5400, 90, 45].map(formatTarget)).toEqual(['1d', '1h', '90m', '90s', '45s']);
  });
});
