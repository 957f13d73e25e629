// The Backup Reports charts (issue 19; docs/reference.md §16.3): the Jobs tab's
// failed jobs per day, the Policy adherence tab's adherent and non-adherent items per period,
// and the Usage tab's protected instances per day. Each needs a run with `diagnostics:`.

import type { RunResult } from '../../models/results/types.js';
import { asSpec, type Chart, CONFIG, frame, HEIGHT, perRun, type Row, WIDTH } from './common.js';

const withReports = (results: readonly RunResult[]) => results.filter((r) => r.backupReports !== undefined);

const OUTCOMES = { domain: ['completed', 'failed'], range: ['#54a24b', '#e45756'] };
const ADHERENCE = { domain: ['adherent', 'not adherent'], range: ['#54a24b', '#e45756'] };

/** Backup Reports, Jobs: completed and failed jobs per day (log backups excluded); null without diagnostics. */
export function backupJobsChart(results: readonly RunResult[]): Chart | null {
  const runs = withReports(results);
  const values: Row[] = [];
  for (const r of runs)
    for (const d of r.backupReports!.jobs.daily) {
      values.push({ run: r.variant, date: d.day, outcome: 'completed', order: 0, count: d.completed });
      values.push({ run: r.variant, date: d.day, outcome: 'failed', order: 1, count: d.failed });
    }
  if (values.length === 0) return null;
  const title = 'Backup Reports: jobs per day';
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'date', type: 'ordinal', title: 'day (UTC)' },
      y: {
        field: 'count',
        type: 'quantitative',
        stack: 'zero',
        title: 'jobs triggered',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field: 'outcome', type: 'nominal', scale: OUTCOMES, legend: { title: 'status' } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'date', type: 'nominal', title: 'day' },
        { field: 'outcome', type: 'nominal', title: 'status' },
        { field: 'count', type: 'quantitative', format: ',d' },
      ],
    },
  };
  return {
    name: 'backup-reports-jobs',
    title,
    spec: asSpec({
      ...frame(title, 'Backup jobs by the day they were triggered, as the Jobs tab counts them.', values),
      ...perRun(runs, inner),
      config: CONFIG,
    }),
  };
}

/** Backup Reports, Policy adherence (daily policies): adherent and not adherent items per period; null without. */
export function adherenceChart(results: readonly RunResult[]): Chart | null {
  const runs = withReports(results);
  const values: Row[] = [];
  let unit = 'day';
  for (const r of runs) {
    const g = r.backupReports!.adherence.daily;
    if (g === null) continue;
    unit = g.granularity;
    for (const p of g.periods) {
      values.push({ run: r.variant, period: p.from, state: 'adherent', order: 0, items: p.adherent });
      values.push({ run: r.variant, period: p.from, state: 'not adherent', order: 1, items: p.nonAdherent });
    }
  }
  if (values.length === 0) return null;
  const title = 'Backup Reports: policy adherence';
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'period', type: 'ordinal', title: `${unit} from (UTC)` },
      y: {
        field: 'items',
        type: 'quantitative',
        stack: 'zero',
        title: 'backup items',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field: 'state', type: 'nominal', scale: ADHERENCE, legend: { title: 'adherence' } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'period', type: 'nominal', title: `${unit} from` },
        { field: 'state', type: 'nominal', title: 'adherence' },
        { field: 'items', type: 'quantitative', format: ',d' },
      ],
    },
  };
  return {
    name: 'backup-reports-adherence',
    title,
    spec: asSpec({
      ...frame(
        title,
        'Items of daily policies with a successful backup on every day they were protected.',
        values,
      ),
      ...perRun(runs, inner),
      config: CONFIG,
    }),
  };
}

/** Backup Reports, Usage: protected instances per day; null without diagnostics. */
export function usageChart(results: readonly RunResult[]): Chart | null {
  const runs = withReports(results);
  const values: Row[] = [];
  for (const r of runs)
    for (const d of r.backupReports!.usage.daily)
      values.push({ run: r.variant, date: d.day, instances: d.protectedInstances });
  if (values.length === 0) return null;
  const title = 'Backup Reports: protected instances';
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'date', type: 'ordinal', title: 'day (UTC)' },
      y: {
        field: 'instances',
        type: 'quantitative',
        title: 'protected instances',
        axis: { tickMinStep: 1, format: 'd' },
      },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'date', type: 'nominal', title: 'day' },
        { field: 'instances', type: 'quantitative', format: ',d', title: 'protected instances' },
      ],
    },
  };
  return {
    name: 'backup-reports-usage',
    title,
    spec: asSpec({
      ...frame(
        title,
        'Protected instances (the billing quantity) on each day of the range, as the Usage tab shows them.',
        values,
      ),
      ...perRun(runs, inner),
      config: CONFIG,
    }),
  };
}
