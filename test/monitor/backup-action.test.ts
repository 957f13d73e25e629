// An alert action `backup:<group>` takes an on-demand backup of every VM of the group at the
// alert's notification (issue 6: automated actions act on the world).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (action: string) => `
name: backup-action
duration: 5d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus, redundancy: LRS }]
policies:
  - { name: weekly, schedule: { frequency: weekly, days: Saturday, at: "23:00", timeZone: UTC }, retention: { weekly: { count: 4, on: Saturday } } }
fleet:
  - { name: web, count: 3, region: eastus, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: weekly } }
  - { name: db, count: 2, region: eastus, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: weekly } }
monitor:
  alerts:
    # Vault storage is sampled at each day's end: the first sample above 0 fires the rule.
    - { name: stored, metric: Vault Storage, aggregation: maximum, window: 1h, every: 1h, when: ">= 0", actions: [${action}] }
`;

describe('alert action backup:<group>', () => {
  it('backs up every VM of the group once per firing, kept 30 days', () => {
    const loaded = loadScenarioText(scenario('backup:web'), 'a.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = simulate(loaded.scenarios[0]);
    const fired = r.alerts!.rules.find((x) => x.rule === 'stored')!.fired;
    expect(fired).toBeGreaterThan(0);
    // The scheduled Saturday backup makes weekly points, not on-demand ones, so every on-demand
    // point is the alert's: 3 web VMs × firings; the db VMs get none.
    expect(r.jobs[0].points.end.onDemand).toBe(3 * fired);
  });

  it('rejects backup:<group> naming no fleet group, with the allowed ones', () => {
    const loaded = loadScenarioText(scenario('backup:wbe'), 'a.yaml');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues[0].message).toContain('did you mean "backup:web"?');
  });
});
