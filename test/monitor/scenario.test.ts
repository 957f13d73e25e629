// The scenario's monitor: section: loading, references and limits, and a run whose backups
// feed alert rules (Backup Health Events, the jobs log, built-in alerts, vault storage).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../../models/scenario/types.js';
import { simulate } from '../../models/simulate.js';
import { alertsCsv } from '../../reports/alerts-csv.js';
import { ALERTS_SCHEMA, summariseAlerts } from '../../reports/summary-alerts.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { runIn, tempDir } from '../cli/harness.js';

const BASE = `name: monitored
seed: 3
duration: 10d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, softDelete: 14d }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 7 }
backupJobs: { startWindow: 0s }
fleet:
  - name: web
    count: 4
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily, failureRate: 40% }
`;

const MONITOR = `monitor:
  actionGroups:
    - { name: oncall, email: [ops@contoso.com], sms: ["+15550100"] }
  alerts:
    - name: backup-failed
      metric: Backup Health Events
      aggregation: count
      where: { healthStatus: { not: Healthy } }
      splitBy: [datasourceId]
      window: 1h
      every: 15m
      when: "> 0"
      severity: 1
      actions: [oncall]
    - name: failed-jobs-log
      log: AddonAzureBackupJobs
      where: { JobStatus: Failed }
      every: 1h
      lookback: 1h
      when: "> 0"
    - name: storage-over-1gib
      metric: Vault Storage
      where: { tier: standard }
      splitBy: [vault]
      aggregation: maximum
      window: 24h
      every: 1h
      when: "> 1073741824"
  builtIn: { actions: [oncall] }
  latency: { log: 2m }
`;

function load(text: string): Scenario {
  const r = loadScenarioText(text, 's.yaml');
  if (!r.ok) throw new Error(r.issues.map(renderIssue).join('\n'));
  return r.scenarios[0];
}

