// A zone outage and a zonal VM backed up to a vault (docs/model.md "Disaster recovery", path 3;
// docs/reference.md §1.8, §15.1): the VM cannot come back in the zone that is down. From a ZRS
// vault (or one with Cross Region Restore) it is restored across zones, from the vault tier,
// into a zone that is up, and runs there afterwards; from any other vault, or with no zone up,
// it waits for its zone. Timings are constants (as reprotection.test.ts): detection 15m, boot
// 2m, snapshot restore 10m, vault restore 30m + the 64 GiB disk at 64 MiB/s (17m 4s); backups
// at 22:00 UTC, no jitter, a retry 90 min after a failure. Zone 1 of East US is down from day 5
// 21:55 for 3 h, so the 22:00 backups fail and their retries come at 23:30.

import { describe, expect, it } from 'vitest';
import type { RunResult, VmRecovery } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const MIN = 60;
const HOUR = 3600;
const DAY = 86_400;
// Fault at 5d 21h 55m; decided 15 min later; a vault restore alone is 30 min + 17m 4s, boot 2 min.
const FAULT = 5 * DAY + 21 * HOUR + 55 * MIN;
const VAULT_RESTORE = 15 * MIN + 30 * MIN + 1024 + 2 * MIN;
const OUTAGE = 3 * HOUR;

interface Traced {
  t: number;
  kind: string;
  subject: string;
  detail?: Record<string, number | string | boolean>;
}

function run(yaml: string, trace: Traced[] | null = null): RunResult {
  const loaded = loadScenarioText(yaml, 'dr-zone-restore.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0], trace === null ? {} : { trace: (r) => trace.push(r) });
}

const group = (name: string, vault: string) => `
  - name: ${name}
    count: 1
    region: eastus
    zone: 1
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: ${vault}, policy: daily, retries: 1, retryAfter: 90m }`;

const scenario = (extraOutages = '') => `
name: zone-restore
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 10d
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery:
  detection: 15m
  boot: 2m
  snapshotRestore: 10m
  vaultRestoreOverhead: 30m
  restoreThroughput: 64MiB/s
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: vz, region: eastus, redundancy: ZRS }
  - { name: vc, region: eastus, redundancy: GRS, crossRegionRestore: true }
  - { name: vg, region: eastus, redundancy: GRS }
  - { name: vl, region: eastus, redundancy: LRS }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 7 }
fleet:${group('z', 'vz')}${group('c', 'vc')}${group('g', 'vg')}${group('l', 'vl')}
events:
  - { at: 5d21h55m, outage: { region: eastus, zone: 1, for: 3h } }${extraOutages}
objectives: { rpo: 26h, rto: 2h }
`;

const recovery = (r: RunResult, vm: string): VmRecovery => r.dr!.incidents[0].vms.find((v) => v.vm === vm)!;
const drJob = (r: RunResult, vm: string) => r.restores!.jobs.find((j) => j.origin === 'dr' && j.vm === vm)!;

describe('a zonal VM in a zone outage', () => {
  const trace: Traced[] = [];
  const result = run(scenario(), trace);

  it('is restored across zones from a ZRS vault or one with Cross Region Restore, into zone 2, never into the zone that is down', () => {
    for (const vm of ['z-001', 'c-001']) {
      const job = drJob(result, vm);
      expect(job.destination).toEqual({ region: 'eastus', zone: 2 });
      expect(job.target).toBe('zone 2');
      expect(job.point!.source).toBe('vault');
      const r = recovery(result, vm);
      expect(r.path).toBe('restore-vault');
      expect(r.note).toContain('cross-zonal restore into zone 2: zone 1 is down');
      // The restore alone, before zone 1 is back: the RTO is the restore's, not the outage's.
      expect(r.rtoSeconds).toBe(VAULT_RESTORE);
      expect(r.rtoSeconds!).toBeLessThan(OUTAGE);
    }
  });

  it('waits for its zone from a vault that allows no cross-zonal restore (GRS without Cross Region Restore, LRS)', () => {
    for (const vm of ['g-001', 'l-001']) {
      const job = drJob(result, vm);
      expect(job.destination).toEqual({ region: 'eastus', zone: 1 });
      expect(job.target).toBe('same');
      const r = recovery(result, vm);
      expect(r.note).toContain('waited for the region');
      // Back in zone 1 only after it is up again: the snapshot tier then (10 min) and boot.
      expect(r.rtoSeconds).toBe(OUTAGE + 10 * MIN + 2 * MIN);
    }
  });

  it('runs in its new zone afterwards: its retry during the rest of the outage succeeds', () => {
    // Retries at 23:30, while zone 1 is still down: the VMs restored into zone 2 back up, the
    // others, still down, fail again with the outage.
    const retry = FAULT + 5 * MIN + 90 * MIN;
    const failed = (vm: string) =>
      trace.filter((r) => r.kind === 'job-failed' && r.subject === vm).map((r) => r.t / 1000);
    expect(failed('z-001')).toEqual([FAULT + 5 * MIN]);
    expect(failed('c-001')).toEqual([FAULT + 5 * MIN]);
    expect(failed('g-001')).toEqual([FAULT + 5 * MIN, retry]);
    expect(failed('l-001')).toEqual([FAULT + 5 * MIN, retry]);
  });

  it('goes to the lowest-numbered zone that is up, and waits when no other zone is', () => {
    const two = run(scenario('\n  - { at: 5d21h50m, outage: { region: eastus, zone: 2, for: 4h } }'));
    expect(drJob(two, 'z-001').destination).toEqual({ region: 'eastus', zone: 3 });
    expect(recovery(two, 'z-001').note).toContain('cross-zonal restore into zone 3');
    const all = run(
      scenario(
        '\n  - { at: 5d21h50m, outage: { region: eastus, zone: 2, for: 4h } }' +
          '\n  - { at: 5d21h50m, outage: { region: eastus, zone: 3, for: 4h } }',
      ),
    );
    expect(drJob(all, 'z-001').destination).toEqual({ region: 'eastus', zone: 1 });
    expect(recovery(all, 'z-001').rtoSeconds).toBe(OUTAGE + 10 * MIN + 2 * MIN);
  });
});
