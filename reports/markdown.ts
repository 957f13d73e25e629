// report.md: a run's figures as Markdown tables to paste into a design review (the
// tables are sections.ts's, shared with report.html), with the chart images written
// beside it linked when there are any.

import type { RunResult } from '../models/results/types.js';
import { scenarioLabel } from './scenario-file.js';
import { type ReportMeta, type ReportTable, reportSections } from './sections.js';

/** An image written next to report.md, shown under the sections' tables. */
export interface ReportImage {
  file: string;
  title: string;
}

/** report.md: a title, the scenario and tool, then every section's tables (and images, if given). */
export function renderMarkdown(
  results: readonly RunResult[],
  meta: ReportMeta,
  images: readonly ReportImage[] = [],
): string {
  const name = results[0]?.scenario ?? '';
  const lines = [
    `# ${escapeText(name)}: vaultsim report`,
    '',
    `Scenario \`${scenarioLabel(meta.file, meta.hash)}\`, ${results.length} run${results.length === 1 ? '' : 's'}, vaultsim ${meta.version}.`,
  ];
  for (const section of reportSections(results)) {
    lines.push('', `## ${section.heading}`);
    for (const t of section.tables) lines.push('', ...markdownTable(t));
  }
  if (images.length > 0) {
    lines.push('', '## Charts');
    for (const img of images) lines.push('', `### ${img.title}`, '', `![${img.title}](${img.file})`);
  }
  return `${lines.join('\n')}\n`;
}

/** One table as Markdown lines: a bold title, the note, then a GitHub-flavoured pipe table. */
export function markdownTable(t: ReportTable): string[] {
  const row = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const rule = `| ${t.columns.map((c) => (c.align === 'right' ? '---:' : ':---')).join(' | ')} |`;
  const head = [`**${escapeText(t.title)}**`, ...(t.note === '' ? [] : ['', escapeText(t.note)]), ''];
  // A table with no rows says so, as the terminal does, rather than showing a bare header.
  if (t.rows.length === 0) return [...head, '(none)'];
  return [...head, row(t.columns.map((c) => c.label)), rule, ...t.rows.map(row)];
}

// A pipe or a line break would end the cell early.
const escapeCell = (text: string): string => escapeText(text).replaceAll('|', '\\|').replace(/\r?\n/g, ' ');
// Characters Markdown would read as markup at the start of a title or in a cell.
const escapeText = (text: string): string => text.replace(/([\\`*_<>[\]])/g, '\\$1');
