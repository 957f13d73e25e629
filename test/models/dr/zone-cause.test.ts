// A backup that cannot run because the VM's availability zone is out fails with zone-outage,
// not region-outage (the region is up): the cause tables and health events name the zone.
import { expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

it('counts backups failed in a zone outage as zone-outage', () => {
  const loaded = loadScenarioText(
    `
name: z
start: "2026-01-01T00:00:00Z"
duration: 5d
regions: [ { name: eastus, pair: westus, zones: 3 }, { name: westus, pair: eastus, zones: 3 } ]
vaults: [ { name: v, region: eastus, redundancy: LRS } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } } ]
fleet:
  - { name: z, region: eastus, zone: 1, disks: [ { size: 128GiB } ], backup: { vault: v, policy: p } }
recovery: { afterOutage: restart }
events:
  - { at: 2d21h, outage: { region: eastus, zone: 1, for: 6h } }
`,
    'z.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const [jobs] = simulate(loaded.scenarios[0]).jobs;
  // The 22:00 slot of day 3 falls in the zone's outage (21:00–03:00): that job fails, once.
  expect(jobs.failedByCause).toEqual({ 'zone-outage': 1 });
});
