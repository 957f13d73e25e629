// Common random numbers across variants: retries draw their failures from a stream of their
// own, so adding retries leaves every scheduled first attempt's outcome as it was (a variant
// with retries used to shift every later day's draw and fail jobs the base had not).
import { expect, it } from 'vitest';
import type { TraceRecord } from '../../../models/backup/world.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const scenario = `
name: crn
seed: 3
start: "2026-01-01T00:00:00Z"
duration: 60d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus, redundancy: LRS }]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - name: web
    count: 4
    region: eastus
    disks: [{ size: 64GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: rsv, policy: daily, failureRate: 20% }
variants:
  retry: { fleet.web.backup.retries: 2 }
`;

// Each VM's first-attempt failures, as (VM, instant) pairs: retries are the ones with retry > 0.
function firstAttemptFailures(variant: number): string[] {
  const loaded = loadScenarioText(scenario, 'crn.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const trace: TraceRecord[] = [];
  simulate(loaded.scenarios[variant], { trace: (r) => trace.push(r) });
  return trace
    .filter((r) => r.kind === 'job-failed' && r.detail?.retry === 0)
    .map((r) => `${r.subject}@${r.t}`);
}

it('fails the same scheduled attempts with and without retries', () => {
  const base = firstAttemptFailures(0);
  // 4 VMs × 60 days at 20 %: about 48 first-attempt failures; far from none.
  expect(base.length).toBeGreaterThan(20);
  expect(firstAttemptFailures(1)).toEqual(base);
});
