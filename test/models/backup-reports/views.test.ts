// The Backup Reports views of runs with `diagnostics:` (issue 19; docs/reference.md
// §16.3), figures worked by hand: 20 VMs of which one fails its daily job for a week; items
// stopped 8 and 6 days before the range's end; the range cut by the workspace's retention;
// and the Usage tab against the cost model's protected-instance quantity.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LogRow } from '../../../models/logs/rows.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const HEAD = `name: reports
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
`;

function run(text: string, rows?: (table: string, row: LogRow) => void): RunResult {
  const loaded = loadScenarioText(text, 'reports.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return simulate(loaded.scenarios[0], rows === undefined ? {} : { logs: rows });
}

// 19 VMs back up daily at 02:00; bad-001 has no VM agent, so its job fails every day (no retry).
const WEEK = `${HEAD}duration: 8d
fleet:
  - name: web
    count: 19
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily }
  - name: bad
    region: eastus
    vmAgent: false
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily }
diagnostics:
  reports: { range: 7d }
`;

describe('Backup Reports: a week with one failure a day on a known VM', () => {
  const jobs: LogRow[] = [];
  const r = run(WEEK, (table, row) => {
    if (table === 'AddonAzureBackupJobs') jobs.push(row);
  });
  const b = r.backupReports!;

  it('writes one AddonAzureBackupJobs row per job: 19 × 8 completed, 8 failed', () => {
    // The run is 8 days (2026-01-01 to 01-09): 8 jobs per VM, each finished before the end.
    const byStatus = (s: string) => jobs.filter((j) => j.JobStatus === s).length;
    expect(byStatus('Completed')).toBe(19 * 8);
    expect(byStatus('Failed')).toBe(8);
    expect(
      jobs.filter((j) => j.JobStatus === 'Failed').every((j) => j.BackupItemUniqueId === 'bad-001'),
    ).toBe(true);
    expect(jobs.filter((j) => j.JobStatus === 'Failed').map((j) => j.JobFailureCode)).toEqual(
      Array(8).fill('vm-agent-missing'),
    );
  });

  it('takes the last 7 completed days: 2026-01-02 to 01-08', () => {
    expect(b.range).toEqual({ from: '2026-01-02', to: '2026-01-09', days: 7, asked: 7, cutBy: null });
  });

  it('Jobs: one failed job a day, 19 completed', () => {
    expect(b.jobs.daily.map((d) => d.failed)).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(b.jobs.daily.map((d) => d.completed)).toEqual(Array(7).fill(19));
    expect(b.jobs.causes).toEqual([{ code: 'vm-agent-missing', failed: 7 }]);
    expect(b.summary.jobs).toEqual([{ type: 'VM', completed: 133, failed: 7, successRate: 133 / 140 }]);
  });

  it('Policy adherence: bad-001 is not adherent on exactly the seven days, every other VM on none', () => {
    const grid = b.adherence.daily!;
    expect(grid.granularity).toBe('day');
    expect(grid.periods.map((p) => [p.items, p.adherent, p.nonAdherent])).toEqual(Array(7).fill([20, 19, 1]));
    const [worst, ...rest] = grid.instances.rows;
    expect(worst).toEqual({
      item: 'bad-001',
      policy: 'daily',
      periods: 7,
      nonAdherent: 7,
      nonAdherentPeriods: [
        '2026-01-02',
        '2026-01-03',
        '2026-01-04',
        '2026-01-05',
        '2026-01-06',
        '2026-01-07',
        '2026-01-08',
      ],
    });
    expect(rest.every((i) => i.nonAdherent === 0)).toBe(true);
    expect(grid.instances.total).toBe(20);
  });

  it('Summary and Optimize: 20 items, 19 billed; the agent-less VM never had a point', () => {
    expect(b.summary.backupItems).toBe(20);
    expect(b.summary.protectedInstances).toBe(19);
    expect(b.optimize.inactive.rows).toEqual([
      { item: 'bad-001', vault: 'rsv', policy: 'daily', latestRecoveryPoint: null, daysWithout: null },
    ]);
  });
});

describe('Backup Reports: Optimize lists inactive resources', () => {
  // 20 days; the range ends 2026-01-21. `old` stops 8 days before it (at 12d), `recent` 6 days
  // before (at 14d); both keep their data. old's last point: 2026-01-12 ~02:00, before
  // 01-21 − 7 days = 01-14 → inactive (8 full days without); recent's: 01-14 ~02:00, after → not.
  const r = run(`${HEAD}duration: 20d
