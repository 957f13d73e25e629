// RPO exposure: the time between a VM's consecutive recovery points, the data a failure just
// before a backup would lose (what "what RPO do we really get" means without an incident).
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(policy: string, extra = ''): RunResult {
  const loaded = loadScenarioText(
    `
name: exposure
duration: 10d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus, redundancy: LRS }]
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
policies:
  - ${policy}
fleet:
  - { name: web, count: 2, region: eastus, disks: [{ size: 64GiB, used: 50%, churn: { daily: 1% } }], backup: { vault: rsv, policy: p${extra} } }
`,
    'exposure.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return simulate(loaded.scenarios[0]);
}

describe('RPO exposure', () => {
  it('is exactly a day for a daily policy with no start jitter', () => {
    // Snapshots at 22:00 on days 0–9: 10 per VM, 9 gaps of 86,400 s each, × 2 VMs = 18.
    const e = run(
      '{ name: p, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }',
    ).jobs[0].rpoExposureSeconds;
    expect(e).toEqual({ count: 18, mean: 86_400, p50: 86_400, p95: 86_400, p99: 86_400, max: 86_400 });
  });

  it('is four hours for an enhanced policy every 4 hours', () => {
    const e = run(
      '{ name: p, type: enhanced, schedule: { frequency: hourly, every: 4h, window: { start: "00:00", duration: 24h }, timeZone: UTC }, retention: { daily: 7 } }',
    ).jobs[0].rpoExposureSeconds;
    expect(e.p50).toBe(4 * 3600);
    expect(e.max).toBe(4 * 3600);
  });

  it('grows to two days when a day’s backup fails (no retries)', () => {
    // failureRate 50%: some days fail, and the gap across a failed day is 48 h (or more).
    const e = run(
      '{ name: p, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }',
      ', failureRate: 50%',
    ).jobs[0].rpoExposureSeconds;
    expect(e.max).toBeGreaterThanOrEqual(2 * 86_400);
    expect(e.max % 86_400).toBe(0);
  });
});
