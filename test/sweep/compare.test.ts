// compareRuns: paired differences with common random numbers, their t interval, the
// verdict, and the rendered table.
import { describe, expect, it } from 'vitest';
import { compareRuns, MAX_WIDTH, renderComparison } from '../../reports/compare.js';
import type { Figure } from '../../reports/figures.js';
import { figuresOf } from '../../reports/figures.js';
import { tabulate } from '../../reports/run-table.js';
import { studentTQuantile } from '../../reports/stats.js';
import { tinyResults } from '../reports/fixture.js';
import { replications } from './fixtures.js';

const meta = (n: number) => ({ version: '1.0.0', file: 's.yaml', name: 's', seed: 5, replications: n });

function runsOf(n: number, variants: string[], make: (r: number, run: number) => Figure[]) {
  return tabulate(
    replications(n, variants, make),
    variants,
    variants.map(() => 'USD'),
  );
}

describe('compareRuns', () => {
  it('pairs replications: a constant shift has a zero-width interval however noisy the base', () => {
    // Base varies a lot between replications; the variant is always base + 100.
    const runs = runsOf(8, ['base', 'more'], (r, run) => [
      { name: 'storage.end.standard', unit: 'bytes', value: ((r * 7919) % 1000) + (run === 1 ? 100 : 0) },
    ]);
    const c = compareRuns(runs, meta(8));
    const [fig] = c.figures;
    expect(fig.runs[0]?.delta).toBeNull();
    expect(fig.runs[1]?.delta).toMatchObject({ n: 8, mean: 100, ci95: [100, 100] });
    expect(c.seeds).toBe("deriveSeed(seed, 'replication', r) for r = 0 … N−1");
  });

  it('gives the change relative to the base mean, and no interval for one replication', () => {
    const runs = runsOf(1, ['base', 'v'], (_, run) => [
      { name: 'cost.total', unit: 'money', value: run === 0 ? 80 : 100 },
    ]);
    const c = compareRuns(runs, meta(1));
    expect(c.figures[0].runs[1]).toEqual({
      n: 1,
      mean: 100,
      delta: { n: 1, mean: 20, change: 0.25, ci95: null },
    });
    expect(c.seeds).toBe('the scenario seed');
    expect(renderComparison(c)).toMatch(/^cost\.total +\$80\.00 +\$100\.00 \(\+25\.0%\)$/m);
  });

  it('marks a figure a run lacks as null, and compares over the pairs that exist', () => {
    const runs = runsOf(4, ['base', 'v'], (r, run) =>
      run === 1 || r % 2 === 0 ? [{ name: 'dr.app.rto.p95', unit: 'seconds', value: 100 * (run + 1) }] : [],
    );
    const c = compareRuns(runs, meta(4));
    expect(c.figures[0].runs[0]?.n).toBe(2);
    expect(c.figures[0].runs[1]?.delta?.n).toBe(2);
    const none = compareRuns(
      runsOf(2, ['base', 'v'], (_, run) =>
        run === 0 ? [{ name: 'dr.app.rto.p95', unit: 'seconds', value: 1 }] : [],
      ),
      meta(2),
    );
    expect(none.figures[0].runs[1]).toBeNull();
  });

  it('counts a cause of failure a replication or a run lacks as 0', () => {
    // jobs.failed.timeout: base 3 in r0, 5 in r2, none in r1, r3; the variant never times
    // out. jobs.failed.quota: only the variant, 2 in r1.
    const runs = runsOf(4, ['base', 'v'], (r, run) => {
      if (run === 0)
        return r === 0 || r === 2
          ? [{ name: 'jobs.failed.timeout', unit: 'count', value: r === 0 ? 3 : 5 }]
          : [];
      return r === 1 ? [{ name: 'jobs.failed.quota', unit: 'count', value: 2 }] : [];
    });
    const c = compareRuns(runs, meta(4));
    const fig = (name: string) => c.figures.find((f) => f.name === name)!;
    // Base timeouts 3, 0, 5, 0: mean 2 over 4 replications. Variant 0; paired differences
    // −3, 0, −5, 0: mean −2, sd √6 (as in the aggregate test), half-width t(0.975, 3)·√6/2.
    const half = (studentTQuantile(0.975, 3) * Math.sqrt(6)) / 2;
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    expect(fig('jobs.failed.timeout').runs).toEqual([
      { n: 4, mean: 2, delta: null },
      { n: 4, mean: 0, delta: { n: 4, mean: -2, change: -1, ci95: [r3(-2 - half), r3(-2 + half)] } },
    ]);
    // Quota: base 0 everywhere, variant 0, 2, 0, 0: mean 0.5, no relative change from 0.
    expect(fig('jobs.failed.quota').runs[0]).toEqual({ n: 4, mean: 0, delta: null });
    expect(fig('jobs.failed.quota').runs[1]?.delta).toMatchObject({ n: 4, mean: 0.5, change: null });
  });

  it('fails the verdict when an objective failed in any replication of any run', () => {
    const runs = runsOf(5, ['base', 'cheap'], (r, run) => [
      { name: 'objective.rpo.all.pass', unit: 'pass', value: run === 1 && r < 2 ? 0 : 1 },
      { name: 'objective.rpo.all.target', unit: 'seconds', value: 86_400 },
    ]);
    const c = compareRuns(runs, meta(5));
    expect(c.verdict).toEqual({
      pass: false,
      failing: ['cheap: RPO ≤ 1d (all) failed in 2 of 5 replications'],
    });
    expect(renderComparison(c)).toContain(
      'objectives not met:\n  cheap: RPO ≤ 1d (all) failed in 2 of 5 replications',
    );
  });

  it('renders paired columns with ± half-width, starred when the interval excludes zero', () => {
    const runs = runsOf(6, ['base', 'v'], (r, run) => [
      { name: 'cost.total', unit: 'money', value: 10 + r + (run === 1 ? 2 + (r % 2) : 0) },
      { name: 'jobs.failed', unit: 'count', value: r % 3 },
    ]);
    const text = renderComparison(compareRuns(runs, meta(6)), 'text');
    expect(text).toMatch(/^figure +base +v +Δ vs base \(95% CI\)$/m);
    expect(text).toMatch(/^cost\.total +\$12\.50 +\$15\.00 +\+\$2\.50 ± \$0\.\d\d \*$/m);
    expect(text).toMatch(/^jobs\.failed +1 +1 +0 ± 0$/m);
    const md = renderComparison(compareRuns(runs, meta(6)), 'md');
    expect(md).toContain('| figure | base | v | Δ vs base (95% CI) |');
  });

  it('compares the tiny scenario: the variant keeping 7 daily points keeps fewer', () => {
    const [base, daily7] = tinyResults();
    const runs = runsOf(1, ['base', 'daily-7'], (_, run) => figuresOf(run === 0 ? base : daily7));
    const c = compareRuns(runs, meta(1));
    const daily = c.figures.find((f) => f.name === 'points.end.daily')!;
    expect(daily.runs[1]!.delta!.mean).toBeLessThan(0);
    expect(c.verdict.pass).toBe(true);
  });
});

describe('renderComparison layout', () => {
  it('should never print a line wider than MAX_WIDTH when the runs fit one per block', () => {
    const variants = ['base', ...Array.from({ length: 9 }, (_, i) => `variant-number-${i}`)];
    const runs = runsOf(1, variants, (_, run) => [{ name: 'cost.total', unit: 'money', value: 1000 + run }]);
    const text = renderComparison(compareRuns(runs, meta(1)));
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_WIDTH);
    expect(text.match(/^figure/gm)?.length).toBeGreaterThan(1);
    expect(text).toContain('variant-number-8');
  });
});
