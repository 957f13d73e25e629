// Invariants of disaster recovery over random small scenarios: random fleets (replicated or
// backed up to LRS/GRS vaults, with or without Cross Region Restore), random outages,
// ransomware, churn spikes and detection delays.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const MIN = 60;
const DAY = 86_400;

interface Case {
  seed: number;
  replicated: boolean[];
  redundancy: 'LRS' | 'GRS';
  crr: boolean;
  outageAt: number; // minutes
  outageFor: number; // minutes
  detection: number; // minutes
  spikeAt: number; // minutes
  spikeRate: number; // MiB/s
  ransomAt: number; // minutes
  bandwidth: number; // MiB/s
}

const aCase: fc.Arbitrary<Case> = fc.record({
  seed: fc.integer({ min: 1, max: 1000 }),
  replicated: fc.array(fc.boolean(), { minLength: 1, maxLength: 3 }),
  redundancy: fc.constantFrom('LRS' as const, 'GRS' as const),
  crr: fc.boolean(),
  outageAt: fc.integer({ min: 3 * 24 * 60, max: 12 * 24 * 60 }),
  outageFor: fc.integer({ min: 5, max: 30 * 60 }),
  detection: fc.integer({ min: 0, max: 180 }),
  spikeAt: fc.integer({ min: 2 * 24 * 60, max: 12 * 24 * 60 }),
  spikeRate: fc.integer({ min: 1, max: 80 }),
  ransomAt: fc.integer({ min: 2 * 24 * 60, max: 12 * 24 * 60 }),
  bandwidth: fc.integer({ min: 5, max: 60 }),
});

function yaml(c: Case, bandwidth = c.bandwidth): string {
  const groups = c.replicated
    .map(
      (rep, i) => `
  - name: g${i}
    region: eastus
    zone: ${(i % 3) + 1}
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 4% } }]
    backup: { vault: rsv, policy: daily }${rep ? `\n    replicate: { to: westus, bandwidth: ${bandwidth}MiB/s }` : ''}`,
    )
    .join('');
  return `
name: prop
seed: ${c.seed}
duration: 16d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: ${c.redundancy}, crossRegionRestore: ${c.redundancy === 'GRS' && c.crr} }
policies:
  - { name: daily, schedule: { frequency: daily, at: "23:00", timeZone: UTC }, instantRestore: 2d, retention: { daily: 30 } }
recovery: { detection: ${c.detection}m, boot: 2m }
fleet:${groups}
events:
  - { at: ${c.spikeAt}m, churnSpike: { group: g0, rate: ${c.spikeRate}MiB/s, for: 1h } }
  - { at: ${c.outageAt}m, outage: { region: eastus, for: ${c.outageFor}m } }
  - { at: ${c.ransomAt}m, ransomware: { group: g0, detectedAfter: 6h } }
`;
}

function run(text: string): RunResult {
  const loaded = loadScenarioText(text, 'prop.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const seconds = (iso: string) => (Date.parse(iso) - Date.parse('2026-01-01T00:00:00Z')) / 1000;

describe('disaster recovery invariants', () => {
  it('RPO is never negative and no recovery uses a point taken after the fault that made it bad', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const r = run(yaml(c));
        for (const incident of r.dr!.incidents)
          for (const v of incident.vms) {
            if (v.rpoSeconds !== null) expect(v.rpoSeconds).toBeGreaterThanOrEqual(0);
            if (v.point !== null) expect(seconds(v.point.at)).toBeLessThanOrEqual(seconds(incident.at));
            if (v.rtoSeconds !== null) expect(v.rtoSeconds).toBeGreaterThan(0);
          }
      }),
      { numRuns: 25 },
    );
  });

  it('an outage that ends before any recovery starts gives RTO ≤ outage length + boot', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const r = run(yaml(c));
        const outage = r.dr!.incidents.find((i) => i.kind === 'region-outage');
        if (outage === undefined || c.outageFor > c.detection) return;
        for (const v of outage.vms) {
          expect(v.path).toBe('restart-in-place');
          expect(v.rtoSeconds!).toBeLessThanOrEqual(c.outageFor * MIN + 2 * MIN);
          expect(v.rpoSeconds).toBe(0);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('more replication bandwidth never worsens a failover’s RPO (same random numbers)', () => {
    fc.assert(
      fc.property(aCase, fc.integer({ min: 1, max: 60 }), (c, more) => {
        const slow = run(yaml(c));
        const fast = run(yaml(c, c.bandwidth + more));
        const rpo = (r: RunResult) =>
          new Map(
            r
              .dr!.incidents.filter((i) => i.kind === 'region-outage')
              .flatMap((i) => i.vms.filter((v) => v.path === 'failover').map((v) => [v.vm, v.rpoSeconds!])),
          );
        const a = rpo(slow);
        const b = rpo(fast);
        for (const [vm, value] of a) if (b.has(vm)) expect(b.get(vm)!).toBeLessThanOrEqual(value);
      }),
      { numRuns: 20 },
    );
  });

  it('the bandwidth the planner names does keep every VM within the RPO target', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const r = run(yaml(c));
        for (const g of r.dr!.replication) {
          if (g.bandwidthForTarget === null) continue;
          const mibps = Math.ceil((g.bandwidthForTarget / 1024 ** 2) * 1000) / 1000;
          const again = run(yaml(c, mibps)).dr!.replication.find((x) => x.group === g.group)!;
          expect(again.daysOverTarget).toBe(0);
          expect(again.peakRpoSeconds.max).toBeLessThanOrEqual(g.rpoTargetSeconds + 1e-6);
        }
      }),
      { numRuns: 10 },
    );
  });

  it('is deterministic: the same scenario gives the same incidents', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        expect(JSON.stringify(run(yaml(c)).dr)).toBe(JSON.stringify(run(yaml(c)).dr));
      }),
      { numRuns: 5 },
    );
  });
});
void DAY;
