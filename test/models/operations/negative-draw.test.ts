// An operation's drawn time is never moved: validation rejects a distribution that can draw
// below 0 (scenarios/normalise/events.ts), so a negative draw reaching the model is a bug and
// throws a RangeError naming the operation's stream, as a fault's does (models/dr/faults.ts).

import { describe, expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const YAML = `
name: drawn-operation
seed: 1
duration: 10d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 64GiB, used: 50% }], backup: { vault: rsv, policy: daily } }
events:
  - { at: 2d, setSoftDelete: { vault: rsv, state: disabled, actor: attacker } }
  - { at: { distribution: uniform, min: 3d, max: 4d }, deleteBackup: { group: web } }
`;

function load() {
  const loaded = loadScenarioText(YAML, 'drawn-operation.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return loaded.scenarios[0];
}

describe('a drawn operation time', () => {
  it('within the run is used as drawn', () => {
    const scenario = load();
    const deleted = simulate(scenario).operations!.log.find((o) => o.index === 2)!;
    const at = Date.parse(deleted.at) - scenario.start;
    expect(at).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(at).toBeLessThanOrEqual(4 * 86_400_000);
  });

  it('below 0 throws a RangeError naming the operation, never runs it at the start', () => {
    const scenario = load();
    const i = scenario.operations.findIndex((op) => 'draw' in op.at);
    expect(i).toBe(1);
    scenario.operations[i] = { ...scenario.operations[i], at: { draw: { kind: 'constant', value: -5000 } } };
    expect(() => simulate(scenario)).toThrow(RangeError);
    expect(() => simulate(scenario)).toThrow(
      'operation/1/at: a time drawn below 0 (-5000 ms); its distribution must stay at 0 or above',
    );
  });
});
