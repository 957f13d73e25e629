// recovery.* durations drawn per recovery must stay at 0 or above (a draw is never moved to 0),
// and a restore throughput of 0 is an error, not a silent fall back to the default.
import { describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (recovery: string) => `
name: t
duration: 10d
regions: [ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]
vaults: [ { name: v1, region: eastus } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: v1, policy: p } }
recovery: ${recovery}
`;

const issues = (recovery: string) => {
  const loaded = loadScenarioText(scenario(recovery), 'r.yaml');
  return loaded.issues.map((i) => `${i.code} ${i.path}`);
};

describe('recovery settings', () => {
  it('rejects a duration distribution that can draw below 0', () => {
    expect(issues('{ boot: { distribution: normal, mean: 2m, sd: 10m } }')).toEqual([
      'invalid-distribution recovery.boot',
    ]);
    expect(issues('{ failover: { distribution: uniform, min: -1m, max: 5m } }').length).toBeGreaterThan(0);
    // Bounded below by 0: accepted.
    expect(issues('{ boot: { distribution: triangular, min: 1m, mode: 2m, max: 5m } }')).toEqual([]);
    expect(issues('{ snapshotRestore: { distribution: lognormal, mean: 10m, sd: 5m } }')).toEqual([]);
  });

  it('rejects a restore throughput of 0 instead of using the default', () => {
    expect(issues('{ restoreThroughput: 0MB/s }')).toEqual(['out-of-range recovery.restoreThroughput']);
    expect(issues('{ restoreThroughput: 100MB/s }')).toEqual([]);
  });
});
