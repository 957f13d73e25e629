// Alert rules and test-alerts cases that could never be what they claim: a case whose rule
// reads a metric (or table) none of its inputs has, an expected firing that resolves before
// it fires (both bad input, exit 2), and a rule whose window is shorter than its frequency
// (a warning in a scenario: what falls between two windows is never evaluated, §7.2, §7.3).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAlertCasesText } from '../../scenarios/alert-cases.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { runIn, tempDir } from '../cli/harness.js';

/** The rendered issues of loading `text` as cases.yaml. */
function problems(text: string): string[] {
  const r = loadAlertCasesText(text, 'cases.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const oneCase = (series: string, rule: string, firings = '[]') => `cases:
  - name: x
    series: ${series}
    rule: ${rule}
    expect: { firings: ${firings} }
`;

describe('test-alerts: a case that could only pass vacuously is bad input', () => {
  it('should never pass a metric rule on a metric no series has: exit 2 at rule.metric, with the closest name', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'cases.yaml'),
      oneCase('[{ metric: cpu, values: "1 2 3" }]', '{ name: r, metric: cpux, when: "> 1" }'),
    );
    const run = await runIn(dir, 'test-alerts', 'cases.yaml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      'cases.yaml:4:30 cases[0].rule.metric: no series of this case has the metric "cpux", so the rule sees no data and any expectation that it never fires passes vacuously; did you mean "cpu"?\n',
    );
  });

  it('checks each condition of a multi-condition rule, and names the metrics there are when none is close', () => {
    const rule = '{ name: r, conditions: [{ metric: a, when: "> 1" }, { metric: memory, when: "> 1" }] }';
    expect(problems(oneCase('[{ metric: a, values: "1" }, { metric: b, values: "1" }]', rule))).toEqual([
      'cases.yaml:4:73 cases[0].rule.conditions[1].metric: no series of this case has the metric "memory", so the rule sees no data and any expectation that it never fires passes vacuously (the case has metrics a, b)',
    ]);
    expect(problems(oneCase('[]', '{ name: r, metric: m, when: "> 1" }'))).toEqual([
      'cases.yaml:4:30 cases[0].rule.metric: no series of this case has the metric "m", so the rule sees no data and any expectation that it never fires passes vacuously (the case has no metric series)',
    ]);
  });

  it('checks a log rule’s table against the case’s log series and rows when it has any', () => {
    expect(problems(oneCase('[{ log: Jobs, counts: "1 2" }]', '{ name: r, log: Job, when: "> 1" }'))).toEqual(
      [
        'cases.yaml:4:27 cases[0].rule.log: no series or rows of this case are in the table "Job", so the rule sees no data and any expectation that it never fires passes vacuously; did you mean "Jobs"?',
      ],
    );
    // No log input at all: "fewer than 1 row" fires on nothing, a case worth writing.
    const none = oneCase(
      '[{ metric: m, values: "1" }]',
      '{ name: r, log: Jobs, every: 5m, when: "< 1", autoResolve: false }',
    );
    expect(problems(none)).toEqual([]);
  });

  it('loads a rule on a metric a series has, whatever its samples', () => {
    expect(
      problems(oneCase('[{ metric: cpu, values: "_ _" }]', '{ name: r, metric: cpu, when: "> 1" }')),
    ).toEqual([]);
  });

  it('should never accept an expected firing that resolves at or before it fires: exit 2 at its resolved', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'cases.yaml'),
      oneCase(
        '[{ metric: cpu, values: "1 2 3" }]',
        '{ name: r, metric: cpu, when: "> 1" }',
        '[ {fired: 2m, resolved: 1m} ]',
      ),
    );
    const run = await runIn(dir, 'test-alerts', 'cases.yaml');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'cases.yaml:5:48 cases[0].expect.firings[0].resolved: an expected firing must resolve after it fires (at a later evaluation, §7.1), got fired 2m and resolved 1m\n',
    );
    expect(
      problems(
        oneCase(
          '[{ metric: cpu, values: "1" }]',
          '{ name: r, metric: cpu, when: "> 1" }',
          '[{ fired: 2m, resolved: 2m }]',
        ),
      ),
    ).toHaveLength(1);
  });
});

const scenario = (alerts: string) => `name: s
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 128GiB }]
    backup: { vault: rsv, policy: daily }
monitor:
  alerts:
${alerts}
`;

/** The rendered warnings of loading a scenario with these alert rules. */
async function warnings(alerts: string): Promise<string[]> {
  const r = await loadScenarioText(scenario(alerts), 's.yaml');
  expect(r.ok ? [] : r.issues.map(renderIssue)).toEqual([]);
  return r.warnings.map(renderIssue);
}

describe('window-shorter-than-frequency', () => {
  it('warns on a metric rule’s default 5-minute window under a 15-minute frequency, at every', async () => {
    expect(
      await warnings(
        '    - { name: r, metric: Backup Health Events, aggregation: count, every: 15m, when: "> 0" }',
      ),
    ).toEqual([
      's.yaml:19:75 monitor.alerts[0].every: warning: the window 5m is shorter than the frequency 15m: each evaluation sees only the last 5m of every 15m, and samples in between are never evaluated (the aggregation window should be longer than the frequency, §7.2)',
    ]);
  });

  it('does not warn when the window equals or exceeds the frequency', async () => {
    expect(
      await warnings(
        [
          '    - { name: a, metric: Backup Health Events, aggregation: count, window: 15m, every: 15m, when: "> 0" }',
          '    - { name: b, metric: Backup Health Events, aggregation: count, window: 1h, every: 5m, when: "> 0" }',
          '    - { name: c, log: AddonAzureBackupJobs, lookback: 1h, every: 1h, when: "> 0" }',
        ].join('\n'),
      ),
    ).toEqual([]);
  });

  it('warns on a KQL rule whose bin (its lookback) is shorter than its frequency, at every', async () => {
    const rule = `    - name: q
      query: "AddonAzureBackupJobs | summarize count() by bin(TimeGenerated, 30m)"
      every: 1h
      when: "> 0"`;
    expect(await warnings(rule)).toEqual([
      's.yaml:21:14 monitor.alerts[0].every: warning: the lookback 30m is shorter than the frequency 1h: each evaluation sees only the last 30m of every 1h, and rows in between are never evaluated (§7.3)',
    ]);
  });
});

describe('window-shorter-than-frequency with --strict', () => {
  it('makes validate exit 2 on the reported rule', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 's.yaml'),
      scenario(
        '    - { name: failed, metric: Backup Health Events, aggregation: count, where: { healthStatus: { not: Healthy } }, splitBy: [datasourceId], window: 1m, every: 1h, when: "> 0" }',
      ),
    );
    const lax = await runIn(dir, 'validate', 's.yaml');
    expect(lax.code).toBe(0);
    const strict = await runIn(dir, 'validate', '--strict', 's.yaml');
    expect(strict.code).toBe(2);
    expect(strict.stdout + strict.stderr).toContain(
      'monitor.alerts[0].window: warning: the window 1m is shorter',
    );
  });
});
