// The disaster-recovery sections of the scenario format: defaults, and clear errors for
// what Site Recovery and recovery plans do not allow (docs/reference.md §5.1, §5.5).

import { describe, expect, it } from 'vitest';
import { MS } from '../../engine/units.js';
import { loadScenarioText } from '../../scenarios/load.js';

const HEAD = `
name: dr
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus, cores: 64 }
`;

function issues(text: string): string[] {
  const r = loadScenarioText(HEAD + text, 'dr.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('disaster-recovery sections', () => {
  it('fills replication and recovery defaults from the reference', () => {
    const r = loadScenarioText(
      `${HEAD}
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB }], replicate: { to: westus } }
events:
  - { at: 10d, outage: { region: eastus, for: 2h } }
`,
      'dr.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.scenarios[0];
    expect(s.vms[0].replicate).toEqual({
      to: 'westus',
      bandwidth: null,
      retention: MS.day, // §5.1: 1 day (2022 default)
      appConsistentEvery: null, // §5.1: off by default
      highChurn: false,
      initialSync: false,
      group: null,
    });
    expect(s.vms[0].cores).toBe(2);
    expect(s.regions[1].cores).toBe(64);
    expect(s.faults).toEqual([
      {
        kind: 'region-outage',
        at: { fixed: 10 * MS.day },
        duration: { fixed: 2 * MS.hour },
        region: 'eastus',
      },
    ]);
    // §2.2: up to 12 hours; uniform within that bound is the documented assumption.
    expect(s.recovery.crossRegionLag).toEqual({ kind: 'uniform', min: 0, max: 12 * MS.hour });
    expect(s.recovery.processing).toBe(5 * MS.minute); // §5.2
    expect(s.recovery.latestProcessing).toEqual({ kind: 'uniform', min: 8 * MS.minute, max: 10 * MS.minute }); // §5.4
  });

  it('names the field and the rule for each Site Recovery limit', () => {
    expect(
      issues(`
fleet:
  - name: web
    region: eastus
    disks: [{ size: 64GiB }]
    replicate: { to: eastus, retention: 20d, appConsistentEvery: 30m }
`),
    ).toEqual([
      'fleet[0].replicate.to: a VM cannot replicate to its own region eastus; Azure-to-Azure replication goes to another region',
      'fleet[0].replicate.retention: Site Recovery retention must be 0s to 15d, got 20d (A2A FAQ: 15 days with managed disks)',
      'fleet[0].replicate.appConsistentEvery: app-consistent snapshots need an interval of at least 1h and less than the retention 20d, got 30m (A2A FAQ)',
    ]);
  });

  it('takes the Cross Region Restore lag as a duration or a distribution within 0s–12h (§2.2)', () => {
    const lag = (value: string) => {
      const r = loadScenarioText(`${HEAD}recovery: { crossRegionLag: ${value} }\n`, 'dr.yaml');
      return r.ok ? r.scenarios[0].recovery.crossRegionLag : r.issues.map((i) => `${i.path}: ${i.message}`);
    };
    expect(lag('6h')).toEqual({ kind: 'constant', value: 6 * MS.hour });
    expect(lag('{ distribution: triangular, min: 1h, mode: 3h, max: 12h }')).toEqual({
      kind: 'triangular',
      min: MS.hour,
      mode: 3 * MS.hour,
      max: 12 * MS.hour,
    });
    const bound = 'the vault docs: the secondary region can take up to 12 hours to receive the backup data';
    expect(lag('13h')).toEqual([
      `recovery.crossRegionLag: Cross Region Restore lag must lie within 0s to 12h, got values from 13h to 13h (${bound})`,
    ]);
    // An unbounded family can draw past 12 hours.
    expect(lag('{ distribution: exponential, mean: 4h }')).toEqual([
      `recovery.crossRegionLag: Cross Region Restore lag must lie within 0s to 12h, got values from 0s to ∞ (${bound})`,
    ]);
  });

  it('rejects a replication group of more than 16 VMs and a plan of more than 7 groups', () => {
    const groups = Array.from(
      { length: 8 },
      (_, k) => `      - { vms: [web-${String(k + 1).padStart(3, '0')}] }`,
    ).join('\n');
    expect(
      issues(`
fleet:
  - { name: web, count: 17, region: eastus, disks: [{ size: 64GiB }], replicate: { to: westus, group: rg } }
recoveryPlans:
  - name: p
    groups:
${groups}
`),
    ).toEqual([
      'fleet: replication group "rg" has 17 VMs; at most 16 are allowed (A2A FAQ, multi-VM consistency)',
      'recoveryPlans[0].groups: recovery plan "p" has 8 groups; at most 7 are allowed (A2A FAQ)',
      'recoveryPlans[0].groups[1]: replication group "rg" is split across recovery plans or groups; its VMs fail over together',
    ]);
  });

  it('checks events: one kind each, known VMs with a suggestion, known plans, within the horizon', () => {
    expect(
      issues(`
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB }] }
events:
  - { at: 10d, outage: { region: eastus, for: 1h }, vmFailure: { vms: [web-001] } }
  - { at: 10d, vmFailure: { vms: [web-01] } }
  - { at: 40d, drill: { plan: nope } }
  - { at: 1d, degrade: { to: 10%, for: 1h } }
`),
    ).toEqual([
      'events[0]: an event has exactly one kind, got outage and vmFailure',
      'events[1].vmFailure.vms[0]: unknown VM "web-01"; did you mean "web-001"?',
      "events[2].at: events.at 40d is beyond the scenario's duration 30d",
      'events[2].drill.plan: unknown recovery plan "nope"',
      'events[3].degrade: degrade needs a link or replicationFrom (one of them)',
    ]);
  });

  it('checks scoped objectives name one scope that exists', () => {
    expect(
      issues(`
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB }], tags: { app: shop } }
objectives:
  per:
    - { group: web, app: shop, rto: 1h }
    - { tag: tier=gold, rto: 1h }
    - { app: shop }
`),
    ).toEqual([
      'objectives.per[0]: an objective scope names exactly one of group, app or tag',
      'objectives.per[1].tag: no VM has tag tier=gold',
      'objectives.per[2]: a scoped objective needs rpo or rto',
    ]);
  });

  it('reads where backup continues after a failover, and rejects a vault in the VMs own region', () => {
    const vaults = `
vaults:
  - { name: east, region: eastus }
  - { name: west, region: westus }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
  - { name: weekly, schedule: { frequency: weekly, days: [Sunday], at: "22:00" }, retention: { weekly: { count: 4, on: Sunday } } }
recoveryPlans:
  - { name: p, afterOutage: restart, groups: [{ group: web }] }
`;
    const r = loadScenarioText(
      `${HEAD}${vaults}
fleet:
  - name: web
    region: eastus
    disks: [{ size: 64GiB }]
    replicate: { to: westus }
    backup: { vault: east, policy: daily, afterFailover: { vault: west } }
  - { name: app, region: eastus, disks: [{ size: 64GiB }], backup: { vault: east, policy: daily, afterFailover: { vault: west, policy: weekly } } }
  - { name: db, region: eastus, disks: [{ size: 64GiB }], backup: { vault: east, policy: daily } }
`,
      'dr.yaml',
    );
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    const s = r.scenarios[0];
    // Same policy unless another is named; none without the setting; the plan's own afterOutage.
    expect(s.vms.map((vm) => vm.backup!.afterFailover)).toEqual([
      { vault: 'west', policy: 'daily' },
      { vault: 'west', policy: 'weekly' },
      null,
    ]);
    expect(s.recoveryPlans[0].afterOutage).toBe('restart');
    expect(
      issues(`${vaults}
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB }], replicate: { to: westus }, backup: { vault: east, policy: daily, afterFailover: { vault: east } } }
  - { name: app, region: eastus, disks: [{ size: 64GiB }], backup: { vault: east, policy: daily, afterFailover: { vault: wets } } }
`),
    ).toEqual([
      'fleet[0].backup.afterFailover.vault: backup.afterFailover names vault east in eastus, where these VMs already run; name a vault in the region they are recovered to (a VM is backed up to a vault in its own region, Azure Backup support matrix)',
      'fleet[1].backup.afterFailover.vault: unknown vault "wets"; did you mean "west"?',
    ]);
  });
});
