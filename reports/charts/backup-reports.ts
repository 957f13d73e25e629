// The Backup Reports charts (issue 19; docs/reference.md §16.3): the Jobs tab's
// failed jobs per day, the Policy adherence tab's adherent and non-adherent items per period,
// and the Usage tab's protected instances per day. Each needs a run with `diagnostics:`.

import type { RunResult } from '../../models/results/types.js';
import { asSpec, type Chart, CONFIG, frame, HEIGHT, perRun, type Row, WIDTH } from './common.js';

const withReports = (results: readonly RunResult[]) => results.filter((r) => r.backupReports !== undefined);

// A stacked bar of two states: the x field, the state field and its colours, the count field.
interface Stack {
  x: string;
  state: string;
  scale: { domain: [string, string]; range: string[] };
  count: string;
}

const OUTCOMES: Stack = {
  x: 'date',
  state: 'outcome',
  scale: { domain: ['completed', 'failed'], range: ['#54a24b', '#e45756'] },
  count: 'count',
};
const ADHERENCE: Stack = {
  x: 'period',
  state: 'state',
  scale: { domain: ['adherent', 'not adherent'], range: ['#54a24b', '#e45756'] },
  count: 'items',
};

// The rows of one bar: each state's count, stacked in the scale's order.
function pushBar(values: Row[], s: Stack, run: string, at: string, counts: [number, number]): void {
  s.scale.domain.forEach((state, order) => {
    values.push({ run, [s.x]: at, [s.state]: state, order, [s.count]: counts[order] });
  });
}

// The panel of a two-state stacked bar chart; `xTitle` gains " (UTC)" on the axis.
function stackedBars(s: Stack, titles: { x: string; state: string; count: string }) {
  return {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: s.x, type: 'ordinal', title: `${titles.x} (UTC)` },
      y: {
        field: s.count,
        type: 'quantitative',
        stack: 'zero',
        title: titles.count,
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field: s.state, type: 'nominal', scale: s.scale, legend: { title: titles.state } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: s.x, type: 'nominal', title: titles.x },
        { field: s.state, type: 'nominal', title: titles.state },
        { field: s.count, type: 'quantitative', format: ',d' },
      ],
    },
  };
}

/** Backup Reports, Jobs: completed and failed jobs per day (log backups excluded); null without diagnostics. */
export function backupJobsChart(results: readonly RunResult[]): Chart | null {
  const runs = withReports(results);
  const values: Row[] = [];
  for (const r of runs)
    for (const d of r.backupReports!.jobs.daily)
      pushBar(values, OUTCOMES, r.variant, d.day, [d.completed, d.failed]);
  if (values.length === 0) return null;
  const title = 'Backup Reports: jobs per day';
  const inner = stackedBars(OUTCOMES, { x: 'day', state: 'status', count: 'jobs triggered' });
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
    for (const p of g.periods) pushBar(values, ADHERENCE, r.variant, p.from, [p.adherent, p.nonAdherent]);
  }
  if (values.length === 0) return null;
  const title = 'Backup Reports: policy adherence';
  const inner = stackedBars(ADHERENCE, { x: `${unit} from`, state: 'adherence', count: 'backup items' });
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
