// References to VMs and fleet groups are checked against every group the fleet declares (its
// name and count), so one bad field of a group is reported once, not again as "unknown VM"
// wherever its VMs are named (scenarios/normalise/fleet.ts declareFleet); and a VM listed twice
// in a target list is a duplicate-item error (scenarios/normalise/dr.ts readTargets).
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const base = (used: string, events: string, extra = '') => `name: refs
duration: 60d
regions: [ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]
vaults: [ { name: rsv, region: eastus } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 30 } } ]
fleet:
  - { name: app, count: 3, region: eastus, disks: [ { size: 128GiB, used: ${used} } ], backup: { vault: rsv, policy: p }, replicate: { to: westus } }
events:
${events}
${extra}`;

function printed(text: string): string[] {
  const r = loadScenarioText(text, 's.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const diskError = 's.yaml:7:75 fleet[0].disks[0].used: expected a percentage from 0% to 100%, got "160%"';

describe('a fleet group with an issue of its own', () => {
  it('is reported once: its VMs named by an event are not also unknown', () => {
    expect(printed(base('160%', '  - { at: 20d, vmFailure: { vms: [app-001] } }'))).toEqual([diskError]);
  });

  it('is reported once wherever its VMs or its name are referred to', () => {
    const events = [
      '  - { at: 20d, vmFailure: { group: app } }',
      '  - { at: 21d, restore: { vms: [app-002] } }',
      '  - { at: 22d, drill: { plan: shop } }',
    ].join('\n');
    const extra = `recoveryPlans:
  - { name: shop, groups: [ { vms: [app-001, app-003] } ] }
objectives:
  rpo: 30h
  per: [ { group: app, rto: 4h }, { app: app, rpo: 1d } ]
`;
    expect(printed(base('160%', events, extra))).toEqual([diskError]);
  });

  it('still reports a VM or group no group declares, with a suggestion', () => {
    const lines = printed(
      base(
        '160%',
        '  - { at: 20d, vmFailure: { vms: [app-004] } }\n  - { at: 21d, vmFailure: { group: ap } }',
      ),
    );
    expect(lines).toEqual([
      diskError,
      's.yaml:9:35 events[0].vmFailure.vms[0]: unknown VM "app-004"; did you mean "app-001"?',
      's.yaml:10:36 events[1].vmFailure.group: unknown fleet group "ap"; did you mean "app"?',
    ]);
  });
});

describe('a VM listed twice in a target list', () => {
  it('is a duplicate-item error naming the second occurrence', () => {
    const r = loadScenarioText(
      base('60%', '  - { at: 20d, vmFailure: { vms: [app-001, app-002, app-001] } }'),
      's.yaml',
    );
    expect(r.ok ? [] : r.issues.map(renderIssue)).toEqual([
      's.yaml:9:53 events[0].vmFailure.vms[2]: "app-001" is listed twice',
    ]);
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['duplicate-item']);
  });

  it('is the same error in a recovery plan group', () => {
    const extra = `recoveryPlans:
  - { name: shop, groups: [ { vms: [app-001, app-001] } ] }
`;
    expect(printed(base('60%', '  - { at: 22d, drill: { plan: shop } }', extra))).toEqual([
      's.yaml:11:46 recoveryPlans[0].groups[0].vms[1]: "app-001" is listed twice',
    ]);
  });
});
