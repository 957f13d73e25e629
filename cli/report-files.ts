// `vaultsim run --format html,md,svg,png`: the report files written into --out. Charts
// and documents are planned by reports/ (pure, except reading the vega libraries from
// node_modules for the HTML); this module only picks, renders and writes.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { RunResult } from '../models/results/types.js';
import { buildCharts, type ChartOptions } from '../reports/charts/index.js';
import { loadEmbedLibraries, renderHtml } from '../reports/html.js';
import { type ReportImage, renderMarkdown } from '../reports/markdown.js';
import { renderImages } from '../reports/render.js';
import type { ReportMeta } from '../reports/sections.js';
import { InputError } from './errors.js';

/** The report formats `vaultsim run --format` writes, each as files in --out. */
export const REPORT_FORMATS = ['html', 'md', 'svg', 'png'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Parses `--format html,svg` (a comma list, the option repeatable) into formats in REPORT_FORMATS order. */
export function parseReportFormats(value: string, previous: ReportFormat[] = []): ReportFormat[] {
  const wanted = new Set<string>(previous);
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (!(REPORT_FORMATS as readonly string[]).includes(name))
      throw new InvalidArgumentError(
        `--format takes ${REPORT_FORMATS.join(', ')} (comma-separated), got "${part}".`,
      );
    wanted.add(name);
  }
  return REPORT_FORMATS.filter((f) => wanted.has(f));
}

/** Where report files go: the directory as the user typed it and as an absolute path. */
export interface OutDir {
  shown: string;
  abs: string;
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
  const charts = buildCharts(results, chartOptions);
  const write = (name: string, data: string | Uint8Array) => {
    try {
      writeFileSync(join(out.abs, name), data);
    } catch (error) {
      const e = error as NodeJS.ErrnoException;
      throw new InputError(`cannot write ${join(out.shown, name)}: ${e.code ?? e.message}.`);
    }
  };
  // report.md shows the images written beside it (SVG when both are), if any.
  const imageFormat = formats.includes('svg') ? 'svg' : formats.includes('png') ? 'png' : null;
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
      const files = await renderImages(charts, format);
      for (const f of files) write(f.name, f.bytes);
      stderr.write(
        `wrote ${files.length} ${format.toUpperCase()} charts into ${out.shown}: ${files.map((f) => f.name).join(', ')}\n`,
      );
    }
  }
}
