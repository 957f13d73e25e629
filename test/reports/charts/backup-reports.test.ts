// The Backup Reports charts and report section (issue 19): valid vega-lite that compiles
// without a warning, carrying the views' figures; absent without diagnostics.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { adherenceChart, backupJobsChart, usageChart } from '../../../reports/charts/backup-reports.js';
import type { Chart } from '../../../reports/charts/index.js';
import { renderMarkdown } from '../../../reports/markdown.js';
import { reportSections } from '../../../reports/sections.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const require = createRequire(import.meta.url);
const schema = JSON.parse(readFileSync(require.resolve('vega-lite/vega-lite-schema.json'), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false, validateFormats: false }).compile(schema);

function results(diagnostics: boolean): RunResult[] {
  const text = `name: charts
duration: 5d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - { name: daily, schedule: { frequency: daily, at: "02:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - { name: web, count: 2, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily, failureRate: 30% } }
${diagnostics ? 'diagnostics: {}' : ''}
variants:
  more: { fleet.web.count: 3 }
`;
  const loaded = loadScenarioText(text, 'charts.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return loaded.scenarios.map((s) => simulate(s));
}

function warnings(c: Chart): string[] {
  const messages: string[] = [];
  const logger = {
    level: () => logger,
    info: () => logger,
    debug: () => logger,
    warn: (...args: unknown[]) => {
      messages.push(args.join(' '));
      return logger;
    },
    error: (...args: unknown[]) => {
      messages.push(args.join(' '));
      return logger;
    },
  };
  compile(c.spec, { logger: logger as never });
  return messages;
}

describe('Backup Reports charts', () => {
  const runs = results(true);
  const charts = [
    backupJobsChart(runs),
    adherenceChart(runs),
    usageChart(runs),
    backupJobsChart(runs.slice(0, 1)),
  ];

  it('are valid vega-lite and compile without a warning, alone and faceted by run', () => {
    for (const c of charts) {
      expect(c).not.toBeNull();
      expect(validate(c!.spec) ? [] : validate.errors?.slice(0, 3), c!.name).toEqual([]);
      expect(warnings(c!)).toEqual([]);
    }
  });

  it('carry the Jobs view’s figures: completed and failed per day', () => {
    const values = (charts[3]!.spec as unknown as { data: { values: { outcome: string; count: number }[] } })
      .data.values;
    const daily = runs[0].backupReports!.jobs.daily;
    expect(values.filter((v) => v.outcome === 'failed').map((v) => v.count)).toEqual(
      daily.map((d) => d.failed),
    );
    expect(values.filter((v) => v.outcome === 'completed').map((v) => v.count)).toEqual(
      daily.map((d) => d.completed),
    );
  });

  it('are absent without diagnostics, and so is the report section', () => {
    const plain = results(false);
    expect([backupJobsChart(plain), adherenceChart(plain), usageChart(plain)]).toEqual([null, null, null]);
    expect(reportSections(plain).map((s) => s.heading)).not.toContain('Backup Reports');
  });

  it('put every tab in the Markdown report, per run', () => {
    const md = renderMarkdown(runs, { file: 'charts.yaml', version: '0' });
    for (const tab of [
      'Summary',
      'Backup Items',
      'Usage',
      'Jobs',
      'Policies',
      'Optimize',
      'Policy adherence',
    ])
      expect(md).toContain(`**Backup Reports, ${tab}:`);
    expect(md).toContain('## Backup Reports');
    expect(md).toContain('(more)');
  });
});
