// A price override is a no-effect error only when no run of the file would bill it: a variant
// (or sweep point) that switches a vault to GRS bills the GRS rate the base alone would not.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (variants: string) => `
name: t
duration: 30d
regions: [ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]
vaults: [ { name: v1, region: eastus, redundancy: LRS } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 7 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: v1, policy: p } }
pricing: { vaultStorage: { GRS: 0.05 } }
${variants}`;

const noEffect = (text: string) => {
  const loaded = loadScenarioText(text, 'p.yaml');
  return loaded.issues.filter((i) => i.code === 'no-effect').map((i) => i.path);
};

describe('no-effect prices across the runs of a file', () => {
  it('rejects a GRS rate no run bills', () => {
    expect(noEffect(scenario(''))).toEqual(['pricing.vaultStorage.GRS']);
  });

  it('accepts it when a variant or a sweep point makes the vault GRS', () => {
    expect(noEffect(scenario('variants:\n  geo:\n    vaults.v1.redundancy: GRS\n'))).toEqual([]);
    expect(noEffect(scenario('sweep:\n  vaults.v1.redundancy: [LRS, GRS]\n'))).toEqual([]);
  });
});
