// The CLI of issue 19: `run --format logs` writes each table as JSON Lines and CSV, `vaultsim
// query` answers KQL over a scenario or over those files, `vaultsim report` prints the Backup
// Reports tabs; bad queries print query:line:column with the offset, exit 2.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasStack, runIn, tempDir } from './harness.js';

const SCENARIO = `name: logs
duration: 3d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily
    schedule: { frequency: daily, at: "02:00", timeZone: UTC }
    retention: { daily: 7 }
backupJobs: { startWindow: 0s }
fleet:
  - { name: web, count: 3, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
  - { name: bad, region: eastus, vmAgent: false, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
diagnostics: { vaults: [{ vault: rsv, tables: [AddonAzureBackupJobs, CoreAzureBackup] }] }
`;

function setup(text = SCENARIO): string {
  const cwd = tempDir();
  writeFileSync(join(cwd, 's.yaml'), text);
  return cwd;
}

describe('run --format logs', () => {
  it('writes each table the diagnostics send as JSON Lines and CSV, the same rows', async () => {
    const cwd = setup();
    const r = await runIn(cwd, 'run', 's.yaml', '--format', 'logs', '--out', 'out');
    expect(r.code).toBe(0);
    // 4 VMs × 3 days = 12 jobs; CoreAzureBackup: 3 pushes × (4 items × 2 + 1 vault) = 27.
    expect(r.stderr).toContain(
      'wrote 4 log files (JSON Lines and CSV) into out: CoreAzureBackup 27, AddonAzureBackupJobs 12 rows',
    );
    const lines = readFileSync(join(cwd, 'out', 'AddonAzureBackupJobs.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(12);
    const first = JSON.parse(lines[0]);
    expect(Object.keys(first).slice(0, 4)).toEqual([
      'TimeGenerated',
      'OperationName',
      'SchemaVersion',
      'JobUniqueId',
    ]);
    expect(first.TimeGenerated).toMatch(/^2026-01-01T02:00:00\.000Z$/);
    const csv = readFileSync(join(cwd, 'out', 'AddonAzureBackupJobs.csv'), 'utf8')
      .trim()
      .split('\n');
    expect(csv).toHaveLength(13);
    expect(csv[0].split(',')).toEqual(Object.keys(first));
    expect(csv.filter((l) => l.includes(',Failed,')).length).toBe(3);
  });

  it('refuses --format logs for a scenario without diagnostics', async () => {
    const cwd = setup(SCENARIO.replace(/diagnostics:.*\n/, ''));
    const r = await runIn(cwd, 'run', 's.yaml', '--format', 'logs');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--format logs writes the Log Analytics tables');
  });
});

describe('vaultsim query', () => {
  it('answers KQL over a run, as a table, --csv and --json', async () => {
    const cwd = setup();
    const q = 'AddonAzureBackupJobs | summarize n = count() by JobStatus | order by n desc';
    const r = await runIn(cwd, 'query', 's.yaml', q);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(['JobStatus  n', 'Completed  9', 'Failed     3', '(2 rows)', ''].join('\n'));
    expect((await runIn(cwd, 'query', 's.yaml', q, '--csv')).stdout).toBe(
      'JobStatus,n\nCompleted,9\nFailed,3\n',
    );
    const json = JSON.parse(
      (
        await runIn(
          cwd,
          'query',
          's.yaml',
          'AddonAzureBackupJobs | where JobStatus == "Failed" | project TimeGenerated, JobFailureCode | take 1',
          '--json',
        )
      ).stdout,
    );
    expect(json).toEqual([{ TimeGenerated: '2026-01-01T02:00:00Z', JobFailureCode: 'vm-agent-missing' }]);
  });

  it('answers the same over the files run --format logs wrote', async () => {
    const cwd = setup();
    await runIn(cwd, 'run', 's.yaml', '--format', 'logs', '--out', 'out');
    const r = await runIn(
      cwd,
      'query',
      'out',
      'AddonAzureBackupJobs | where JobStatus == "Failed" | summarize count() by BackupItemUniqueId',
    );
    expect(r.stdout).toBe(
      ['BackupItemUniqueId  count_', 'bad-001                  3', '(1 row)', ''].join('\n'),
    );
  });

  it('rejects join at its line and column, with the offset, exit 2', async () => {
    const cwd = setup();
    const r = await runIn(
      cwd,
      'query',
      's.yaml',
      'AddonAzureBackupJobs\n| join (CoreAzureBackup) on BackupItemUniqueId',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'query:2:3: KQL: "join" is not in the subset vaultsim reads (where, extend, project, summarize … by, top, order by (sort by), take (limit) and count) (query offset 23)\n',
    );
    expect(hasStack(r.stderr)).toBe(false);
  });

  it('names an unknown table with the closest', async () => {
    const r = await runIn(setup(), 'query', 's.yaml', 'AddonAzureBackupJob | count');
    expect(r.stderr).toContain(
      'query:1:1: KQL: no table "AddonAzureBackupJob"; did you mean "AddonAzureBackupJobs"?',
    );
  });
});

describe('vaultsim report', () => {
  it('prints the Jobs tab over the range', async () => {
    const cwd = setup();
    const r = await runIn(cwd, 'report', 's.yaml', '--view', 'jobs', '--range', '2d');
    expect(r.code).toBe(0);
    // 3 days (2026-01-01 to 01-04): the last 2 completed are 01-02 and 01-03, 3 jobs and 1 failure each.
    expect(r.stdout).toContain('Backup Reports, Jobs: per day (base)');
    expect(r.stdout).toContain('Last 2 completed days, 2026-01-02 to 2026-01-03 (UTC)');
    expect(r.stdout).toContain(
      [
        '  day         completed  failed',
        '  2026-01-02          3       1',
        '  2026-01-03          3       1',
      ].join('\n'),
    );
    expect(r.stdout).toContain('vm-agent-missing');
  });

  it('rejects an unknown view with a suggestion, and a range of part days', async () => {
    const cwd = setup();
    const bad = await runIn(cwd, 'report', 's.yaml', '--view', 'job');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Did you mean "jobs"?');
    expect((await runIn(cwd, 'report', 's.yaml', '--range', '36h')).stderr).toContain(
      '--range takes whole days',
    );
  });
});
