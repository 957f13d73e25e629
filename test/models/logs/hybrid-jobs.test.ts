// MARS servers' and MABS/DPM machines' jobs in AddonAzureBackupJobs, and nowhere else (docs/model.md
// M8, D6; docs/reference.md §7.5: the vault lists the MARS agent's jobs, and Azure Backup's metrics
// cover Azure VMs, SQL and SAP HANA in VMs, Azure Files and Blobs only). Worked by hand, one
// day, both servers backing up 10 GB (decimal) at 16:00 UTC:
//   - files: throttled to 10 Mbps in work hours (08:00–18:00) and 100 Mbps after. 16:00–18:00
//     moves 1.25 MB/s × 7,200 s = 9 GB; the last 1 GB at 12.5 MB/s takes 80 s: 7,280 s, done
//     at 18:01:20, 10^10 B = 9,536.74 MiB sent;
//   - old: agent 2.0.9000.0, below 2.0.9083.0 (§3): fails at 16:00 with mars-agent-outdated.
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../../models/logs/rows.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const SCENARIO = (more: string) => `
name: mars-jobs
start: 2026-01-01T00:00:00Z
duration: 1d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
servers:
  - name: files
    vault: rsv
    data: 10GB
    schedule: { times: ["16:00"] }
    retention: { daily: 7 }
    network:
      workHours: { bandwidth: 10Mbps, from: "08:00", to: "18:00" }
      nonWorkHours: 100Mbps
  - name: old
    agentVersion: 2.0.9000.0
    vault: rsv
    data: 10GB
    schedule: { times: ["16:00"] }
    retention: { daily: 7 }
${more}`;

function run(more: string) {
  const loaded = loadScenarioText(SCENARIO(more), 'mars-jobs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);
  return { result, jobs };
}

const at = (iso: string) => Date.parse(iso);

describe('a MARS server’s jobs are rows of AddonAzureBackupJobs', () => {
  const { jobs } = run('diagnostics: {}\n');

  it('writes the failed job at its slot and the completed one at its end, in that order', () => {
    expect(jobs.map((r) => [r.BackupItemUniqueId, r.JobStatus])).toEqual([
      ['old-001', 'Failed'],
      ['files-001', 'Completed'],
    ]);
  });

  it('the outdated agent: Failed at 16:00, no duration, no data, the cause as its code', () => {
    expect(jobs[0]).toMatchObject({
      JobOperation: 'Backup',
      JobFailureCode: 'mars-agent-outdated',
      JobStartDateTime: at('2026-01-01T16:00:00Z'),
      JobDurationInSecs: 0,
      DataTransferredInMB: 0,
      AdhocOrScheduledJob: 'Scheduled',
      VaultName: 'rsv',
    });
  });

  it('the throttled backup: 16:00 to 18:01:20, 7,280 s, 10^10 bytes in MiB', () => {
    expect(jobs[1]).toMatchObject({
      TimeGenerated: at('2026-01-01T18:01:20Z'),
      JobStartDateTime: at('2026-01-01T16:00:00Z'),
      JobDurationInSecs: 7280,
      JobFailureCode: '',
      AdhocOrScheduledJob: 'Scheduled',
    });
    expect(jobs[1].DataTransferredInMB).toBeCloseTo(1e10 / 2 ** 20, 6);
  });

  it('shows both servers as backup items, the failing one too (front-end size unknown)', () => {
    const { result } = run('diagnostics: {}\n');
    expect(result.backupReports!.items.rows.map((r) => [r.item, r.frontEndBytes])).toEqual(
      expect.arrayContaining([
        ['files-001', 1e10],
        ['old-001', null],
      ]),
    );
    // It never backed up: Optimize lists it as inactive, with no latest point; it bills
    // nothing, so Usage has no billing entity for it.
    expect(result.backupReports!.optimize.inactive.rows.map((r) => r.item)).toEqual(['old-001']);
    expect(result.backupReports!.usage.entities.rows.map((e) => e.container)).toEqual(['files-001']);
  });

  it('writes none without diagnostics', () => {
    expect(run('').jobs).toEqual([]);
  });
});

describe('a MARS job reaches log alert rules, not the metrics or the built-in alerts', () => {
  const { result } = run(`diagnostics: {}
monitor:
  alerts:
    - name: mars-failed
      query: "AddonAzureBackupJobs | where JobStatus == 'Failed'"
      every: 15m
      lookback: 1h
      when: "> 0"
    - name: unhealthy
      metric: Backup Health Events
      where: { healthStatus: [Transient Degraded, Persistent Degraded, Transient Unhealthy, Persistent Unhealthy] }
      aggregation: count
      window: 5m
      every: 5m
      when: "> 0"
  builtIn: { jobFailure: true }
`);
  const fired = (rule: string) => result.alerts!.rules.find((r) => r.rule === rule)?.fired ?? 0;

  // The row reaches the workspace 20–30 minutes after 16:00 (§16.2), so the rule looks back an
  // hour: the evaluations at 16:30, 16:45 and 17:00 see it ([16:00, 17:00) still holds 16:00).
  it('the log rule fires on the outdated agent’s failure at the three evaluations that see it', () => {
    expect(fired('mars-failed')).toBe(3);
  });

  it('no Backup Health Event, so neither the metric rule nor a built-in job-failure alert fires', () => {
    expect(fired('unhealthy')).toBe(0);
    expect(result.alerts!.timeline.filter((f) => f.rule !== 'mars-failed')).toEqual([]);
  });
});

describe('a MABS machine’s online backup is a row of the jobs table, not a Backup Health Event', () => {
  // One file server of 60 GiB compressed by 50% to 30 GiB, online at 02:00 UTC over the agent's
  // 1,023 Mbps: 32,212,254,720 B / 127,875,000 B/s = 251.9045 s, ended on the next millisecond, 02:04:11.905.
  const text = `
name: mabs-jobs
start: 2026-01-01T00:00:00Z
duration: 1d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
backupServers:
  - name: mabs
    vault: rsv
    compression: 50%
    protectionGroups:
      - name: fs
        workload: files
        machines: 1
        data: 60GiB
        churn: { daily: 1% }
        disk: { sync: 1h, retention: 2d }
        online: { times: ["02:00"], timeZone: UTC, retention: { daily: 30 } }
diagnostics: {}
monitor:
  alerts:
    - name: any-health-event
      metric: Backup Health Events
      aggregation: count
      window: 5m
      every: 5m
      when: "> 0"
`;
  const loaded = loadScenarioText(text, 'mabs-jobs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  const rows: [string, LogRow][] = [];
  const result = simulate(loaded.scenarios[0], { logs: (table, row) => rows.push([table, row]) });
  const jobs = rows.filter(([t]) => t === 'AddonAzureBackupJobs').map(([, r]) => r);

  it('writes the completed online backup with its bytes', () => {
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({
      BackupItemUniqueId: 'mabs-001/fs-001',
      JobStatus: 'Completed',
      JobStartDateTime: at('2026-01-01T02:00:00Z'),
      TimeGenerated: at('2026-01-01T02:04:11.905Z'),
      DataTransferredInMB: 30 * 1024,
    });
  });

  it('makes no Backup Health Event: a rule counting any of them never fires', () => {
    expect(result.alerts!.rules.find((r) => r.rule === 'any-health-event')!.fired).toBe(0);
  });
});
