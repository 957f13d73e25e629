// A fault that something feels gets no fault-hits-nothing warning (scenarios/normalise/
// no-op-faults.ts); the fixture under warnings/ shows each kind that hits nothing.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (fleet: string, vaults: string, events: string) => `
name: t
duration: 30d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus }
${vaults}
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
${fleet}
events:
${events}
`;

function warned(fleet: string, vaults: string, events: string): string[] {
  const loaded = loadScenarioText(scenario(fleet, vaults, events), 'f.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.warnings.filter((w) => w.code === 'fault-hits-nothing').map((w) => w.path);
}

const web = '  - { name: web, region: eastus, disks: [{ size: 128GiB }] }';
const zonal = '  - { name: web, region: eastus, zone: 2, disks: [{ size: 128GiB }] }';
const replicated = '  - { name: web, region: eastus, disks: [{ size: 128GiB }], replicate: { to: westus } }';
const noVaults = 'vaults: []';

describe('fault-hits-nothing', () => {
  it('is silent for faults something feels', () => {
    // A westus outage hits the replicas' target region; a zone-2 outage hits a VM in zone 2;
    // a spike on replicated VMs raises their replication churn; a degraded replication out of
    // eastus slows theirs.
    const events = [
      '  - { at: 5d, outage: { region: westus, for: 4h } }',
      '  - { at: 6d, churnSpike: { group: web, rate: 80MB/s, for: 1h } }',
      '  - { at: 7d, degrade: { replicationFrom: eastus, to: 10%, for: 1h } }',
      '  - { at: 8d, controlPlane: { region: westus, for: 4h } }',
    ].join('\n');
    expect(warned(replicated, noVaults, events)).toEqual([]);
    expect(warned(zonal, noVaults, '  - { at: 5d, outage: { region: eastus, zone: 2, for: 4h } }')).toEqual(
      [],
    );
    // An LRS vault is unreadable during any zone outage of its region (docs/model.md); a ZRS one is not.
    const zoneOutage = '  - { at: 5d, outage: { region: eastus, zone: 2, for: 4h } }';
    expect(warned(web, 'vaults: [{ name: v, region: eastus, redundancy: LRS }]', zoneOutage)).toEqual([]);
    expect(warned(web, 'vaults: [{ name: v, region: eastus, redundancy: ZRS }]', zoneOutage)).toEqual([
      'events[0].outage',
    ]);
  });

  it("counts a vault, and a Cross Region Restore vault's paired region, as something there", () => {
    const westusOutage = '  - { at: 5d, outage: { region: westus, for: 4h } }';
    // Without Cross Region Restore, nothing reads the GRS secondary in westus.
    const grs = 'vaults: [{ name: v, region: eastus, redundancy: GRS }]';
    expect(warned(web, grs, westusOutage)).toEqual(['events[0].outage']);
    const crr = 'vaults: [{ name: v, region: eastus, redundancy: GRS, crossRegionRestore: true }]';
    expect(warned(web, crr, westusOutage)).toEqual([]);
    const there = 'vaults: [{ name: v, region: westus }]';
    expect(warned(web, there, westusOutage)).toEqual([]);
  });

  it('warns for each idle fault at its own event', () => {
    const events = [
      '  - { at: 5d, outage: { region: westus, for: 4h } }',
      '  - { at: 6d, vmFailure: { vms: [web-001] } }',
      '  - { at: 7d, churnSpike: { group: web, rate: 80MB/s, for: 1h } }',
    ].join('\n');
    expect(warned(web, noVaults, events)).toEqual(['events[0].outage', 'events[2].churnSpike']);
  });
});
