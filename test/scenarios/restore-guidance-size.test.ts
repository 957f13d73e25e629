// The restore-beyond-guidance warning names the size as the scenario wrote it: 30GB, not the
// exact binary rewriting of 30 × 10⁹ bytes (29296875KiB).
import { expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';

it('names a file-level recovery size in the scenario’s own words', () => {
  const loaded = loadScenarioText(
    `
name: t
duration: 10d
regions: [ { name: eastus } ]
vaults: [ { name: rsv, region: eastus } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 7 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: rsv, policy: p } }
events:
  - { at: 5d, restore: { vms: [app-001], option: files, files: 30GB } }
`,
    'r.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const [warning] = loaded.warnings.filter((w) => w.code === 'restore-beyond-guidance');
  expect(warning.message).toMatch(/^file-level recovery of 30GB is beyond/);
});
