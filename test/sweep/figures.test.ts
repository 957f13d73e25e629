// figuresOf: stable, sorted, unique names; every section the results have; formatting.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareFigureNames,
  FIGURE_SECTIONS,
  figuresOf,
  formatFigure,
  formatFigureDelta,
} from '../../reports/figures.js';
import { tinyResults } from '../reports/fixture.js';
import { anObjective, richResult } from './fixtures.js';

const names = (r: ReturnType<typeof richResult>) => figuresOf(r).map((f) => f.name);

describe('figuresOf', () => {
  it('flattens storage, points, cost, jobs and transfers of a plain run', () => {
    const figs = figuresOf(tinyResults()[0]);
    const byName = new Map(figs.map((f) => [f.name, f]));
    const r = tinyResults()[0];
    expect(byName.get('storage.end.standard')).toEqual({
      name: 'storage.end.standard',
      unit: 'bytes',
      value: Math.round(r.storage.end.standard),
    });
    expect(byName.get('cost.perMonth')?.unit).toBe('money');
    expect(byName.get('jobs.succeeded')?.value).toBe(r.jobs.reduce((s, j) => s + j.succeeded, 0));
    expect(byName.get('points.end.vault')?.value).toBe(r.jobs.reduce((s, j) => s + j.points.end.vault, 0));
    expect(byName.has('transfer.daily.p95')).toBe(true);
    expect([...byName.keys()].some((n) => n.startsWith('dr.') || n.startsWith('objective.'))).toBe(false);
  });

  it('adds DR percentiles, replication RPO, alert counts and objectives when present', () => {
    const figs = new Map(figuresOf(richResult()).map((f) => [f.name, f]));
    expect(figs.get('dr.app.rto.p95')).toEqual({ name: 'dr.app.rto.p95', unit: 'seconds', value: 5400 });
    expect(figs.get('dr.app.rpo.p50')?.value).toBe(300);
    expect(figs.has('dr.db.rpo.p95')).toBe(false); // no recoveries: no percentiles
    expect(figs.get('dr.db.recoveries')?.value).toBe(0);
    expect(figs.get('dr.incidents')?.value).toBe(0);
    expect(figs.get('replication.app.peakRpo.p95')?.value).toBe(900);
    expect(figs.get('alerts.backup-failures.fired')?.value).toBe(3);
    expect(figs.get('alerts.backup-failures.notifications')?.value).toBe(2);
    expect(figs.get('objective.rpo.all.pass')).toEqual({
      name: 'objective.rpo.all.pass',
      unit: 'pass',
      value: 1,
    });
    expect(figs.get('objective.rpo.all.target')?.value).toBe(3600);
  });

  it('scores a failed objective as 0 and counts its failed VMs', () => {
    const figs = new Map(
      figuresOf(richResult([anObjective({ failed: 3, scope: 'group:web' })])).map((f) => [f.name, f]),
    );
    expect(figs.get('objective.rpo.group:web.pass')?.value).toBe(0);
    expect(figs.get('objective.rpo.group:web.failed')?.value).toBe(3);
  });

  it('orders sections as FIGURE_SECTIONS, then names by code unit', () => {
    const sections = names(richResult()).map((n) => n.slice(0, n.indexOf('.')));
    const ranks = sections.map((s) => FIGURE_SECTIONS.indexOf(s as (typeof FIGURE_SECTIONS)[number]));
    expect(ranks.every((r) => r >= 0)).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  it('should always give sorted, unique names whatever the objective scopes and alert rules', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 6 }),
        fc.array(fc.constantFrom('rpo', 'rto'), { minLength: 6, maxLength: 6 }),
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 4 }),
        (scopes, metrics, rules) => {
          const base = richResult(
            scopes.map((scope, i) => anObjective({ scope, metric: metrics[i] as 'rpo' | 'rto' })),
          );
          const r = {
            ...base,
            alerts: { rules: rules.map((rule) => ({ ...base.alerts!.rules[0], rule })), timeline: [] },
          };
          const got = names(r);
          expect(new Set(got).size).toBe(got.length);
          expect(got).toEqual([...got].sort(compareFigureNames));
          expect(figuresOf(r)).toEqual(figuresOf(structuredClone(r)));
        },
      ),
    );
  });
});

describe('formatFigure', () => {
  it('formats each unit for people', () => {
    expect(formatFigure(1536, 'bytes', 'USD')).toBe('1.50 KiB');
    expect(formatFigure(1234.5, 'money', 'USD')).toBe('$1,234.50');
    expect(formatFigure(5400, 'seconds', 'USD')).toBe('1h 30m');
    expect(formatFigure(0.973, 'pass', 'USD')).toBe('97.3%');
    expect(formatFigure(12, 'count', 'USD')).toBe('12');
    expect(formatFigure(12.34, 'count', 'USD')).toBe('12.3');
  });

  it('signs differences, and says 0 for none', () => {
    expect(formatFigureDelta(-1536, 'bytes', 'USD')).toBe('-1.50 KiB');
    expect(formatFigureDelta(3, 'money', 'EUR')).toBe('+€3.00');
    expect(formatFigureDelta(0.05, 'pass', 'USD')).toBe('+5.0 pp');
    expect(formatFigureDelta(0.0001, 'count', 'USD')).toBe('0');
  });
});
