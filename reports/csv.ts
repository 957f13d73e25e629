// timeseries.csv: every vault's end-of-day storage and recovery points, one row per
// run × vault × day, for spreadsheets and plotting tools. RFC 4180, `\n` line endings.

import type { RunResult } from '../models/results/types.js';
import { round } from './format.js';

/** The CSV's header, in column order. */
export const TIMESERIES_COLUMNS = [
  'variant',
  'vault',
  'day',
  'snapshot_bytes',
  'standard_bytes',
  'archive_bytes',
  'soft_deleted_bytes',
  'snapshot_points',
  'vault_points',
  'archive_points',
] as const;

/** Quotes a CSV field when RFC 4180 requires it (comma, quote, CR or LF), doubling inner quotes. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The time series of every run's vaults as CSV text, header first, each line ending in `\n`. */
export function timeseriesCsv(results: readonly RunResult[]): string {
  const lines = [TIMESERIES_COLUMNS.join(',')];
  for (const r of results)
    for (const v of r.vaults) {
      const d = v.daily;
      for (let k = 0; k < d.day.length; k++) {
        const row = [
          r.variant,
          v.name,
          d.day[k],
          round(d.snapshot[k]),
          round(d.standard[k]),
          round(d.archive[k]),
          round(d.softDeleted[k]),
          d.snapshotPoints[k],
          d.vaultPoints[k],
          d.archivePoints[k],
        ];
        lines.push(row.map(csvField).join(','));
      }
    }
  return `${lines.join('\n')}\n`;
}
