// A SQL group's "RPO between points" counts the window still open at the end of the run, as a
// VM's exposure does: a host VM lost mid-run and never back shows the whole stretch, not the
// log interval.
import { expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

it('counts the window still open at the end of the run', () => {
  const loaded = loadScenarioText(
    `
name: sqlgap
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 20d
regions: [ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]
vaults: [ { name: v1, region: eastus, redundancy: LRS } ]
fleet: [{ name: sqlvm, count: 1, region: eastus, disks: [{ size: 100GiB, used: 50% }] }]
sqlPolicies: [{ name: p, full: { frequency: daily, at: "00:00" }, log: { every: 15m, retention: 7d }, retention: { daily: 7 } }]
sqlDatabases: [{ name: db, host: sqlvm, size: 100GiB, log: { daily: 10% }, vault: v1, policy: p }]
events:
  - { at: 10d5h20m, vmFailure: { vms: [sqlvm-001] } }
`,
    'sqlgap.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const [group] = simulate(loaded.scenarios[0]).workloads!.groups;
  // Logs every 15 min until the VM fails at 10d 5h 20m: the last at 10d 5h 15m. The VM has no
  // backup of its own and never comes back, so the window runs to the end of the run at 20d:
  // 20d − 10d 5h 15m = 9d 18h 45m = 845,100 s. Before, the maximum was the 15-minute interval.
  expect(group.rpoSeconds.max).toBe(845_100);
  expect(group.rpoSeconds.p50).toBe(900);
});
