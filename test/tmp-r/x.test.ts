import { it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { renderIssue } from '../../scenarios/issues.js';
const Y = `
name: r
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 40d
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
recovery: { boot: 2m, snapshotRestore: 10m, vaultRestoreOverhead: 30m, restoreThroughput: 60MiB/s, restoreCapacity: 600MiB/s }
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 30 }
fleet:
  - { name: web, count: 3, region: eastus, zone: 1, os: windows, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: daily } }
events:
  - { at: 20d12h, restore: { vms: [web-001], option: files, files: 8GiB } }
  - { at: 20d12h, restore: { vms: [web-002], option: files, files: 8GiB, point: { before: 17d } } }
  - { at: 20d12h, restore: { group: web, option: new-vm, target: cross-region } }
  - { at: 21d, restore: { vms: [web-003], option: restore-disks, target: { zone: 2 } } }
restoreTests:
  - { name: monthly, every: 10d, group: web, count: 2 }
objectives: { restoreTest: 4h }
`;
it('x', () => {
  const l = loadScenarioText(Y, 'r.yaml'); if (!l.ok) throw new Error(l.issues.map(renderIssue).join('\n'));
  for (const w of l.warnings) console.log('WARN', renderIssue(w));
  const r = simulate(l.scenarios[0]);
  for (const j of r.restores!.jobs) console.log(JSON.stringify(j));
  console.log(JSON.stringify(r.restores!.byOption));
  console.log(JSON.stringify(r.objectives));
  console.log(JSON.stringify(r.cost.summary ?? ''), r.fingerprint);
});
