// A restore's drawn request time is never moved: validation rejects a distribution that can
// draw below 0 (scenarios/normalise/events.ts), so a negative draw reaching the model is a bug
// and throws a RangeError naming the restore's stream, as a fault's does (models/dr/faults.ts).

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const YAML = `
name: drawn-restore
seed: 1
duration: 10d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: daily } }
events:
  - { at: 1d, restore: { group: web, option: files, files: 1GiB } }
  - { at: { distribution: uniform, min: 5d, max: 6d }, restore: { group: web, option: files, files: 1GiB } }
`;

function load() {
  const loaded = loadScenarioText(YAML, 'drawn-restore.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return loaded.scenarios[0];
}

describe('a drawn restore time', () => {
  it('within the run is used as drawn', () => {
    const scenario = load();
    const requested = simulate(scenario)
      .restores!.jobs.filter((j) => j.origin === 'user')
      .map((j) => Date.parse(j.requestedAt) - scenario.start);
    expect(requested).toHaveLength(2);
    expect(requested[1]).toBeGreaterThanOrEqual(5 * 86_400_000);
    expect(requested[1]).toBeLessThanOrEqual(6 * 86_400_000);
  });

  it('below 0 throws a RangeError naming the restore, never requests it at the start', () => {
    const scenario = load();
    const restores = scenario.restores!;
    const i = restores.findIndex((r) => 'draw' in r.at);
    expect(i).toBe(1);
    restores[i] = { ...restores[i], at: { draw: { kind: 'constant', value: -5000 } } };
    expect(() => simulate(scenario)).toThrow(RangeError);
    expect(() => simulate(scenario)).toThrow(
      `restore/${restores[i].index}/at: a time drawn below 0 (-5000 ms); its distribution must stay at 0 or above`,
    );
  });
});
