// Invariants of the backup model over random small scenarios (common random numbers:
// variants share every random stream, so differences come from the policy alone).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxPointsKept } from '../../../models/retention/tags.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

type Knobs = {
  daily: number;
  weekly: number;
  monthly: number;
  churn: number;
  spread: number;
  vms: number;
  fail: number;
};

function scenario(k: Knobs, days: number) {
  const text = `
name: prop
seed: 11
duration: ${days}d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
links: [{ name: l, capacity: 1Gbps }]
policies:
  - name: p
    schedule: { frequency: daily, at: "23:00", timeZone: America/New_York }
    retention:
      daily: ${k.daily}
${k.weekly > 0 ? `      weekly: { count: ${k.weekly}, on: Sunday }` : ''}
${k.monthly > 0 ? `      monthly: { count: ${k.monthly}, on: first Sunday }` : ''}
fleet:
  - name: vm
    count: ${k.vms}
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: ${k.churn}%, spread: ${k.spread}% } }, { size: 32GiB, churn: { daily: 1% } }]
    backup: { vault: v, policy: p, failureRate: ${k.fail}%, retries: 1 }
`;
  const r = loadScenarioText(text, 'prop.yaml');
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.scenarios[0];
}

const knobs = fc.record({
  daily: fc.integer({ min: 7, max: 40 }),
  weekly: fc.integer({ min: 0, max: 8 }),
  monthly: fc.integer({ min: 0, max: 3 }),
  churn: fc.integer({ min: 1, max: 10 }),
  spread: fc.integer({ min: 0, max: 3 }).map((s) => s + 0.5),
  vms: fc.integer({ min: 1, max: 3 }),
  fail: fc.integer({ min: 0, max: 30 }),
});

describe('backup model properties', () => {
  it('should always give byte-identical results for the same scenario and seed', () => {
    fc.assert(
      fc.property(knobs, (k) => {
        const s = scenario(k, 40);
        expect(JSON.stringify(simulate(s))).toBe(JSON.stringify(simulate(s)));
      }),
      { numRuns: 10 },
    );
  });

  it('should never store negative bytes nor keep more points than the policy allows', () => {
    fc.assert(
      fc.property(knobs, (k) => {
        const s = scenario(k, 75);
        const r = simulate(s);
        const bound = maxPointsKept(s.policies[0].retention, s.policies[0].schedule) * k.vms;
        const v = r.vaults[0];
        for (const tier of ['snapshot', 'standard', 'archive', 'softDeleted'] as const)
          for (const b of v.daily[tier]) expect(b).toBeGreaterThanOrEqual(0);
        for (const n of v.daily.vaultPoints) expect(n).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 10 },
    );
  });

  it('should never lower stored bytes when any retention gets longer (common random numbers)', () => {
    fc.assert(
      fc.property(
        knobs,
        fc.constantFrom('daily', 'weekly', 'monthly'),
        fc.integer({ min: 1, max: 20 }),
        (k, tier, more) => {
          const short = simulate(scenario(k, 75));
          const long = simulate(scenario({ ...k, [tier]: k[tier] + more }, 75));
          const a = short.vaults[0].daily.standard;
          const b = long.vaults[0].daily.standard;
          for (let i = 0; i < a.length; i++) expect(b[i]).toBeGreaterThanOrEqual(a[i]);
          // Same workload: the jobs, and so the bytes sent, are identical.
          expect(long.jobs[0].bytesTransferred).toBe(short.jobs[0].bytesTransferred);
        },
      ),
      { numRuns: 10 },
    );
  });
});
