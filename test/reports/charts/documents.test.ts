// The report documents and images: report.md's tables, report.html's self-containment,
// SVG and PNG rendering in Node, all deterministic; and `vaultsim run --format`.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { buildCharts, type Chart } from '../../../reports/charts/index.js';
import { type EmbedLibraries, loadEmbedLibraries, renderHtml, tableBlock } from '../../../reports/html.js';
import { markdownTable, renderMarkdown } from '../../../reports/markdown.js';
import { chartSvg, renderImages, svgToPng } from '../../../reports/render.js';
import { reportSections } from '../../../reports/sections.js';
import { runIn, tempDir } from '../../cli/harness.js';
import { TINY } from '../fixture.js';
import { fullResults, tiny } from './fixture.js';

const META = { file: 'tiny.yaml', version: '9.9.9' };
let full: RunResult[];
let charts: Chart[];
let libs: EmbedLibraries;
beforeAll(() => {
  full = fullResults();
  charts = buildCharts(full);
  libs = loadEmbedLibraries();
});

describe('report.md', () => {
  it('has a section per kind of figure, and leaves out what a run does not have', () => {
    expect(reportSections(full).map((s) => s.heading)).toEqual([
      'Runs',
      'Storage and recovery points',
      'Cost',
      'Backup jobs',
      'What each policy keeps',
      'Disaster recovery',
      'Objectives',
      'Alerts',
    ]);
    expect(reportSections(tiny()).map((s) => s.heading)).not.toContain('Disaster recovery');
    expect(reportSections([])).toEqual([]);
  });

  it('writes pipe tables whose rows all have the header’s width', () => {
    const md = renderMarkdown(full, META);
    const tables = md
      .split('\n\n')
      .map((block) => block.trim())
      .filter((block) => block.startsWith('| '));
    expect(tables.length).toBeGreaterThan(8);
    for (const t of tables) {
      const widths = t.split('\n').map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(widths).size, t.split('\n')[0]).toBe(1);
    }
  });

  it('shows variants beside the base with their change, and every kept point with its tiers', () => {
    const md = renderMarkdown(full, META);
    expect(md).toContain('| :--- | ---: | ---: |');
    expect(md).toMatch(/\| kept by daily \| \d+ \| \d+ \(-\d+\.\d%\) \|/);
    expect(md).toContain('**What daily keeps at the end of base (app-001)**');
    expect(md).toMatch(/\| 2026-03-01 \d\d:\d\d UTC \| weekly \| 2026-03-29 \d\d:\d\d UTC \|/);
    expect(md).toContain('| RPO | all | 1d 0h | 1d 0h | 1d 3h | 0 of 2 VMs; 1 of 2 recoveries | MISSED |');
    expect(md).toContain('open at the end');
  });

  it('escapes what Markdown would read as markup', () => {
    const lines = markdownTable({
      title: 'a *b*',
      note: '',
      columns: [{ label: 'x|y', align: 'left' }],
      rows: [['p|q <r>']],
    });
    expect(lines).toEqual(['**a \\*b\\***', '', '| x\\|y |', '| :--- |', '| p\\|q \\<r\\> |']);
  });

  it('says (none) for a table without rows instead of a bare header, as the terminal does', () => {
    const lines = markdownTable({
      title: 'Optimize',
      note: 'Items with no recovery point in the last 7 days.',
      columns: [{ label: 'item', align: 'left' }],
      rows: [],
    });
    expect(lines).toEqual([
      '**Optimize**',
      '',
      'Items with no recovery point in the last 7 days.',
      '',
      '(none)',
    ]);
  });

  it('links the chart images written beside it', () => {
    const md = renderMarkdown(full, META, [{ file: 'storage.svg', title: 'Storage growth per tier' }]);
    expect(md).toContain('![Storage growth per tier](storage.svg)');
  });
});