function problems(text: string): string[] {
  const r = loadScenarioText(text, 's.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

describe('monitor: section', () => {
  it('is null without the section, and normalised with defaults when present', () => {
    expect(load(BASE).monitor).toBeNull();
    const m = load(BASE + MONITOR).monitor!;
    expect(m.rules.map((r) => [r.name, r.kind, r.every / 60_000, r.autoResolve])).toEqual([
      ['backup-failed', 'metric', 15, true],
      ['failed-jobs-log', 'log', 60, false],
      ['storage-over-1gib', 'metric', 60, true],
    ]);
    expect(m.rules[0]).toMatchObject({
      conditions: [{ filters: [{ name: 'healthStatus', include: false, values: ['Healthy'] }] }],
    });
    expect(m.builtIn).toEqual({ jobFailure: true, actions: ['oncall'] });
    // §7.6 default for logs stays; the scenario's log latency overrides it.
    expect(m.latency).toEqual({
      metric: { kind: 'constant', value: 0 },
      log: { kind: 'constant', value: 120_000 },
    });
  });

  it('checks references: action groups, recovery plans, processing rules’ rules', () => {
    const text = `${BASE}monitor:
  alerts:
    - { name: a, metric: Vault Storage, when: "> 1", actions: [oncal, failover:plan-x] }
  processingRules:
    - { name: p, rules: [b], windows: [{ from: 1d, to: 2d }] }
  actionGroups:
    - { name: oncall }
    - { name: oncall }
`;
    expect(problems(text)).toEqual([
      's.yaml:23:64 monitor.alerts[0].actions[0]: unknown action "oncal": expected an action group, notify, failover:<recovery plan> or backup:<fleet group>; did you mean "oncall"?',
      's.yaml:23:71 monitor.alerts[0].actions[1]: unknown recovery plan "plan-x" (allowed: (no recovery plans defined))',
      's.yaml:25:26 monitor.processingRules[0].rules[0]: unknown alert rule "b"; did you mean "a"?',
      's.yaml:28:15 monitor.actionGroups[1].name: duplicate action group name "oncall" (first defined on line 27)',
    ]);
  });

  it('rejects a dynamic threshold and a processing window beyond the horizon', () => {
    const text = `${BASE}monitor:
  alerts:
    - { name: a, metric: Vault Storage, when: dynamic }
  processingRules:
    - { name: p, windows: [{ from: 20d, to: 21d }] }
`;
    expect(problems(text)).toEqual([
      's.yaml:23:47 monitor.alerts[0].when: dynamic thresholds are not supported yet (they learn from 3+ days of history, §7.6); use a static threshold like "> 70"',
      "s.yaml:25:36 monitor.processingRules[0].windows[0].from: windows.from 20d is beyond the scenario's duration 10d",
    ]);
  });
});

describe('a monitored run', () => {
  const scenario = load(BASE + MONITOR);
  const result = simulate(scenario);
  const alerts = result.alerts!;

  it('fires one built-in Sev 1 alert per failed job and one backup-failed instance per failing VM', () => {
    const failed = result.jobs[0].failed;
    expect(failed).toBeGreaterThan(0);
    const byRule = Object.fromEntries(alerts.rules.map((r) => [r.rule, r]));
    // No retries: every failed attempt is a job failure, each its own built-in alert (§7.5).
    expect(byRule['backup-failure']).toMatchObject({ kind: 'built-in', severity: 1, fired: failed });
    // Failures come at 22:00 each day; a 1-hour window over 15-minute checks sees each one
    // from 22:15 to 23:00, and it resolves at the third healthy check, 23:45.
    const metric = alerts.timeline.filter((f) => f.rule === 'backup-failed');
    expect(metric.length).toBe(failed);
    for (const f of metric) {
      expect(f.firedAt).toMatch(/T22:15:00.000Z$/);
      expect(f.resolvedAt).toMatch(/T23:45:00.000Z$/);
      expect(Object.keys(f.instance)).toEqual(['datasourceId']);
    }
    // Stateless log rule, hourly over the last hour: a failure at 22:00, seen at 22:02, fires at 23:00.
    const log = alerts.timeline.filter((f) => f.rule === 'failed-jobs-log');
    const days = new Set(metric.map((f) => f.firedAt.slice(0, 10)));
    expect(log.map((f) => f.firedAt.slice(0, 10))).toEqual([...days].sort());
    for (const f of log) expect(f.firedAt).toMatch(/T23:00:00.000Z$/);
  });

  it('samples vault storage daily and alerts once the standard tier passes 1 GiB', () => {
    const storage = alerts.timeline.filter((f) => f.rule === 'storage-over-1gib');
    expect(storage).toHaveLength(1);
    expect(storage[0].instance).toEqual({ vault: 'rsv' });
    expect(storage[0].resolvedAt).toBeNull();
  });

  it('routes to the action group within the SMS limit, and is deterministic', () => {
    const r = alerts.rules.find((x) => x.rule === 'backup-failed')!;
    // Several VMs fail at 22:00 the same day and fire together at 22:15: one SMS that day.
    expect(r.suppressedByRateLimit).toBeGreaterThan(0);
    expect(r.notificationsSent).toBeGreaterThan(0);
    expect(simulate(scenario).alerts).toEqual(alerts);
  });

  it('writes the timeline as alerts.csv and a summary part matching its schema node', () => {
    const csv = alertsCsv([result]);
    const lines = csv.trimEnd().split('\n');
    expect(lines[0]).toBe('variant,rule,severity,instance,fired_at,resolved_at,open_seconds');
    expect(lines).toHaveLength(alerts.timeline.length + 1);
    expect(lines.find((l) => l.includes(',backup-failed,'))).toMatch(
      /^base,backup-failed,1,datasourceId=web-\d+,.*,5400$/,
    );
    expect(summariseAlerts(alerts)).toEqual(alerts);
    expect(ALERTS_SCHEMA.anyOf).toBeDefined();
  });

  it('vaultsim run --out writes alerts.csv when the scenario has a monitor section', async () => {
    const dir = tempDir();
    const file = join(dir, 's.yaml');
    writeFileSync(file, BASE + MONITOR);
    const run = await runIn(dir, 'run', 's.yaml', '--out', 'out', '--quiet');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('wrote out/alerts.csv');
    expect(readFileSync(join(dir, 'out', 'alerts.csv'), 'utf8')).toBe(alertsCsv([result]));
  });
});
