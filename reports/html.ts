// report.html: one self-contained file that opens offline. It holds every chart's
// vega-lite spec (as JSON in a script element, the data inline), the report's tables,
// and the code of vega, vega-lite and vega-embed copied from node_modules, so nothing is
// fetched: no CDN, no network. Same results and libraries, same bytes.
//
//   results ─▶ charts (specs) + sections (tables) ─▶ HTML text (renderHtml, pure)
//   node_modules ─▶ library code (loadEmbedLibraries, reads three files)

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RunResult } from '../models/results/types.js';
import type { Chart } from './charts/index.js';
import { scenarioLabel } from './scenario-file.js';
import { type ReportMeta, type ReportTable, reportSections } from './sections.js';

/** The browser builds of the three libraries, as JavaScript text. */
export interface EmbedLibraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

/**
 * Reads the minified browser builds shipped in the vega, vega-lite and vega-embed packages.
 * Their source-map comments are dropped: a browser's developer tools would try to fetch them.
 */
export function loadEmbedLibraries(): EmbedLibraries {
  const require = createRequire(import.meta.url);
  // The packages export their schemas and entry points, not build/, so find build/ from those.
  const build = (entry: string) => dirname(require.resolve(entry));
  const read = (dir: string, file: string) =>
    readFileSync(join(dir, file), 'utf8').replace(/\n?\/\/# sourceMappingURL=\S*\s*$/, '\n');
  return {
    vega: read(build('vega/vega-schema.json'), 'vega.min.js'),
    vegaLite: read(build('vega-lite/vega-lite-schema.json'), 'vega-lite.min.js'),
    vegaEmbed: read(build('vega-embed'), 'vega-embed.min.js'),
  };
}

/** The whole report.html text: header, charts, tables, then the libraries and the script that draws the charts. */
export function renderHtml(
  results: readonly RunResult[],
  meta: ReportMeta,
  charts: readonly Chart[],
  libs: EmbedLibraries,
): string {
  const name = results[0]?.scenario ?? '';
  const sections = reportSections(results);
  const nav = [
    ...charts.map((c) => `<a href="#chart-${c.name}">${esc(c.title)}</a>`),
    ...sections.map((s) => `<a href="#${slug(s.heading)}">${esc(s.heading)}</a>`),
  ];
  const body = [
    '<header>',
    `<h1>${esc(name)}: vaultsim report</h1>`,
    `<p>Scenario <code>${esc(scenarioLabel(meta.file, meta.hash))}</code>, ${results.length} run${results.length === 1 ? '' : 's'} (${results.map((r) => esc(r.variant)).join(', ')}), vaultsim ${esc(meta.version)}.</p>`,
    `<nav>${nav.join(' · ')}</nav>`,
    '</header>',
    '<main>',
    ...(charts.length === 0
      ? []
      : ['<section id="charts">', '<h2>Charts</h2>', ...charts.map(chartBlock), '</section>']),
    ...sections.flatMap((s) => [
      `<section id="${slug(s.heading)}">`,
      `<h2>${esc(s.heading)}</h2>`,
      ...s.tables.map(tableBlock),
      '</section>',
    ]),
    '</main>',
  ];
  return `${[
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="vaultsim">',
    `<title>${esc(name)}: vaultsim report</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    ...body,
    inlineScript(libs.vega),
    inlineScript(libs.vegaLite),
    inlineScript(libs.vegaEmbed),
    inlineScript(DRAW),
    '</body>',
    '</html>',
  ].join('\n')}\n`;
}

// A chart: its title, the element vega-embed draws into, and its spec as JSON.
function chartBlock(c: Chart): string {
  return [
    `<figure class="chart" id="chart-${c.name}">`,
    `<figcaption>${esc(c.title)}</figcaption>`,
    `<div class="view" data-chart="${c.name}"></div>`,
    `<script type="application/json" id="spec-${c.name}">${jsonInScript(c.spec)}</script>`,
    '</figure>',
  ].join('\n');
}

/** One table as an HTML block: its title, note, and the table, or (none) when it has no rows. */
export function tableBlock(t: ReportTable): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${t.columns[i]?.align === 'right' ? ' class="num"' : ''}>${esc(text)}</${tag}>`;
  // A table with no rows says so, as the terminal does, rather than showing a bare header.
  const body =
    t.rows.length === 0
      ? ['<p class="note">(none)</p>']
      : [
          '<table>',
          `<thead><tr>${t.columns.map((c, i) => cell('th', c.label, i)).join('')}</tr></thead>`,
          '<tbody>',
          ...t.rows.map((r) => `<tr>${r.map((text, i) => cell('td', text, i)).join('')}</tr>`),
          '</tbody>',
          '</table>',
        ];
  return [
    '<div class="table">',
    `<h3>${esc(t.title)}</h3>`,
    ...(t.note === '' ? [] : [`<p class="note">${esc(t.note)}</p>`]),
    ...body,
    '</div>',
  ].join('\n');
}

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

// JSON that cannot end its script element: every "<" as \u003c (the same JSON value).
const jsonInScript = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c');

// Code inside <script>: a "</script" would end the element early ("<\/" means "</" in the
// strings and regular expressions such text can appear in). The libraries have none today.
const inlineScript = (code: string): string => `<script>${code.replace(/<\/(script)/gi, '<\\/$1')}</script>`;

const slug = (heading: string): string => heading.toLowerCase().replace(/[^a-z0-9]+/g, '-');

// Draws every chart; a chart that fails shows its error in place (and in the console).
const DRAW = `(function () {
  var views = document.querySelectorAll('[data-chart]');
  var pending = [];
  for (var i = 0; i < views.length; i++) {
    (function (el) {
      var name = el.getAttribute('data-chart');
      var spec = JSON.parse(document.getElementById('spec-' + name).textContent);
      var options = { renderer: 'svg', actions: { export: true, source: true, compiled: false, editor: false } };
      pending.push(vegaEmbed(el, spec, options).then(function () {
        el.setAttribute('data-rendered', 'true');
      }, function (error) {
        el.setAttribute('data-rendered', 'error');
        el.textContent = 'This chart could not be drawn: ' + error;
        console.error(error);
      }));
    })(views[i]);
  }
  Promise.all(pending).then(function () { document.body.setAttribute('data-charts', 'done'); });
})();`;

const STYLE = `
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 2rem; color: #222; }
h1 { font-size: 1.6rem; margin-bottom: 0.3rem; }
h2 { border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 1.2rem 0 0.3rem; }
nav { font-size: 0.9rem; line-height: 1.6; }
nav a { color: #2b5c8a; }
figure.chart { margin: 1.5rem 0; overflow-x: auto; }
/* The chart draws its own title; the caption names the figure for screen readers and links. */
figure.chart figcaption { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
.note { color: #555; font-size: 0.9rem; margin: 0 0 0.4rem; }
table { border-collapse: collapse; font-size: 0.85rem; }
th, td { border: 1px solid #ddd; padding: 0.2rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.table { overflow-x: auto; }
@media print { figure.chart { break-inside: avoid; } nav { display: none; } }
`;
