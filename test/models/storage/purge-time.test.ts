// Soft-deleted data is purged at its purge time (deletion + the soft-delete period, §2.3), not
// at the daily round after it: an undelete after the printed purge time fails, one before it
// succeeds, and Purge Complete fires at that instant.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const scenario = (undeleteAt: string) => `
name: t
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 30d
regions: [ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]
vaults: [ { name: v1, region: eastus, redundancy: LRS } ]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB, used: 50% } ], backup: { vault: v1, policy: daily } }
events:
  - { at: 10d1h, deleteBackup: { vms: [app-001] } }
  - { at: ${undeleteAt}, undelete: { vms: [app-001] } }
`;

function ops(undeleteAt: string) {
  const loaded = loadScenarioText(scenario(undeleteAt), 'purge.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return simulate(loaded.scenarios[0]).operations!;
}

describe('the purge time', () => {
  // Deleted at day 10 01:00 with the default 14-day soft delete: purged at day 24 01:00
  // (2026-01-25T01:00Z); the daily round after it is at day 25 00:00.
  it('is printed, and is when the data stops being recoverable', () => {
    const after = ops('24d12h');
    expect(after.log[0].changes.purgeAt).toBe('2026-01-25T01:00:00.000Z');
    expect(after.log[1].outcome).toBe('failed');
    expect(ops('24d0h59m').log[1].outcome).toBe('succeeded');
  });

  it('fires Purge Complete at the purge time', () => {
    const purge = ops('29d').alerts.find((a) => a.alert === 'Purge Complete');
    expect(purge?.at).toBe('2026-01-25T01:00:00.000Z');
  });
});
