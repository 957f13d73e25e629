// The restore event and restoreTests of the scenario format (issue 18): defaults, and a clear,
// positioned error for each rule the scenario alone decides (docs/reference.md §1.6, §1.8, §2.2;
// docs/reference.md §15).

import { describe, expect, it } from 'vitest';
import { MS } from '../../engine/units.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const HEAD = `
name: restore
duration: 30d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: grs, region: eastus, redundancy: GRS, crossRegionRestore: true }
  - { name: lrs, region: eastus, redundancy: LRS }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, count: 2, region: eastus, zone: 1, os: windows, disks: [{ size: 64GiB }], backup: { vault: grs, policy: daily } }
  - { name: db, region: eastus, disks: [{ size: 64GiB }], backup: { vault: lrs, policy: daily } }
  - { name: bare, region: eastus, disks: [{ size: 64GiB }] }
`;

function issues(text: string): string[] {
  const r = loadScenarioText(HEAD + text, 'restore.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
}

describe('restores and restore drills in a scenario', () => {
  it('reads a restore with its defaults, and a drill', () => {
    const r = loadScenarioText(
      `${HEAD}events:
  - { at: 10d, restore: { group: web } }
  - { at: 11d, restore: { vms: [web-001], point: { before: 9d }, option: files, files: 2GiB, target: same } }
  - { at: 12d, restore: { vms: [web-002], point: latest-app-consistent, target: { zone: 2 }, option: restore-disks } }
restoreTests:
  - { name: weekly, every: 7d, group: web }
objectives: { restoreTest: 2h }
`,
      'restore.yaml',
    );
    if (!r.ok) throw new Error(r.issues.map(renderIssue).join('\n'));
    const s = r.scenarios[0];
    expect(s.restores!.map(({ at, targets, ...how }) => [at, targets.vms, how])).toEqual([
      [
        { fixed: 10 * MS.day },
        ['web-001', 'web-002'],
        { point: { kind: 'latest' }, option: 'new-vm', target: { kind: 'same' }, files: null, index: 0 },
      ],
      [
        { fixed: 11 * MS.day },
        ['web-001'],
        {
          point: { kind: 'before', at: 9 * MS.day },
          option: 'files',
          target: { kind: 'same' },
          files: 2 * 2 ** 30,
          index: 1,
        },
      ],
      [
        { fixed: 12 * MS.day },
        ['web-002'],
        {
          point: { kind: 'latest-app-consistent' },
          option: 'restore-disks',
          target: { kind: 'zone', zone: 2 },
          files: null,
          index: 2,
        },
      ],
    ]);
    expect(s.restoreTests).toEqual([
      {
        name: 'weekly',
        every: 7 * MS.day,
        from: 7 * MS.day,
        targets: { vms: ['web-001', 'web-002'], label: 'group web' },
        count: 1,
        point: { kind: 'latest' },
        option: 'new-vm',
        target: { kind: 'same' },
        files: null,
      },
    ]);
    expect(s.objectives.restoreTest).toBe(2 * MS.hour);
  });

  it('names the field and the rule for each restore the scenario alone forbids', () => {
    expect(
      issues(`events:
  - { at: 10d, restore: { vms: [bare-001] } }
  - { at: 10d, restore: { vms: [db-001], target: cross-region } }
  - { at: 10d, restore: { vms: [db-001], point: latest-app-consistent } }
  - { at: 10d, restore: { vms: [web-001], option: replace-disks, target: { zone: 2 } } }
  - { at: 10d, restore: { vms: [web-001], target: { zone: 1 } } }
  - { at: 10d, restore: { vms: [web-001], option: files } }
  - { at: 10d, restore: { vms: [web-001], files: 1GiB } }
restoreTests:
  - { name: t, every: 0s, group: web }
  - { name: u, every: 7d, group: web, count: 3 }
  - { name: v, every: 7d, group: web, option: replace-disks }
`),
    ).toEqual([
      'events[0].restore: VM "bare-001" is not backed up (no backup:), so there is nothing to restore it from',
      'events[1].restore.target: db-001: Cross Region Restore needs a GRS vault with crossRegionRestore on; lrs is LRS (docs/reference.md §2.2)',
      'events[2].restore.point: db-001: a Linux VM has no app-consistent points: its backups are file-system consistent unless pre- and post-scripts are configured (docs/reference.md §1.6)',
      'events[3].restore.target: web-001: replace-disks replaces the disks of the VM where it is: not across zones, and Cross Region Restore does not offer it (docs/reference.md §1.8)',
      'events[4].restore.target: web-001: cross-zonal restore goes to another zone; web-001 is already in zone 1',
      'events[5].restore: option files needs files: how much to copy, like 8GB',
      'events[6].restore.files: files is only for option files (file-level recovery), not new-vm',
      'restoreTests[0].every: a restore drill needs every greater than 0s, got 0s',
      'restoreTests[1].count: count 3 is more than the 2 VMs named: each drill restores distinct VMs',
      'restoreTests[2].option: a restore drill must not touch production: replace-disks replaces the VM’s own disks (use new-vm or restore-disks)',
    ]);
  });
});
