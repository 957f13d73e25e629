// restores.csv (issue 18): the restore jobs log, one row per run × restore job — operation
// Restore, who asked, status, option, target, point used, destination, each phase and the
// duration — for spreadsheets and log tools. RFC 4180, `\n` line endings.

import type { RunResult } from '../models/results/types.js';
import { csvField } from './csv.js';
import { round } from './format.js';

/** The CSV's header, in column order. */
export const RESTORES_COLUMNS = [
  'variant',
  'job',
  'operation',
  'origin',
  'label',
  'vm',
  'option',
  'target',
  'status',
  'requested_at',
  'ended_at',
  'point_at',
  'point_source',
  'region',
  'zone',
  'queueing_s',
  'preparing_s',
  'transfer_s',
  'boot_s',
  'duration_s',
  'bytes',
  'note',
] as const;

/** Every run's restore jobs as CSV text, header first (only the header when none ran). */
export function restoresCsv(results: readonly RunResult[]): string {
  const lines = [RESTORES_COLUMNS.join(',')];
  for (const r of results)
    for (const j of r.restores?.jobs ?? []) {
      const row = [
        r.variant,
        j.id,
        'Restore',
        j.origin,
        j.label,
        j.vm,
        j.option,
        j.target,
        j.status,
        j.requestedAt,
        j.endedAt ?? '',
        j.point?.at ?? '',
        j.point?.source ?? '',
        j.destination?.region ?? '',
        j.destination?.zone ?? '',
        round(j.phases.queueing, 3),
        round(j.phases.preparing, 3),
        round(j.phases.transfer, 3),
        round(j.phases.boot, 3),
        j.durationSeconds === null ? '' : round(j.durationSeconds, 3),
        round(j.bytes),
        j.note,
      ];
      lines.push(row.map(csvField).join(','));
    }
  return `${lines.join('\n')}\n`;
}