fleet:
  - name: live
    region: eastus
    disks: [{ size: 16GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily }
  - name: old
    region: eastus
    disks: [{ size: 16GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily, stop: { at: 12d } }
  - name: recent
    region: eastus
    disks: [{ size: 16GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: rsv, policy: daily, stop: { at: 14d } }
diagnostics: {}
`);
  const o = r.backupReports!.optimize;

  it('lists the item stopped 8 days before the end, not the one stopped 6 days before', () => {
    expect(o.inactive.rows.map((i) => i.item)).toEqual(['old-001']);
    expect(o.inactive.rows[0].daysWithout).toBe(8);
    expect(o.inactive.rows[0].latestRecoveryPoint?.slice(0, 10)).toBe('2026-01-12');
  });

  it('shows stopped items as ProtectionStopped, still billed', () => {
    const items = new Map(r.backupReports!.items.rows.map((i) => [i.item, i.protectionState]));
    expect(items.get('old-001')).toBe('ProtectionStopped');
    expect(items.get('live-001')).toBe('Protected');
  });
});

describe('Backup Reports: conventions of the range', () => {
  it('cuts a range longer than the workspace keeps, and says why', () => {
    const r = run(`${HEAD}duration: 20d
fleet:
  - { name: web, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
diagnostics: { retention: 10d, reports: { range: 14d } }
`);
    expect(r.backupReports!.range).toEqual({
      from: '2026-01-11',
      to: '2026-01-21',
      days: 10,
      asked: 14,
      cutBy: 'retention',
    });
  });

  it('leaves out the run’s last, partial day', () => {
    const r = run(`${HEAD}duration: 3d12h
fleet:
  - { name: web, region: eastus, disks: [{ size: 16GiB }], backup: { vault: rsv, policy: daily } }
diagnostics: {}
`);
    expect(r.backupReports!.range).toMatchObject({ from: '2026-01-01', to: '2026-01-04', days: 3 });
  });
});

// February 2026: 28 days from its first midnight, so the range is the calendar month the cost
// model bills. Usage's instance-days / 28 is then the month's protected-instance quantity.
const FEBRUARY = (groups: string) => `${HEAD}start: 2026-02-01T00:00:00Z
duration: 28d
fleet:
${groups}
diagnostics: { reports: { range: 28d } }
`;

const instanceMonths = (r: RunResult) =>
  r.cost.lines
    .filter((l) => l.meter === 'protectedInstances' && l.month === '2026-02')
    .reduce((s, l) => s + l.quantity, 0);

describe('Backup Reports: Usage against the bill', () => {
  it('3 small VMs and one of 600 GiB used (2 blocks of 500 GB): 5 instances every day', () => {
    const r = run(
      FEBRUARY(`  - { name: web, count: 3, region: eastus, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: daily } }
  - { name: db, region: eastus, disks: [{ size: 1TiB, used: 600GiB }], backup: { vault: rsv, policy: daily } }`),
    );
    const u = r.backupReports!.usage;
    // 32 GiB ≤ 50 GB → 1 instance each (×3); 600 GiB → ⌈600/500⌉ = 2: 5 a day, 28 days = 140.
    expect(u.protectedInstances).toBe(5);
    expect(u.protectedInstanceDays).toBe(140);
    expect(u.averageProtectedInstances).toBe(5);
    // The bill: 5 instance-units × 28/28 of the month.
    expect(instanceMonths(r)).toBeCloseTo(5, 12);
  });

  it('should always equal the cost model’s protected-instance quantity for the month', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            count: fc.integer({ min: 1, max: 3 }),
            sizeGiB: fc.integer({ min: 8, max: 2048 }),
            usedPct: fc.integer({ min: 1, max: 100 }),
            growthPct: fc.integer({ min: 0, max: 400 }),
            from: fc.integer({ min: 0, max: 20 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        (groups) => {
          const text = groups
            .map(
              (g, i) =>
                `  - { name: g${i}, count: ${g.count}, region: eastus, disks: [{ size: ${g.sizeGiB}GiB, used: ${g.usedPct}%, growth: ${g.growthPct}% }], backup: { vault: rsv, policy: daily, from: ${g.from}d } }`,
            )
            .join('\n');
          const r = run(FEBRUARY(text));
          expect(r.backupReports!.usage.protectedInstanceDays / 28).toBeCloseTo(instanceMonths(r), 9);
        },
      ),
      { numRuns: 15 },
    );
  });
});
