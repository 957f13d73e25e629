// timeseries.csv: one row per run × vault × day, RFC 4180 quoting, `\n` line endings.
import { describe, expect, it } from 'vitest';
import { csvField, TIMESERIES_COLUMNS, timeseriesCsv } from '../../reports/csv.js';
import { tinyResults } from './fixture.js';

describe('timeseriesCsv', () => {
  const results = tinyResults();
  const text = timeseriesCsv(results);
  const lines = text.split('\n');

  it('starts with the header and has one row per run, vault and day', () => {
    expect(lines[0]).toBe(
      'variant,vault,day,snapshot_bytes,standard_bytes,archive_bytes,soft_deleted_bytes,snapshot_points,vault_points,archive_points',
    );
    const rows = results.reduce((n, r) => n + r.vaults.reduce((m, v) => m + v.daily.day.length, 0), 0);
    expect(rows).toBe(2 * 10);
    expect(lines).toHaveLength(1 + rows + 1);
    expect(lines.at(-1)).toBe('');
    expect(text).not.toContain('\r');
  });

  it('writes the daily samples as they are, bytes as integers', () => {
    const v = results[1].vaults[0];
    const k = 4;
    const row = lines.find((l) => l.startsWith(`daily-7,rsv,${k + 1},`));
    expect(row?.split(',')).toEqual([
      'daily-7',
      'rsv',
      String(v.daily.day[k]),
      String(Math.round(v.daily.snapshot[k])),
      String(Math.round(v.daily.standard[k])),
      String(Math.round(v.daily.archive[k])),
      String(Math.round(v.daily.softDeleted[k])),
      String(v.daily.snapshotPoints[k]),
      String(v.daily.vaultPoints[k]),
      String(v.daily.archivePoints[k]),
    ]);
    for (const l of lines.slice(1, -1)) expect(l.split(',')).toHaveLength(TIMESERIES_COLUMNS.length);
  });

  it('quotes a field only when RFC 4180 requires it', () => {
    expect(csvField('base')).toBe('base');
    expect(csvField(12)).toBe('12');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
  });
});
