// Every chart of a report, in report order: RunResult[] (base first, then variants) →
// vega-lite specs. A chart whose data no run has (no replication, no alerts) is left out.

import type { RunResult } from '../../models/results/types.js';
import { alertsChart } from './alerts.js';
import type { Chart } from './common.js';
import { costChart } from './cost.js';
import { jobsChart } from './jobs.js';
import { keptChart } from './kept.js';
import { pointsChart } from './points.js';
import { recoveryChart } from './recovery.js';
import { replicationChart } from './replication.js';
import { storageChart } from './storage.js';

export type { Chart } from './common.js';
export { VEGA_LITE_SCHEMA } from './common.js';

/** The chart builders in report order. */
export const CHART_BUILDERS: readonly ((results: readonly RunResult[]) => Chart | null)[] = [
  storageChart,
  pointsChart,
  keptChart,
  costChart,
  jobsChart,
  recoveryChart,
  replicationChart,
  alertsChart,
];

/** The charts of a scenario's runs whose data is present, in report order. */
export function buildCharts(results: readonly RunResult[]): Chart[] {
  return CHART_BUILDERS.map((build) => build(results)).filter((c): c is Chart => c !== null);
}
