// Job outcomes per day: attempts that succeeded and failed during each day of each run,
// stacked over the run's policies (the tooltip names the policy of each segment).

import type { RunResult } from '../../models/results/types.js';
import {
  afterDays,
  asSpec,
  type Chart,
  CONFIG,
  dateOf,
  frame,
  HEIGHT,
  perRun,
  type Row,
  WIDTH,
} from './common.js';

const OUTCOMES = { domain: ['succeeded', 'failed'], range: ['#54a24b', '#e45756'] };

/** The stacked-bar chart of job outcomes per day, or null when no run attempted a job. */
export function jobsChart(results: readonly RunResult[]): Chart | null {
  const values: Row[] = [];
  for (const r of results)
    for (const j of r.jobs)
      j.daily.day.forEach((day, i) => {
        // Day k runs from k−1 to k days after the start: the bar sits on its first instant.
        const date = dateOf(afterDays(r.start, day - 1));
        const counts: [string, number][] = [
          ['succeeded', j.daily.succeeded[i]],
          ['failed', j.daily.failed[i]],
        ];
        counts.forEach(([outcome, count], order) => {
          if (count > 0) values.push({ run: r.variant, date, day, policy: j.policy, outcome, order, count });
        });
      });
  if (values.length === 0) return null;
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonthdate', title: 'day' },
      y: {
        field: 'count',
        type: 'quantitative',
        stack: 'zero',
        title: 'job attempts',
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: { field: 'outcome', type: 'nominal', scale: OUTCOMES, legend: { title: 'outcome' } },
      order: { field: 'order', type: 'quantitative' },
      tooltip: [
        { field: 'run', type: 'nominal' },
        { field: 'date', type: 'nominal', title: 'day starting' },
        { field: 'policy', type: 'nominal' },
        { field: 'outcome', type: 'nominal' },
        { field: 'count', type: 'quantitative', format: ',d' },
      ],
    },
  };
  return {
    name: 'jobs',
    title: 'Job outcomes per day',
    spec: asSpec({
      ...frame(
        'Job outcomes per day',
        'Backup job attempts that succeeded or failed during each day.',
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}
