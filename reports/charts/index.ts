// Every chart of a report, in report order: RunResult[] (base first, then variants) →
// vega-lite specs. A chart whose data no run has (no replication, no alerts) is left out.

import type { CostSplit } from '../../models/pricing/types.js';
import type { RunResult } from '../../models/results/types.js';
import { alertsChart } from './alerts.js';
import { adherenceChart, backupJobsChart, usageChart } from './backup-reports.js';
import type { Chart } from './common.js';
import { costChart } from './cost.js';
import { jobsChart } from './jobs.js';
import { keptChart } from './kept.js';
import { pointsChart } from './points.js';
import { recoveryChart } from './recovery.js';
import { replicationChart } from './replication.js';
import { restoresChart } from './restores.js';
import { storageChart } from './storage.js';

export type { Chart } from './common.js';
export { VEGA_LITE_SCHEMA } from './common.js';

/** Choices that change what a chart shows. */
export interface ChartOptions {
  /** The dimension the monthly cost chart is stacked by (`run --cost-by`); meter when absent. */
  costBy?: CostSplit;
}

/** The chart builders in report order. */
export const CHART_BUILDERS: readonly ((
  results: readonly RunResult[],
  options: ChartOptions,
) => Chart | null)[] = [
  storageChart,
  pointsChart,
  keptChart,
  (results, options) => costChart(results, options.costBy),
  jobsChart,
  recoveryChart,
  restoresChart,
  replicationChart,
  alertsChart,
  // Issue 19: Backup Reports' Jobs, Policy adherence and Usage tabs.
  backupJobsChart,
  adherenceChart,
  usageChart,
];

/** The charts of a scenario's runs whose data is present, in report order. */
export function buildCharts(results: readonly RunResult[], options: ChartOptions = {}): Chart[] {
  return CHART_BUILDERS.map((build) => build(results, options)).filter((c): c is Chart => c !== null);
}
