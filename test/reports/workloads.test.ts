// The workloads in every report (issue 17): summary.json (valid under the published schema,
// byte-stable for a seed), the run table, workloads.csv and the report sections; and the
// monitor seeing workload jobs as it sees VM jobs.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../models/results/types.js';
import { simulate } from '../../models/simulate.js';
import { reportSections } from '../../reports/sections.js';
import { buildSummary } from '../../reports/summary.js';
import { SUMMARY_SCHEMA } from '../../reports/summary.schema.js';
import { renderTable } from '../../reports/table.js';
import { WORKLOADS_COLUMNS, workloadsCsv } from '../../reports/workloads-csv.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { findTemplate } from '../../scenarios/templates/index.js';

/** Runs every run of a template, shortened to `days`. */
function runTemplate(name: string, days: number, extra = ''): RunResult[] {
  const text =
    findTemplate(name)!
      .text.replace(/^duration: .*$/m, `duration: ${days}d`)
      .replace(/^events:[\s\S]*$/m, '') + extra;
  const loaded = loadScenarioText(text, `${name}.yaml`);
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.scenarios.map((s) => simulate(s));
}

const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);

describe('SQL in the reports', () => {
  const results = runTemplate('sql-in-vm', 20);
  const summary = buildSummary(results, { file: 'sql-in-vm.yaml', version: '9.9.9' });

  it('summary.json has the workloads, valid under the published schema (v2)', () => {
    expect(summary.schemaVersion).toBe(2);
    const w = summary.runs[0].workloads!;
    expect(w.groups.map((g) => [g.workload, g.group, g.items])).toEqual([['sql', 'sql:sql-weekly', 8]]);
    expect(Object.keys(w.groups[0].points.end)).toEqual(['full', 'differential', 'log', 'archive']);
    expect(Object.keys(w.groups[0].jobs)).toEqual(['full', 'differential', 'log']);
    const ok = validate(JSON.parse(JSON.stringify(summary)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // The SQL jobs are a job group of their own, kind sql, beside the VM policy's.
    expect(summary.runs[0].jobs.map((j) => [j.policy, j.kind])).toEqual([
      ['vm-daily', 'azure-vm'],
      ['sql:sql-weekly', 'sql'],
    ]);
  });

  it('is byte-identical for the same seed', () => {
    const again = buildSummary(runTemplate('sql-in-vm', 20), { file: 'sql-in-vm.yaml', version: '9.9.9' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(summary));
  });

  it('the table shows points, storage and jobs by type, and the RPO between points', () => {
    const text = renderTable(summary);
    expect(text).toContain('\nWorkloads\n');
    expect(text).toMatch(/ {2}group \/ type +items +points +peak +stored +peak stored +jobs ok +failed/);
    expect(text).toMatch(/\n {4}log +[\d,]+ +[\d,]+ +[\d.]+ GiB/);
    expect(text).toContain('RPO between points (log backups: the log-backup RPO) sql:sql-weekly: p50 15m 0s');
  });

  it('workloads.csv has a row per day and type', () => {
    const csv = workloadsCsv(results).trimEnd().split('\n');
    expect(csv[0]).toBe(WORKLOADS_COLUMNS.join(','));
    // 20 days × 4 types of one group.
    expect(csv.length).toBe(1 + 20 * 4);
    expect(csv[1]).toMatch(/^base,sql,sql:sql-weekly,1,full,\d+,\d+$/);
  });

  it('the report has a Workloads section', () => {
    const section = reportSections(results).find((s) => s.heading === 'Workloads')!;
    expect(section.tables.map((t) => t.title)).toEqual(['Workloads by type: base']);
    expect(section.tables[0].rows.map((r) => r[1])).toEqual(['full', 'differential', 'log', 'archive']);
  });
});

describe('file shares in the reports', () => {
  const results = runTemplate('file-shares', 85);
  const summary = buildSummary(results, { file: 'file-shares.yaml', version: '9.9.9' });

  it('summary.json has both policies with snapshot and vault types, and the restores; valid under the schema', () => {
    const w = summary.runs[0].workloads!;
    expect(w.groups.map((g) => [g.group, g.items, Object.keys(g.points.end)])).toEqual([
      ['files:team-4h', 10, ['snapshot', 'vault']],
      ['files:finance-vaulted', 2, ['snapshot', 'vault']],
    ]);
    // The item restore of day 45 10:00 on each of the ten team shares, from last night's
    // snapshot; then, on day 80, each finance share as it was 40 days before: only in the vault.
    expect(w.fileRestores).toHaveLength(12);
    expect(w.fileRestores.slice(10).map((r) => [r.share, r.tier, r.outcome, r.to])).toEqual([
      ['stfinance/finance-01', 'vault', 'ok', 'alternate'],
      ['stfinance/finance-02', 'vault', 'ok', 'alternate'],
    ]);
    expect(w.fileRestores[0]).toEqual({
      share: 'stteams/team-01',
      at: '2026-02-15T10:00:00.000Z',
      kind: 'items',
      items: 12,
      to: 'original',
      outcome: 'ok',
      tier: 'snapshot',
      point: '2026-02-14T23:00:00.000Z',
      bytes: 0,
      note: 'from a share snapshot',
    });
    expect(validate(JSON.parse(JSON.stringify(summary)))).toBe(true);
    // Share snapshots are billed with the storage account, not as instant-restore snapshots.
    expect(summary.runs[0].cost.totals.fileShareSnapshots.amount).toBeGreaterThan(0);
    expect(summary.runs[0].cost.totals.snapshots.amount).toBe(0);
  });

  it('the table lists the restores: an item restore by its item count (item sizes are not modelled)', () => {
    expect(renderTable(summary)).toContain(
      '    2026-02-15 10:00 stteams/team-01: items to original location, from the snapshot tier, point 2026-02-14 23:00, 12 items',
    );
  });
});

describe('determinism', () => {
  it.each([
    ['sql-in-vm', 15],
    ['file-shares', 85],
    ['mabs', 110],
  ] as const)('%s: the same seed gives byte-identical summary.json and workloads.csv', (name, days) => {
    const once = runTemplate(name, days);
    const twice = runTemplate(name, days);
    const meta = { file: `${name}.yaml`, version: '9.9.9' };
    expect(JSON.stringify(buildSummary(twice, meta))).toBe(JSON.stringify(buildSummary(once, meta)));
    expect(workloadsCsv(twice)).toBe(workloadsCsv(once));
  });
});

describe('the monitor sees SQL jobs', () => {
  it('a log backup that fails in an outage fires the built-in job failure alert, datasource SQLDataBase', () => {
    const monitor = `
monitor:
  alerts:
    - { name: sql-failures, metric: Backup Health Events, aggregation: count, window: 15m, every: 5m,
        when: "> 0", where: { datasourceType: SQLDataBase, healthStatus: { not: Healthy } } }
  builtIn: { jobFailure: true }
events:
  - { at: 10d10h7m, outage: { region: eastus, for: 2h } }
`;
    const [r] = runTemplate('sql-in-vm', 12, monitor);
    const rules = r.alerts!.rules;
    expect(rules.find((x) => x.rule === 'sql-failures')!.fired).toBeGreaterThan(0);
    const builtIn = r.alerts!.timeline.filter((f) => f.rule === 'backup-failure');
    expect(builtIn.some((f) => f.instance.datasourceId === 'sqlvm-001/erp')).toBe(true);
  });
});
