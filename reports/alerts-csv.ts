// alerts.csv: every run's alert timeline (issue 6), one row per firing of an alert instance,
// for spreadsheets. RFC 4180, `\n` line endings; instants as ISO 8601, durations in seconds.

import type { RunResult } from '../models/results/types.js';
import { csvField } from './csv.js';

/** The CSV's header, in column order. */
export const ALERTS_COLUMNS = [
  'variant',
  'rule',
  'severity',
  'instance',
  'fired_at',
  'resolved_at',
  'open_seconds',
] as const;

/** The alert timelines of every run with a monitor as CSV text, header first; `instance` is `k=v;k=v`. */
export function alertsCsv(results: readonly RunResult[]): string {
  const lines = [ALERTS_COLUMNS.join(',')];
  for (const r of results)
    for (const f of r.alerts?.timeline ?? []) {
      const instance = Object.entries(f.instance)
        .map(([k, v]) => `${k}=${v}`)
        .join(';');
      const open = f.resolvedAt === null ? '' : (Date.parse(f.resolvedAt) - Date.parse(f.firedAt)) / 1000;
      const row = [r.variant, f.rule, f.severity, instance, f.firedAt, f.resolvedAt ?? '', open];
      lines.push(row.map(csvField).join(','));
    }
  return `${lines.join('\n')}\n`;
}
