// The terminal table: pinned golden text for the tiny scenario, width limit, and layout.
import { describe, expect, it } from 'vitest';
import { buildSummary, type Summary } from '../../reports/summary.js';
import { MAX_WIDTH, renderTable } from '../../reports/table.js';
import { tinyResults } from './fixture.js';

const summary = buildSummary(tinyResults(), { file: 'tiny.yaml', version: '0.0.0' });

// The same runs under other names, to exercise layouts with many columns.
function withVariants(names: string[]): Summary {
  return {
    ...summary,
    runs: names.map((variant, i) => ({ ...summary.runs[i % summary.runs.length], variant })),
  };
}

describe('renderTable', () => {
  it('matches the golden text for the tiny scenario (base and one variant)', async () => {
    await expect(renderTable(summary)).toMatchFileSnapshot('./__snapshots__/table-tiny.txt');
  });

  it('shows deltas against the base only in variant columns', () => {
    const text = renderTable(summary);
    const vault = text.split('\n').find((l) => l.startsWith('  vault '));
    expect(vault).toMatch(/^ {2}vault +\d+ +\d+ \((=|[+-]\d+\.\d%|new)\)$/);
    expect(text).toMatch(/^ {2}fingerprint +[0-9a-f]+ +[0-9a-f]+$/m);
  });

  it('a single run has no deltas', () => {
    const text = renderTable({ ...summary, runs: [summary.runs[0]] });
    expect(text).not.toMatch(/\((=|new|[+-]\d)/);
    expect(text).toContain('1 run\n');
  });

  it('should never print a line wider than MAX_WIDTH, continuing runs in blocks', () => {
    const names = ['base', 'a-rather-long-variant-name', 'daily-7', 'another-long-variant-name', 'v5', 'v6'];
    const text = renderTable(withVariants(names));
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(MAX_WIDTH);
    const headers = text.split('\n').filter((l) => /^ +base|^ +\S*variant|^ +v5/.test(l));
    expect(headers.length).toBeGreaterThan(1);
    for (const name of names) expect(text).toContain(name);
  });

  it('is deterministic', () => {
    expect(renderTable(summary)).toBe(renderTable(buildSummary(tinyResults(), { file: 'x', version: '1' })));
  });
});
