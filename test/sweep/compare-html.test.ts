// `vaultsim compare --format html`: the comparison table on stdout, and report.html in --out
// with the base and the variant on the same charts.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runIn, tempDir } from '../cli/harness.js';
import { TINY } from '../reports/fixture.js';

describe('vaultsim compare --format html', () => {
  it('writes report.html with every run on the same charts', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny.yaml'), TINY);
    const r = await runIn(dir, 'compare', 'tiny.yaml', '--format', 'html', '--out', 'cmp');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('daily-7');
    expect(r.stderr).toMatch(/wrote cmp\/report\.html \(\d+ charts\)/);
    const html = readFileSync(join(dir, 'cmp', 'report.html'), 'utf8');
    // Both runs appear in the embedded chart data.
    expect(html).toContain('"base"');
    expect(html).toContain('"daily-7"');
    expect(html).not.toMatch(/<script[^>]+src="http/);
  });

  it('refuses an unknown format as bad input', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny.yaml'), TINY);
    const r = await runIn(dir, 'compare', 'tiny.yaml', '--format', 'pdf');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format takes text, md or html.');
  });
});
