// workloads.csv (issue 17): every workload group's end-of-day recovery points and stored bytes
// by type, one row per run × group × day × type, for spreadsheets and plotting tools. RFC
// 4180, `\n` line endings. Written only when a run has SQL databases, shares or DPM servers.

import type { RunResult } from '../models/results/types.js';
import { csvField } from './csv.js';
import { round } from './format.js';
import { POINT_TYPES } from './summary-workloads.js';

/** The CSV's header, in column order. */
export const WORKLOADS_COLUMNS = ['variant', 'workload', 'group', 'day', 'type', 'points', 'bytes'] as const;

/** Whether any run has workloads (then `vaultsim run --out` writes workloads.csv). */
export const hasWorkloadRows = (results: readonly RunResult[]): boolean =>
  results.some((r) => r.workloads !== undefined);

/** The per-day series of every run's workload groups as CSV text, header first, each line ending in `\n`. */
export function workloadsCsv(results: readonly RunResult[]): string {
  const lines = [WORKLOADS_COLUMNS.join(',')];
  for (const r of results)
    for (const g of r.workloads?.groups ?? []) {
      const d = g.daily;
      for (let k = 0; k < d.day.length; k++)
        for (const t of POINT_TYPES) {
          const points = d.points[t];
          if (points === undefined) continue;
          const row = [r.variant, g.workload, g.group, d.day[k], t, points[k], round(d.bytes[t]?.[k] ?? 0)];
          lines.push(row.map(csvField).join(','));
        }
    }
  return `${lines.join('\n')}\n`;
}
