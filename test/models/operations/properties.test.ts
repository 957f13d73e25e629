// Properties of operations against the vault's protections (issue 14), from random sequences of
// operations whose outcome is known: on a locked vault nothing can delete points early, and
// under a locked vault with a Resource Guard every attacker's critical operation is blocked.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(yaml: string): RunResult {
  const loaded = loadScenarioText(yaml, 'prop.yaml');
  if (!loaded.ok)
    throw new Error(`${loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}\n${yaml}`);
  return simulate(loaded.scenarios[0]);
}

// Two VMs for 45 days in vault rsv (`vault` adds its protections), three policies on the same
// schedule, and the given events.
const scenario = (vault: string, events: string[]) => `
name: prop-ops
seed: 3
duration: 45d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults:
  - { name: rsv, region: eastus, ${vault} }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 14, weekly: { count: 4 } } }
  - { name: short, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }
  - { name: long, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 40, weekly: { count: 8 } } }
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 5% } }]
    backup: { vault: rsv, policy: daily }
events:${events.length === 0 ? ' []' : events.map((e) => `\n  - ${e}`).join('')}
`;

const actor = fc.constantFrom('admin', 'attacker');
const when = fc.integer({ min: 1, max: 40 * 24 }).map((h) => `${Math.floor(h / 24)}d${h % 24}h`);
const vms = fc.constantFrom('group: app', 'vms: [app-001]', 'vms: [app-002]');

// Any operation but stopping protection with the data retained and resuming it: a stop with
// retained data takes no more backups, so later days keep fewer new points, by design and
// without deleting any (not what the property is about).
const anyOperation = fc
  .tuple(
    when,
    actor,
    fc.oneof(
      vms.map((t) => `stopProtection: { ${t}, data: delete`),
      vms.map((t) => `deleteBackup: { ${t}`),
      vms.map((t) => `undelete: { ${t}`),
      fc.integer({ min: 7, max: 60 }).map((d) => `changePolicy: { policy: daily, retention: { daily: ${d} }`),
      fc
        .tuple(vms, fc.constantFrom('short', 'long', 'daily'))
        .map(([t, p]) => `changePolicy: { ${t}, to: ${p}`),
      fc
        .constantFrom('disabled', 'enabled', 'always-on')
        .map((s) => `setSoftDelete: { vault: rsv, state: ${s}`),
      fc
        .constantFrom('disabled', 'enabled', 'locked')
        .map((s) => `setImmutability: { vault: rsv, state: ${s}`),
      fc.constant('disableMua: { vault: rsv'),
    ),
  )
  .map(([at, who, op]) => `{ at: ${at}, ${op}, actor: ${who} } }`);

// An attacker's critical operations, each blocked by a locked vault or its Resource Guard.
const blockedAttack = fc
  .tuple(
    when,
    fc.oneof(
      vms.map((t) => `stopProtection: { ${t}, data: delete`),
      vms.map((t) => `deleteBackup: { ${t}`),
      fc.integer({ min: 7, max: 13 }).map((d) => `changePolicy: { policy: daily, retention: { daily: ${d} }`),
      vms.map((t) => `changePolicy: { ${t}, to: short`),
      fc.constant('setSoftDelete: { vault: rsv, state: disabled'),
      fc.constantFrom('disabled', 'enabled').map((s) => `setImmutability: { vault: rsv, state: ${s}`),
      fc.constant('disableMua: { vault: rsv'),
    ),
  )
  .map(([at, op]) => `{ at: ${at}, ${op}, actor: attacker } }`);

// Everything a run measures except its event count, fingerprint, operations and alerts.
const outcome = (r: RunResult) => ({
  vaults: r.vaults,
  storage: r.storage,
  jobs: r.jobs,
  cost: r.cost,
  kept: r.kept,
});

describe('operations: properties', () => {
  const locked = 'softDelete: 14d, immutability: locked';
  const unchanged = run(scenario(locked, []));

  it('should never lower the points an immutable vault keeps below what the unchanged policy keeps', () => {
    fc.assert(
      fc.property(fc.array(anyOperation, { minLength: 1, maxLength: 6 }), (ops) => {
        const r = run(scenario(locked, ops));
        const kept = r.vaults[0].daily.vaultPoints;
        unchanged.vaults[0].daily.vaultPoints.forEach((n, k) => {
          expect(kept[k]).toBeGreaterThanOrEqual(n);
        });
        // Nothing reached soft delete: every delete was blocked.
        expect(Math.max(...r.vaults[0].daily.softDeleted)).toBe(0);
      }),
      { numRuns: 20 },
    );
  });

  it('should always leave the run as if a blocked operation had not been issued, apart from its record and its alert', () => {
    const guarded = `${locked}, resourceGuard: { approvalDelay: 1h }`;
    const clean = run(scenario(guarded, []));
    fc.assert(
      fc.property(fc.array(blockedAttack, { minLength: 1, maxLength: 5 }), (ops) => {
        const r = run(scenario(guarded, ops));
        expect(r.operations!.log.map((o) => o.outcome)).toEqual(ops.map(() => 'blocked'));
        expect(outcome(r)).toEqual(outcome(clean));
        // Only the alerts of the blocked attempts fired, each marked as blocked.
        for (const a of r.operations!.alerts) expect(a.instance.outcome).toBe('blocked');
      }),
      { numRuns: 20 },
    );
  });
});
