// A tiny scenario for report tests: 2 VMs backed up daily for 10 days, some attempts
// failing, and one variant that keeps fewer daily points. Runs in milliseconds.
import type { RunResult } from '../../models/results/types.js';
import { simulate } from '../../models/simulate.js';
import { loadScenarioText } from '../../scenarios/load.js';

/** The tiny scenario's YAML text. */
export const TINY = `name: tiny
seed: 3
start: "2026-03-01T00:00:00Z"
duration: 10d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, softDelete: 14d }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    instantRestore: 2d
    retention: { daily: 9, weekly: { count: 4, on: Sunday } }
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 4%, spread: 1% } }]
    backup: { vault: rsv, policy: daily, failureRate: 25%, retries: 1, retryAfter: 1h }
variants:
  daily-7: { policies.daily.retention.daily: 7 }
`;

/** The tiny scenario's runs (base, then daily-7), simulated. */
export function tinyResults(): RunResult[] {
  const loaded = loadScenarioText(TINY, 'tiny.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.scenarios.map((s) => simulate(s));
}
