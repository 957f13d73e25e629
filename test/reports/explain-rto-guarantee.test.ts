// `explain rto` for a VM no incident took down: it cannot explain an achieved RTO, but the
// verdict cites what the schedule guarantees, so the answer says that instead of only "no".
import { expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { rtoProblems } from '../../reports/explain-rto.js';
import { loadScenarioText } from '../../scenarios/load.js';

it('gives the guaranteed RTO of a VM without incidents', () => {
  const loaded = loadScenarioText(
    `
name: t
duration: 10d
regions: [ { name: eastus } ]
vaults: [ { name: rsv, region: eastus, redundancy: LRS } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 7 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: rsv, policy: p } }
  - { name: bare, region: eastus, disks: [ { size: 128GiB } ] }
objectives: { rto: 4h }
`,
    'e.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = simulate(loaded.scenarios[0]);
  // Detection 15m + snapshot-tier restore 11m 40s + boot 2m 40s (the defaults' means) = 29m 20s.
  expect(rtoProblems(result, 'app-001', undefined)).toEqual([
    '--vm app-001: no incident took this VM down, so no achieved RTO to explain; its schedule guarantees RTO 29m 20s: ' +
      "for a failure of the VM, a restore in place from the snapshot tier (a region outage's RTO is judged by incidents): " +
      'detection 15m 0s + restore 11m 40s + boot 2m 40s',
  ]);
  expect(rtoProblems(result, 'bare-001', undefined)[0]).toMatch(/nothing bounds its RTO: unprotected/);
});
