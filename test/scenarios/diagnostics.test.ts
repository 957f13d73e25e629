// `diagnostics:` and KQL alert rules at validation (issue 19): defaults, and every problem an
// issue at its file position — inside a query, at the query's own character, with the offset.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const BASE = `name: d
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 128GiB }], backup: { vault: rsv, policy: daily } }
`;

function load(text: string) {
  const r = loadScenarioText(text, 'd.yaml');
  return { issues: r.ok ? [] : r.issues.map(renderIssue), scenario: r.ok ? r.scenarios[0] : null };
}

describe('diagnostics:', () => {
  it('defaults: every vault sends every Azure Backup table, 30 days kept, 20–30 minutes late', () => {
    const { scenario } = load(`${BASE}diagnostics: {}\n`);
    expect(scenario?.diagnostics).toEqual({
      vaults: [
        {
          vault: 'rsv',
          tables: [
            'CoreAzureBackup',
            'AddonAzureBackupJobs',
            'AddonAzureBackupStorage',
            'AddonAzureBackupProtectedInstance',
            'AddonAzureBackupPolicy',
          ],
        },
      ],
      siteRecovery: [],
      retention: 30 * 86_400_000,
      latency: { kind: 'uniform', min: 20 * 60_000, max: 30 * 60_000 },
      reports: {
        range: null,
        inactiveAfter: 7 * 86_400_000,
        retentionAbove: { daily: 30, weekly: 12, monthly: 12, yearly: 1 },
      },
    });
    expect(load(BASE).scenario?.diagnostics).toBeUndefined();
  });

  it('names a misspelt table, an unknown vault, a mode it does not write, a retention of part days', () => {
    const { issues } = load(`${BASE}diagnostics:
  vaults:
    - { vault: rsv, tables: [AddonAzureBackupJob], mode: azure-diagnostics }
    - { vault: rsv-west }
  retention: 36h
`);
    expect(issues).toEqual([
      'd.yaml:14:30 diagnostics.vaults[0].tables[0]: no table "AddonAzureBackupJob" here; did you mean "AddonAzureBackupJobs"? (tables: "CoreAzureBackup", "AddonAzureBackupJobs", "AddonAzureBackupStorage", "AddonAzureBackupProtectedInstance", "AddonAzureBackupPolicy")',
      'd.yaml:14:58 diagnostics.vaults[0].mode: vaultsim writes resource-specific tables only (the Backup Reports read them, docs/reference.md §16), got mode "azure-diagnostics"',
      'd.yaml:15:16 diagnostics.vaults[1].vault: unknown vault "rsv-west" (allowed: rsv)',
      'd.yaml:16:14 diagnostics.retention: retention must be whole days, at least 1d, got 1d12h',
    ]);
  });
});

const rule = (query: string, more = '') => `${BASE}diagnostics: {}
monitor:
  alerts:
    - name: r
      query: ${query}
      every: 15m
      when: "> 0"${more}
`;

describe('KQL alert rules', () => {
  it('reads a rule: the bin is the period, the lookback defaults to it', () => {
    const { scenario, issues } = load(
      rule(
        `'AddonAzureBackupJobs | where JobStatus == "Failed" | summarize count() by BackupItemUniqueId, bin(TimeGenerated, 30m)'`,
      ),
    );
    expect(issues).toEqual([]);
    const r = scenario!.monitor!.rules[0];
    expect(r).toMatchObject({
      kind: 'log',
      table: 'AddonAzureBackupJobs',
      splitBy: ['BackupItemUniqueId'],
      lookback: 30 * 60_000,
      filters: [],
    });
    expect(r.kind === 'log' && r.query?.bin?.size).toBe(30 * 60_000);
  });

  it('points at an unknown column inside a one-line query, with did you mean', () => {
    // Line 16 holds the query: its quote is at column 14, its text from 15.
    const q = `"AddonAzureBackupJobs | where JobStatu == 'Failed'"`;
    const { issues } = load(rule(q));
    const offset = 'AddonAzureBackupJobs | where '.length;
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(
      new RegExp(
        `^d\\.yaml:16:${14 + 1 + offset} monitor\\.alerts\\[0\\]\\.query: KQL: no column "JobStatu" here; did you mean "JobStatus"\\?`,
      ),
    );
    expect(issues[0]).toMatch(/\(query offset 29\)$/);
  });

  it('refuses a bin that is not the rule’s period, at the bin', () => {
    const q = `|
        AddonAzureBackupJobs
        | summarize count() by bin(TimeGenerated, 1h)`;
    const { issues } = load(rule(q, '\n      lookback: 2h\n      violations: { min: 1, of: 4 }'));
    // lookback 2h / 4 periods = 30m, not 1h. The bin( is the query's character 21 + 23 = 44, on
    // file line 18 after 8 spaces and "| summarize count() by " (23): column 32.
    expect(issues).toEqual([
      "d.yaml:18:32 monitor.alerts[0].query: KQL: bin(TimeGenerated, …) is the rule's aggregation granularity and must equal lookback / violations.of = 30m (query offset 44)",
    ]);
  });

  it('does not take where:, field: or aggregation: beside a query', () => {
    const { issues } = load(rule(`'AddonAzureBackupJobs'`, '\n      where: { JobStatus: Failed }'));
    expect(issues).toEqual([
      'd.yaml:19:7 monitor.alerts[0].where: "where" does not apply to log rules (window and conditions are for metric rules)',
    ]);
  });

  it('refuses a rule on a daily table the diagnostics do not send', () => {
    const text = `${BASE}monitor:
  alerts:
    - { name: r, query: "CoreAzureBackup | where BackupItemProtectionState == 'ProtectionStopped'", when: "> 0" }
`;
    expect(load(text).issues).toEqual([
      'd.yaml:14:25 monitor.alerts[0].query: the rule reads CoreAzureBackup, which vaults write only when diagnostics: sends it, so it would never fire; add diagnostics: (every vault sends every table by default) or list CoreAzureBackup in diagnostics.vaults[].tables',
    ]);
    expect(load(text.replace('monitor:', 'diagnostics: {}\nmonitor:')).issues).toEqual([]);
  });
});
