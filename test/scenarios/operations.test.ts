// Operations in `events:` and the vault's protections (issue 14): what they read into, their
// defaults, and a positioned error for each mistake.

import { describe, expect, it } from 'vitest';
import { MS } from '../../engine/units.js';
import { loadScenarioText } from '../../scenarios/load.js';

const HEAD = `
name: ops
duration: 60d
regions: [{ name: eastus }]
vaults:
  - { name: rsv, region: eastus }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 30 } }
  - { name: short, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, count: 2, region: eastus, disks: [{ size: 64GiB }], backup: { vault: rsv, policy: daily } }
  - { name: bare, region: eastus, disks: [{ size: 64GiB }] }
`;

function load(text: string) {
  const r = loadScenarioText(HEAD + text, 'ops.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return r.scenarios[0];
}

function issues(text: string): string[] {
  const r = loadScenarioText(HEAD + text, 'ops.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.line}:${i.column} ${i.path}: ${i.message}`);
}

describe('operations in events', () => {
  it('reads each kind with its actor (admin unless said; deleteBackup: attacker)', () => {
    const s = load(`
events:
  - { at: 10d, stopProtection: { group: web } }
  - { at: 11d, stopProtection: { vms: [web-001], data: delete, actor: attacker } }
  - { at: 12d, deleteBackup: { vms: [web-002] } }
  - { at: 13d, undelete: { group: web } }
  - { at: 14d, resumeProtection: { group: web, actor: admin } }
  - { at: 15d, changePolicy: { group: web, to: short } }
  - { at: 16d, setSoftDelete: { vault: rsv, state: always-on, retention: 30d } }
  - { at: 17d, setImmutability: { vault: rsv, state: locked } }
  - { at: 18d, disableMua: { vault: rsv } }
  - { at: 19d, outage: { region: eastus, for: 1h } }
`);
    const web = { vms: ['web-001', 'web-002'], label: 'group web' };
    expect(s.operations.map(({ at, ...o }) => o)).toEqual([
      { kind: 'stop-protection', deleteData: false, targets: web, actor: 'admin', written: 'stopProtection' },
      {
        kind: 'stop-protection',
        deleteData: true,
        targets: { vms: ['web-001'], label: 'web-001' },
        actor: 'attacker',
        written: 'stopProtection',
      },
      {
        kind: 'stop-protection',
        deleteData: true,
        targets: { vms: ['web-002'], label: 'web-002' },
        actor: 'attacker',
        written: 'deleteBackup',
      },
      { kind: 'undelete', targets: web, actor: 'admin', written: 'undelete' },
      { kind: 'resume-protection', targets: web, actor: 'admin', written: 'resumeProtection' },
      { kind: 'modify-protection', targets: web, policy: 'short', actor: 'admin', written: 'changePolicy' },
      {
        kind: 'set-soft-delete',
        vault: 'rsv',
        state: 'always-on',
        retention: 30 * MS.day,
        actor: 'admin',
        written: 'setSoftDelete',
      },
      { kind: 'set-immutability', vault: 'rsv', state: 'locked', actor: 'admin', written: 'setImmutability' },
      { kind: 'disable-mua', vault: 'rsv', actor: 'admin', written: 'disableMua' },
    ]);
    expect(s.operations[0].at).toEqual({ fixed: 10 * MS.day });
    // Operations are not faults; the outage is.
    expect(s.faults.map((f) => f.kind)).toEqual(['region-outage']);
  });

  it('reads a policy change with the policy rules: a new retention and schedule', () => {
    const s = load(`
events:
  - at: 40d
    changePolicy:
      policy: daily
      retention: { weekly: { count: 8 } }
      schedule: { frequency: weekly, at: "21:00", days: Sunday }
`);
    expect(s.operations[0]).toMatchObject({
      kind: 'modify-policy',
      policy: 'daily',
      retention: { daily: null, weekly: { count: 8, on: [0] }, monthly: null, yearly: null },
      schedule: { frequency: 'weekly', at: 21 * 60, days: [0], timeZone: 'UTC' },
    });
  });

  it('fills the vault protections: soft delete not always-on, no Resource Guard; a guard waits 1h by default', () => {
    expect(load('').vaults[0]).toMatchObject({ softDeleteAlwaysOn: false, resourceGuard: null });
    const s = loadScenarioText(
      HEAD.replace(
        '{ name: rsv, region: eastus }',
        '{ name: rsv, region: eastus, softDeleteAlwaysOn: true, resourceGuard: { exclude: [stopProtectionDelete] } }',
      ),
      'ops.yaml',
    );
    expect(s.ok && s.scenarios[0].vaults[0]).toMatchObject({
      softDeleteAlwaysOn: true,
      resourceGuard: { approvalDelay: MS.hour, exclude: ['stopProtectionDelete'] },
    });
  });

  it('gives a positioned error for each mistake', () => {
    expect(
      issues(`
events:
  - { at: 10d, stopProtection: { group: bare } }
  - { at: 11d, changePolicy: { policy: dialy, retention: { daily: 10 } } }
  - { at: 12d, changePolicy: { policy: daily, group: web, to: short } }
  - { at: 13d, changePolicy: { policy: daily } }
  - { at: 14d, changePolicy: { policy: daily, retention: { daily: 3 } } }
  - { at: 15d, setSoftDelete: { vault: rsv, state: enabled, retention: 200d } }
  - { at: 16d, setSoftDelete: { vault: rsv, state: disabled, retention: 20d } }
  - { at: 17d, disableMua: { vault: rsb } }
  - { at: 18d, changePolicy: { policy: daily, schedule: { frequency: weekly, at: "22:00", days: Sunday } } }
  - { at: 90d, undelete: { group: web } }
`),
    ).toEqual([
      '15:32 events[0].stopProtection: VM "bare-001" is not backed up (no backup:), so no backup operation applies to it',
      '16:40 events[1].changePolicy.policy: unknown policy "dialy"; did you mean "daily"?',
      '17:30 events[2].changePolicy: changePolicy either changes a policy (policy with retention and/or schedule) or moves VMs (vms or group with to), not both',
      '18:30 events[3].changePolicy: changePolicy of "daily" changes nothing: give retention, schedule or both',
      '19:67 events[4].changePolicy.retention.daily: daily retention must be at least 7 days, got 3 (Azure VM backup support matrix)',
      '20:72 events[5].setSoftDelete.retention: soft-delete retention must be whole days from 14d to 180d, got 200d (Azure Backup soft delete docs)',
      '21:73 events[6].setSoftDelete.retention: a soft-delete retention applies to enabled or always-on soft delete, not to disabled',
      '22:37 events[7].disableMua.vault: unknown vault "rsb"; did you mean "rsv"?',
      '23:30 events[8].changePolicy: the schedule changes from daily to weekly: give the retention for the new schedule too (a weekly schedule has no daily tier, §1.4)',
      "24:11 events[9].at: events.at 90d is beyond the scenario's duration 60d",
    ]);
  });

  it('rejects always-on soft delete with soft delete disabled', () => {
    const r = loadScenarioText(
      HEAD.replace(
        '{ name: rsv, region: eastus }',
        '{ name: rsv, region: eastus, softDelete: false, softDeleteAlwaysOn: true }',
      ),
      'ops.yaml',
    );
    expect(r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'vaults[0].softDeleteAlwaysOn: vault rsv cannot have soft delete always-on with soft delete disabled (softDelete: false)',
    ]);
  });
});
