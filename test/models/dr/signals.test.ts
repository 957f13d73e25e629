// What disaster recovery tells the monitor: Restore Health Events per restore (§7.5) and
// AzureSiteRecoveryReplicationStats records every 15 minutes (§5.3), seen by alert rules.

import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(yaml: string): RunResult {
  const loaded = loadScenarioText(yaml, 'signals.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const HEAD = `
name: signals
duration: 12d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { detection: 15m, boot: 2m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 30 } }
`;

describe('DR signals', () => {
  it('a Cross Region Restore emits a Healthy restore event when the VM is back', () => {
    // As the golden CRR case: the outage at 10d 08:00, back in westus 3844 s later (09:04:04).
    // A 1-minute rule sees samples in [T − 5m, T): the tick at 09:05 is the first to see it.
    const r = run(`${HEAD}
vaults: [{ name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }]
fleet:
  - { name: web, region: eastus, disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
monitor:
  alerts:
    - { name: restored, metric: Restore Health Events, aggregation: total, window: 5m, every: 1m, when: "> 0", where: { healthStatus: Healthy } }
events:
  - { at: 10d8h, outage: { region: eastus, for: 6h } }
`);
    expect(r.dr!.incidents[0].vms[0].recoveredAt).toBe('2026-01-11T09:04:04.000Z');
    expect(r.alerts!.timeline.filter((f) => f.rule === 'restored').map((f) => f.firedAt)).toEqual([
      '2026-01-11T09:05:00.000Z',
    ]);
  });

  it('replication statistics every 15 minutes carry the RPO: a backlog trips a log rule', () => {
    // 30 MiB/s of writes against 20 MiB/s from 12:00 to 13:00 (as the golden backlog case).
    // Data age at the 15-minute records: 12:15 300 s, 12:30 600 s, 12:45 900 s. A log rule
    // every 15 min over the last 15 min with max(rpoInSeconds) > 600 first sees the 12:45
    // record at the 13:00 evaluation.
    const r = run(`${HEAD}
fleet:
  - { name: app, region: eastus, disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }], replicate: { to: westus, bandwidth: 20MiB/s } }
monitor:
  latency: { log: 0s }
  alerts:
    - { name: rpo, log: AzureSiteRecoveryReplicationStats, aggregation: maximum, field: rpoInSeconds, every: 15m, lookback: 15m, when: "> 600" }
events:
  - { at: 10d12h, churnSpike: { group: app, rate: 30MiB/s, for: 1h } }
`);
    const fired = r.alerts!.timeline.filter((f) => f.rule === 'rpo').map((f) => f.firedAt);
    expect(fired[0]).toBe('2026-01-11T13:00:00.000Z');
  });

  it('replication statistics carry health: Critical while churn outruns the upload', () => {
    // The same burst: from 12:15 to 13:00 the 15-minute churn is 30 MiB/s > 20 MiB/s upload
    // with a backlog → Critical. A log rule counting Critical records every 15 minutes over
    // the last 15 first sees the 12:15 record at 12:30.
    const r = run(`${HEAD}
fleet:
  - { name: app, region: eastus, disks: [{ size: 100GiB, used: 60%, churn: { daily: 0% } }], replicate: { to: westus, bandwidth: 20MiB/s } }
monitor:
  latency: { log: 0s }
  alerts:
    - { name: critical, log: AzureSiteRecoveryReplicationStats, where: { health: Critical }, every: 15m, lookback: 15m, when: "> 0" }
events:
  - { at: 10d12h, churnSpike: { group: app, rate: 30MiB/s, for: 1h } }
`);
    const fired = r.alerts!.timeline.filter((f) => f.rule === 'critical').map((f) => f.firedAt);
    // Records at 12:15, 12:30, 12:45 and 13:00 are Critical (13:00 closes the burst's last
    // 15 minutes); the stateless rule fires at each evaluation that sees one.
    expect(fired).toEqual([
      '2026-01-11T12:30:00.000Z',
      '2026-01-11T12:45:00.000Z',
      '2026-01-11T13:00:00.000Z',
      '2026-01-11T13:15:00.000Z',
    ]);
  });
});
