// MABS / DPM (issue 17): the figures the issue pins, worked by hand from docs/reference.md §3
// and docs/reference.md §14.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const GiB = 2 ** 30;

// 20 file servers of 1 GiB each, 1% a day, synchronised every hour and kept 2 days on disk,
// online at 12:00 and 22:00 (kept 30 days) over a WAN throttled to 20 Mbps from 08:00 to
// 18:00 on work days and 200 Mbps otherwise.
const scenario = (extra = '') => `name: mabs
duration: 40d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus }]
backupServers:
  - name: mabs
    vault: rsv
    network:
      workHours: { bandwidth: 20Mbps, from: "08:00", to: "18:00" }
      nonWorkHours: 200Mbps
    protectionGroups:
      - name: fs
        workload: files
        machines: 20
        data: 1GiB
        churn: { daily: 1% }
        disk: { sync: 1h, retention: 2d }
        online: { times: ["12:00", "22:00"], retention: { daily: 30 } }
${extra}`;

function run(text: string): RunResult {
  const loaded = loadScenarioText(text, 'mabs.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return simulate(loaded.scenarios[0]);
}

describe('MABS: 20 file servers, hourly sync, online twice a day, throttled WAN', () => {
  it('disk points kept and vault points by hand', () => {
    const r = run(scenario());
    const g = r.workloads!.groups[0];
    // Disk: a point every hour kept 2 days. At each round (midnight) the points of the last
    // 48 hours are there — the one at midnight itself included, the one 48 hours back just gone:
    // 48 a machine × 20 = 960.
    expect(g.points.end.disk).toBe(960);
    expect(g.points.peak.disk).toBe(960);
    // Vault: 2 a day, each kept 30 days from landing: on day 40, days 10…39 are left, 60 a
    // machine × 20 = 1,200; none failed.
    expect(g.points.end.vault).toBe(1200);
    expect(g.jobs.vault).toEqual({ succeeded: 1600, failed: 0, failedByCause: {} });
    // 24 syncs a day × 40 days × 20 machines (the one at the end instant included: + 20).
    expect(g.jobs.disk?.succeeded).toBe(24 * 40 * 20 + 20);
    // The first online backup, 1 January 2026 (a Thursday) at 12:00 in work hours: 20 × 1 GiB
    // share the 20 Mbps (2.5 MB/s): all land together after 20 × 2^30 / 2.5e6 = 8,589.93 s.
    const jobs = r.jobs.find((j) => j.policy === 'dpm:mabs')!;
    expect(jobs.transferSeconds.max).toBeCloseTo((20 * GiB) / 2.5e6, 0);
    // Billed per protected machine (§14.6): 20 small instances (1 GiB ≤ 50 GB).
    expect(
      r.cost.lines.filter((l) => l.meter === 'protectedInstances' && l.month === '2026-01'),
    ).toHaveLength(20);
  });

  it('16 days without connectivity: online backups stop at once, backups to disk after day 15', () => {
    const r = run(scenario('    offline: [{ at: 20d, for: 16d }]\n'));
    const g = r.workloads!.groups[0];
    // Online: the slots of days 20…35 (12:00 and 22:00) fail: 32 × 20 = 640.
    expect(g.jobs.vault?.failedByCause).toEqual({ 'no-connectivity': 640 });
    // Disk: synchronisations go on while offline ≤ 15 days, so until day 35 00:00; those of
    // 35d 01:00 … 35d 23:00 fail (23 × 20 = 460); connectivity is back at day 36 00:00.
    expect(g.jobs.disk?.failedByCause).toEqual({ 'no-connectivity': 460 });
    expect(r.workloads!.servers[0].stoppedAfter15Days).toEqual(['2026-02-05T00:00:00.000Z']);
    // The round of day 35 (35d 00:00) still sees 48 points a machine; that of day 36 keeps
    // 34d 01:00 … 35d 00:00 and 36d 00:00: 25 a machine, 500 in all.
    expect(g.daily.points.disk![34]).toBe(960);
    expect(g.daily.points.disk![35]).toBe(500);
    expect(g.points.end.disk).toBe(960);
  });

  it('losing the server leaves only the vault points', () => {
    const r = run(scenario('    lost: 30d\n'));
    const s = r.workloads!.servers[0];
    expect(s).toMatchObject({ lostAt: '2026-01-31T00:00:00.000Z', disk: { points: 0, bytes: 0 } });
    // The vault points of days 0…29 stay (60 a machine), with nothing to prune them.
    expect(s.vault.points).toBe(20 * 60);
    expect(r.workloads!.groups[0].points.end).toEqual({ disk: 0, vault: 1200 });
  });
});
