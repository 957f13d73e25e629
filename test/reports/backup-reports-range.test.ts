// The Backup Reports range label names the days the tables show: `range.to` is exclusive
// (the range ends at its midnight), so the label ends on the day before it.
import { describe, expect, it } from 'vitest';
import type { BackupReportsResult, ReportRange } from '../../models/backup-reports/types.js';
import { rangeNote } from '../../reports/sections-backup-reports.js';

const note = (range: ReportRange) => rangeNote({ range } as BackupReportsResult);

describe('Backup Reports range label', () => {
  it('should always end on the last day shown, the day before the exclusive `to`', () => {
    expect(note({ from: '2026-03-31', to: '2026-04-30', days: 30, asked: 30, cutBy: null })).toBe(
      'Last 30 completed days, 2026-03-31 to 2026-04-29 (UTC); storage and protected instances at the end of the range.',
    );
  });

  it('crosses a month and a year end, and says why a range was cut', () => {
    expect(note({ from: '2025-12-30', to: '2026-01-01', days: 2, asked: 14, cutBy: 'run' })).toBe(
      'Last 2 completed days, 2025-12-30 to 2025-12-31 (UTC) (cut from 14 days: the run has no more completed days); storage and protected instances at the end of the range.',
    );
    expect(note({ from: '2024-02-29', to: '2024-03-01', days: 1, asked: 1, cutBy: null })).toMatch(
      /^Last completed day, 2024-02-29 \(UTC\);/,
    );
  });

  it('names no day when the range has none', () => {
    expect(note({ from: '2026-01-01', to: '2026-01-01', days: 0, asked: 7, cutBy: 'run' })).toBe(
      'No completed day (UTC) (cut from 7 days: the run has no more completed days); storage and protected instances at the end of the range.',
    );
  });
});
