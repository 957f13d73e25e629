// report.html in a real browser: headless Debian Chromium (driven by playwright-core)
// opens the file with every request off the machine blocked, every chart draws an SVG
// in its container, nothing is logged as an error, and a screenshot is kept for review
// (test-artifacts/report.png; CI can upload it). Without chromium the test is skipped
// locally, but fails under CI=true: .ci/run installs it, so missing means broken.
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCharts } from '../../reports/charts/index.js';
import { loadEmbedLibraries, renderHtml } from '../../reports/html.js';
import { fullResults } from '../reports/charts/fixture.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false';
const available = existsSync(CHROMIUM);
const artifacts = resolve(import.meta.dirname, '../../test-artifacts');

describe.skipIf(!available && !inCi)('report.html in Chromium', () => {
  it('is installed (CI installs it with apt-get in .ci/run)', () => {
    expect(available, `${CHROMIUM} is missing: apt-get install -y chromium`).toBe(true);
  });

  it.runIf(available)(
    'draws every chart offline with no console error, and saves a screenshot',
    async () => {
      const results = fullResults();
      const charts = buildCharts(results);
      const dir = mkdtempSync(join(tmpdir(), 'vaultsim-browser-'));
      const file = join(dir, 'report.html');
      writeFileSync(
        file,
        renderHtml(results, { file: 'tiny.yaml', version: 'test' }, charts, loadEmbedLibraries()),
      );

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        // Root in a container has no user namespaces for Chromium's sandbox.
        args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
        const problems: string[] = [];
        const offMachine: string[] = [];
        page.on('console', (m) => {
          if (m.type() === 'error' || m.type() === 'warning')
            problems.push(`console.${m.type()}: ${m.text()}`);
        });
        page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
        await page.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith('file:') || url.startsWith('data:') || url.startsWith('blob:'))
            return route.continue();
          offMachine.push(url);
          return route.abort();
        });
        await page.goto(pathToFileURL(file).href);
        await page.waitForSelector('body[data-charts="done"]', { timeout: 30_000 });

        const drawn = await page.$$eval('[data-chart]', (els) =>
          els.map((el) => ({
            name: el.getAttribute('data-chart'),
            state: el.getAttribute('data-rendered'),
            svg: el.querySelector('svg.marks, canvas') !== null,
            marks: el.querySelectorAll('svg .mark-group, svg path, svg rect').length,
          })),
        );
        expect(drawn.map((d) => d.name)).toEqual(charts.map((c) => c.name));
        for (const d of drawn) {
          expect(d.state, d.name ?? '').toBe('true');
          expect(d.svg, d.name ?? '').toBe(true);
          expect(d.marks, d.name ?? '').toBeGreaterThan(5);
        }
        expect(problems).toEqual([]);
        expect(offMachine).toEqual([]);

        mkdirSync(artifacts, { recursive: true });
        await page.screenshot({ path: join(artifacts, 'report.png'), fullPage: true });
        expect(existsSync(join(artifacts, 'report.png'))).toBe(true);
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
