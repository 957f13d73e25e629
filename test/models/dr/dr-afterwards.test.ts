// What protects a recovered VM afterwards (docs/model.md "Disaster recovery"): a VM that comes
// back where it ran keeps its backup item as it stands. An undelete leaves the item stopped with
// its data retained (docs/reference.md §2.3), and so does an admin's stop: no vault backs the VM
// up afterwards, and the summary says so instead of "backed up to <vault>".

import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../models/backup/world.js';
import type { RunResult, VmRecovery } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';
import { findTemplate } from '../../../scenarios/templates/index.js';

function runAll(yaml: string, trace: TraceRecord[] | null = null): RunResult[] {
  const loaded = loadScenarioText(yaml, 'dr-afterwards.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return loaded.scenarios.map((s) => simulate(s, trace === null ? {} : { trace: (r) => trace.push(r) }));
}

const recoveries = (r: RunResult): VmRecovery[] => r.dr!.incidents.flatMap((i) => i.vms);

describe('afterwards, for a VM restored where it ran', () => {
  it('should never say "backed up" once its protection is stopped: the ransomware template', () => {
    const runs = runAll(findTemplate('ransomware')!.text);
    const byVariant = new Map(runs.map((r) => [r.variant, r]));
    // Soft delete always on: the deleted data is undeleted, then restored; the items stay stopped.
    const undeleted = recoveries(byVariant.get('soft-delete-always-on')!);
    expect(undeleted).toHaveLength(4);
    for (const v of undeleted) {
      expect(v.note).toBe('undeleted from soft delete first');
      expect(v.afterwards).toEqual({
        replication: null,
        backup: null,
        note: 'not backed up: protection stopped in rsv (data retained), no more backups unless it resumes',
      });
    }
    // Locked and guarded: the attack fails, protection never stops, the restored VMs are backed up.
    for (const v of recoveries(byVariant.get('locked-mua')!))
      expect(v.afterwards!.backup).toEqual({ vault: 'rsv', from: v.recoveredAt });
  });

  const scenario = (operations: string) => `
name: afterwards
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 10d
backupJobs: { startWindow: 0s }
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: v1, region: eastus, redundancy: GRS }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 7 }
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: v1, policy: daily }
events:${operations}
  - { at: 5d12h, vmFailure: { group: app } }
`;

  it('should say protection stopped after an admin stop with data retained, and agree with the backups that follow', () => {
    const trace: TraceRecord[] = [];
    const [run] = runAll(scenario('\n  - { at: 3d, stopProtection: { group: app, data: retain } }'), trace);
    for (const v of recoveries(run)) {
      expect(v.path).toBe('restore-snapshot');
      expect(v.afterwards!.backup).toBeNull();
      expect(v.afterwards!.note).toContain('protection stopped in v1 (data retained)');
      // Nothing backs it up once it is back: no snapshot of it after its recovery.
      const back = Date.parse(v.recoveredAt!) - Date.parse('2026-01-01T00:00:00Z');
      expect(trace.filter((r) => r.subject === v.vm && r.kind === 'snapshot' && r.t > back)).toEqual([]);
    }
  });

  it('should still say "backed up" while protection runs, or once it resumed before the VM is back', () => {
    const trace: TraceRecord[] = [];
    const running = runAll(scenario(''), trace)[0];
    const resumed = runAll(
      scenario(
        '\n  - { at: 3d, stopProtection: { group: app, data: retain } }\n  - { at: 4d, resumeProtection: { group: app } }',
      ),
    )[0];
    for (const run of [running, resumed])
      for (const v of recoveries(run)) {
        expect(v.afterwards!.backup).toEqual({ vault: 'v1', from: v.recoveredAt });
        expect(v.afterwards!.note).toBe('');
      }
    // And its backups go on once it is back (the check above that none do is not vacuous).
    for (const v of recoveries(running)) {
      const back = Date.parse(v.recoveredAt!) - Date.parse('2026-01-01T00:00:00Z');
      expect(trace.filter((r) => r.subject === v.vm && r.kind === 'snapshot' && r.t > back)).not.toEqual([]);
    }
  });
});