describe('report.html', () => {
  it('is one self-contained file: libraries inline, no external reference', () => {
    const html = renderHtml(full, META, charts, libs);
    expect(html).not.toMatch(/\s(src|href)=["']?(https?:)?\/\//i);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toContain('sourceMappingURL');
    expect(html).toContain(libs.vega.slice(0, 200));
    expect(html.match(/<script\b/g)?.length).toBe(html.match(/<\/script>/g)?.length);
    // Library code, the draw script and one spec per chart.
    expect(html.match(/<script>/g)).toHaveLength(4);
  });

  it('embeds each chart’s spec as JSON, equal to the spec', () => {
    const html = renderHtml(full, META, charts, libs);
    for (const c of charts) {
      const m = html.match(new RegExp(`<script type="application/json" id="spec-${c.name}">(.*?)</script>`));
      expect(m, c.name).not.toBeNull();
      expect(JSON.parse(m![1])).toEqual(JSON.parse(JSON.stringify(c.spec)));
      expect(html).toContain(`<div class="view" data-chart="${c.name}"></div>`);
    }
  });

  it('should always give the same bytes for the same results', () => {
    expect(renderHtml(full, META, charts, libs)).toBe(
      renderHtml(structuredClone(full), META, buildCharts(full), libs),
    );
  });

  it('keeps inlined code from ending its script element early', () => {
    const tricky = { vega: 'var a = "</script><b>";', vegaLite: '', vegaEmbed: '' };
    const html = renderHtml(full, META, charts, tricky);
    expect(html).toContain('var a = "<\\/script><b>";');
    expect(html.match(/<script\b/g)?.length).toBe(html.match(/<\/script>/g)?.length);
  });

  it('says (none) for a table without rows instead of an empty table element', () => {
    const table = (rows: string[][]) =>
      tableBlock({ title: 'Optimize', note: 'n', columns: [{ label: 'item', align: 'left' }], rows });
    expect(table([])).toBe(
      [
        '<div class="table">',
        '<h3>Optimize</h3>',
        '<p class="note">n</p>',
        '<p class="note">(none)</p>',
        '</div>',
      ].join('\n'),
    );
    expect(table([['a']])).toContain('<tbody>\n<tr><td>a</td></tr>\n</tbody>');
    expect(table([['a']])).not.toContain('(none)');
  });

  it('escapes names from the scenario', () => {
    const [r] = full;
    const html = renderHtml([{ ...r, scenario: '<b>x</b>' }], META, [], libs);
    expect(html).toContain('<title>&lt;b&gt;x&lt;/b&gt;: vaultsim report</title>');
  });
});

describe('images', () => {
  it('renders each chart to SVG in Node, the same bytes every time', async () => {
    const a = await renderImages(charts, 'svg');
    const b = await renderImages(buildCharts(structuredClone(full)), 'svg');
    expect(a.map((f) => f.name)).toEqual(charts.map((c) => `${c.name}.svg`));
    for (let i = 0; i < a.length; i++) {
      const text = new TextDecoder().decode(a[i].bytes);
      expect(text.startsWith('<svg'), a[i].name).toBe(true);
      expect(Buffer.compare(a[i].bytes, b[i].bytes), a[i].name).toBe(0);
    }
  });

  it('renders PNGs the same bytes every time', async () => {
    const svg = await chartSvg(charts[0]);
    const a = svgToPng(svg);
    const b = svgToPng(svg);
    expect(Buffer.from(a.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
    expect(Buffer.compare(a, b)).toBe(0);
    // Scale 2: twice the SVG's width in pixels.
    const width = Number(svg.match(/width="(\d+)"/)![1]);
    expect(Buffer.from(a).readUInt32BE(16)).toBe(2 * width);
  });
});

describe('vaultsim run --format', () => {
  it('writes report.html, report.md and one SVG and PNG per chart into --out', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'tiny.yaml'), TINY);
    const run = await runIn(
      cwd,
      'run',
      'tiny.yaml',
      '--out',
      'out',
      '--format',
      'html,md',
      '--format',
      'svg,png',
    );
    expect(run.code).toBe(0);
    const names = ['storage', 'points', 'kept', 'cost', 'jobs'];
    expect(readdirSync(join(cwd, 'out')).sort()).toEqual(
      [
        // The folder's manifest (cli/out-folder.ts): which files this run owns.
        '.vaultsim-manifest.json',
        'report.html',
        'report.md',
        'summary.json',
        'timeseries.csv',
        'costs.csv',
        ...names.flatMap((n) => [`${n}.svg`, `${n}.png`]),
      ].sort(),
    );
    expect(run.stderr).toContain('wrote out/report.html (5 charts)');
    expect(run.stderr).toContain('wrote 5 PNG charts into out: storage.png, points.png');
    expect(readFileSync(join(cwd, 'out', 'report.md'), 'utf8')).toContain(
      '![Storage growth per tier](storage.svg)',
    );
    // The default output is unchanged: the table on stdout, no progress bar off a terminal.
    expect(run.stdout).toContain('Recovery points (end)');
    expect(run.stderr).not.toContain('ETA');
  });

  it('rejects an unknown format and --format with --no-out', async () => {
    const cwd = tempDir();
    writeFileSync(join(cwd, 'tiny.yaml'), TINY);
    const bad = await runIn(cwd, 'run', 'tiny.yaml', '--format', 'pdf');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--format takes html, md, svg, png, logs (comma-separated), got "pdf"');
    const noOut = await runIn(cwd, 'run', 'tiny.yaml', '--no-out', '--format', 'html');
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toContain('--format writes report files into the output directory');
    expect(existsSync(join(cwd, 'vaultsim-out'))).toBe(false);
  });
});
