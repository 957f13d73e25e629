// Chart specs: every spec is valid vega-lite (its published JSON schema, then its
// compiler with no warning), deterministic, and carries the figures of the results it
// was built from; charts whose data is absent are left out.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import fc from 'fast-check';
import { compile } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { zonedIso } from '../../../models/results/collect.js';
import type { RunResult } from '../../../models/results/types.js';
import { buildCharts, type Chart } from '../../../reports/charts/index.js';
import { jobsChart } from '../../../reports/charts/jobs.js';
import { KEPT_ORDER, keptChart, longestTier, weekOfYear } from '../../../reports/charts/kept.js';
import { storageChart } from '../../../reports/charts/storage.js';
import { fullResults, tiny } from './fixture.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));

type Values = Record<string, unknown>[];
const valuesOf = (c: Chart): Values => (c.spec as unknown as { data: { values: Values } }).data.values;
const byName = (charts: Chart[], name: string): Chart => {
  const c = charts.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no chart ${name}`);
  return c;
};

let validate: ReturnType<Ajv['compile']>;
beforeAll(() => {
  // vega-lite's schema is draft-07 with its own keywords (strict off); formats are URIs only.
  validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);
});

/** Compiles a spec with vega-lite, returning its warnings and errors. */
function compileMessages(c: Chart): string[] {
  const messages: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => {
      messages.push(`${c.name}: warn ${args.join(' ')}`);
      return logger;
    },
    error: (...args: unknown[]) => {
      messages.push(`${c.name}: error ${args.join(' ')}`);
      return logger;
    },
  };
  compile(c.spec, { logger: logger as never });
  return messages;
}

const cases: [string, () => RunResult[]][] = [
  ['one run, backup only', () => tiny().slice(0, 1)],
  ['base and a variant, backup only', () => tiny()],
  ['one run with DR, objectives and alerts', () => fullResults().slice(0, 1)],
  ['base and a variant with DR, objectives and alerts', () => fullResults()],
];

describe('chart specs', () => {
  it.each(cases)('%s: every spec is valid against the vega-lite JSON schema', (_, results) => {
    for (const c of buildCharts(results())) {
      const ok = validate(c.spec);
      expect(ok ? [] : validate.errors?.slice(0, 3), c.name).toEqual([]);
    }
  });

  it.each(cases)('%s: every spec compiles to vega without a warning', (_, results) => {
    expect(buildCharts(results()).flatMap(compileMessages)).toEqual([]);
  });

  it('the schema check can fail: an unknown mark is rejected', () => {
    const [c] = buildCharts(tiny().slice(0, 1));
    expect(validate({ ...c.spec, mark: 'blob' })).toBe(false);
  });

  it('leaves out the charts whose data is absent', () => {
    expect(buildCharts(tiny()).map((c) => c.name)).toEqual(['storage', 'points', 'kept', 'cost', 'jobs']);
    expect(buildCharts(fullResults()).map((c) => c.name)).toEqual([
      'storage',
      'points',
      'kept',
      'cost',
      'jobs',
      'recovery',
      'replication',
      'alerts',
    ]);
    expect(buildCharts([])).toEqual([]);
  });

  it('should always give the same bytes for the same results', () => {
    const a = JSON.stringify(buildCharts(fullResults()));
    const b = JSON.stringify(buildCharts(structuredClone(fullResults())));
    expect(a).toBe(b);
  });

  it('facets by run only when there are variants', () => {
    const one = byName(buildCharts(tiny().slice(0, 1)), 'storage').spec as unknown as Record<string, unknown>;
    const two = byName(buildCharts(tiny()), 'storage').spec as unknown as Record<string, unknown>;
    expect(one.facet).toBeUndefined();
    expect(two.facet).toEqual(
      expect.objectContaining({ row: expect.objectContaining({ sort: ['base', 'daily-7'] }) }),
    );
  });
});

describe('chart data', () => {
  it('stacks the stored bytes of every vault per day', () => {
    const [r] = tiny();
    const values = valuesOf(storageChart([r])!);
    const gib = 1024 ** 3;
    const last = r.vaults[0].daily.day.length - 1;
    const onLastDay = values.filter((v) => v.day === r.vaults[0].daily.day[last]);
    const total = onLastDay.reduce((s, v) => s + (v.stored as number), 0);
    const expected = r.vaults.reduce((s, v) => s + v.daily.snapshot[last] + v.daily.standard[last], 0) / gib;
    expect(total).toBeCloseTo(expected, 2);
  });

  it('job outcomes per day add up to the run totals', () => {
    for (const r of tiny()) {
      const values = valuesOf(jobsChart([r])!);
      const sum = (outcome: string) =>
        values.filter((v) => v.outcome === outcome).reduce((s, v) => s + (v.count as number), 0);
      expect(sum('succeeded')).toBe(r.jobs.reduce((s, j) => s + j.succeeded, 0));
      expect(sum('failed')).toBe(r.jobs.reduce((s, j) => s + j.failed, 0));
    }
  });

  it('the calendar has one cell per day of the run, and kept days carry their tiers', () => {
    const [r] = tiny();
    const values = valuesOf(keptChart([r])!);
    expect(values).toHaveLength(r.days);
    const kept = values.filter((v) => v.kept !== 'not kept');
    const pointDays = new Set(r.kept[0].points.map((p) => p.at.slice(0, 10)));
    expect(kept.map((v) => v.date)).toEqual([...pointDays]);
    // 1 March 2026 is a Sunday: the weekly tier keeps its point.
    expect(values[0]).toEqual(
      expect.objectContaining({ date: '2026-03-01', weekday: 'Sun', kept: 'weekly' }),
    );
  });

  it('draws each objective as a rule beside the VM figures', () => {
    const values = valuesOf(byName(buildCharts(fullResults().slice(0, 1)), 'recovery'));
    expect(values.filter((v) => v.kind === 'objective').map((v) => [v.metric, v.value])).toEqual([
      ['RPO', 24],
      ['RTO', 4],
    ]);
    expect(values.filter((v) => v.kind === 'vm')).toHaveLength(4);
  });

  it('runs an open alert to the end of the run', () => {
    const [r] = fullResults();
    const values = valuesOf(byName(buildCharts([r]), 'alerts'));
    expect(values.at(-1)).toEqual(
      expect.objectContaining({ resolvedAt: r.end, state: 'open at the end of the run' }),
    );
  });
});

describe('kept-point helpers', () => {
  it('names the longest tier keeping a point', () => {
    expect(longestTier([])).toBe('not kept');
    expect(longestTier(['daily', 'weekly'])).toBe('weekly');
    expect(longestTier(['on-demand'])).toBe('on-demand');
    expect(longestTier(['yearly', 'daily'])).toBe('yearly');
  });

  it('should always pick a tier of the point, the longest of them', () => {
    const tier = fc.constantFrom(...KEPT_ORDER.slice(1));
    fc.assert(
      fc.property(fc.array(tier, { minLength: 1, maxLength: 6 }), (tiers) => {
        const best = longestTier(tiers);
        expect(tiers).toContain(best);
        for (const t of tiers) expect(KEPT_ORDER.indexOf(t)).toBeLessThanOrEqual(KEPT_ORDER.indexOf(best));
      }),
    );
  });

  it('should never skip or repeat a calendar column: the week grows by one on Sundays only', () => {
    const DAY = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1990, 0, 1) / DAY, max: Date.UTC(2100, 0, 1) / DAY }), (day) => {
        const d = new Date(day * DAY);
        const next = new Date((day + 1) * DAY);
        const w = weekOfYear(d);
        expect(w).toBeGreaterThanOrEqual(0);
        expect(w).toBeLessThanOrEqual(53);
        if (next.getUTCFullYear() !== d.getUTCFullYear()) expect(weekOfYear(next)).toBe(0);
        else expect(weekOfYear(next) - w).toBe(next.getUTCDay() === 0 ? 1 : 0);
      }),
    );
  });
});

describe('result fields the charts read', () => {
  it('kept instants are local to the policy, with their offset', () => {
    expect(zonedIso(Date.UTC(2026, 5, 2, 2, 30), 'America/New_York')).toBe('2026-06-01T22:30:00.000-04:00');
    expect(zonedIso(Date.UTC(2026, 0, 2, 2, 30), 'Asia/Kolkata')).toBe('2026-01-02T08:00:00.000+05:30');
    expect(zonedIso(Date.UTC(2026, 0, 2, 2, 30), 'UTC')).toBe('2026-01-02T02:30:00.000Z');
  });

  it('JobResult.daily: per-day outcomes add up to the totals', () => {
    for (const r of tiny())
      for (const j of r.jobs) {
        expect(j.daily.day).toEqual(Array.from({ length: r.days }, (_, i) => i + 1));
        expect(j.daily.succeeded.reduce((s, x) => s + x, 0)).toBe(j.succeeded);
        expect(j.daily.failed.reduce((s, x) => s + x, 0)).toBe(j.failed);
      }
  });

  it('RunResult.kept: the first item of each policy, oldest point first, each point with its tiers', () => {
    for (const r of tiny()) {
      expect(r.kept.map((k) => [k.policy, k.item])).toEqual([['daily', 'app-001']]);
      const points = r.kept[0].points;
      const times = points.map((p) => Date.parse(p.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      for (const p of points) {
        expect(p.tiers.length).toBeGreaterThan(0);
        expect(Date.parse(p.expires)).toBeGreaterThan(Date.parse(p.at));
      }
    }
    // The daily-7 variant keeps fewer daily points than the base's daily-9.
    const [base, variant] = tiny();
    const daily = (r: RunResult) => r.kept[0].points.filter((p) => p.tiers.includes('daily')).length;
    expect(daily(variant)).toBeLessThan(daily(base));
  });
});
