// `vaultsim run --format html,md,svg,png`: the report files written into --out. Charts
// and documents are planned by reports/ (pure, except reading the vega libraries from
// node_modules for the HTML); this module only picks, renders and hands each file to the
// output folder, which writes it under a temporary name until the run commits (issue 21).

import { join } from 'node:path';
import type { RunResult } from '../models/results/types.js';
import type { ChartOptions } from '../reports/charts/index.js';
import type { ReportImage } from '../reports/markdown.js';
import type { ReportMeta } from '../reports/sections.js';
import type { ReportFormat } from './options.js';

export { parseReportFormats, REPORT_FORMATS, type ReportFormat } from './options.js';

/** Where report files go: the folder as the user typed it, and how a file is written into it. */
export interface OutDir {
  shown: string;
  write(name: string, data: string | Uint8Array): void;
}

/** Writes the report files of `formats` into `out`, saying so on `stderr` (one line per format); `charts` picks what charts show. */
export async function writeReports(
  results: readonly RunResult[],
  formats: readonly ReportFormat[],
  out: OutDir,
  meta: ReportMeta,
  stderr: { write(text: string): unknown },
  chartOptions: ChartOptions = {},
): Promise<void> {
  if (formats.length === 0) return;
  // Loaded only when a report is asked for: a plain `run` does not pay for them.
  const [{ buildCharts }, { loadEmbedLibraries, renderHtml }, { renderMarkdown }, { renderImages }] =
    await Promise.all([
      import('../reports/charts/index.js'),
      import('../reports/html.js'),
      import('../reports/markdown.js'),
      import('../reports/render.js'),
    ]);
  const charts = buildCharts(results, chartOptions);
  const write = (name: string, data: string | Uint8Array) => out.write(name, data);
  // report.md shows the images written beside it (SVG when both are), if any.
  const imageFormat = formats.includes('svg') ? 'svg' : formats.includes('png') ? 'png' : null;
  // Every chart is rendered to SVG once; PNG rasterises that SVG (issue 16).
  const imageFormats = formats.filter((f) => f === 'svg' || f === 'png');
  const images = imageFormats.length === 0 ? [] : await renderImages(charts, imageFormats);
  for (const format of formats) {
    if (format === 'html') {
      write('report.html', renderHtml(results, meta, charts, loadEmbedLibraries()));
      stderr.write(`wrote ${join(out.shown, 'report.html')} (${charts.length} charts)\n`);
    } else if (format === 'md') {
      const images: ReportImage[] =
        imageFormat === null ? [] : charts.map((c) => ({ file: `${c.name}.${imageFormat}`, title: c.title }));
      write('report.md', renderMarkdown(results, meta, images));
      stderr.write(`wrote ${join(out.shown, 'report.md')}\n`);
    } else {
      const files = images.filter((f) => f.name.endsWith(`.${format}`));
      for (const f of files) write(f.name, f.bytes);
      stderr.write(
        `wrote ${files.length} ${format.toUpperCase()} charts into ${out.shown}: ${files.map((f) => f.name).join(', ')}\n`,
      );
    }
  }
}
