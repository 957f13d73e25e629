// A verdict's evidence prints its worst figure and its target so that they can be compared:
// the short form rounds a day or more to whole hours, so when it would print both alike while
// they differ, both are printed exactly (models/dr/schedule.ts durationsAgainst).
import { describe, expect, it } from 'vitest';
import { durationsAgainst, exactDuration } from '../../../models/dr/schedule.js';
import { simulate } from '../../../models/simulate.js';
import { formatTarget } from '../../../reports/objective-label.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const scenario = (rpo: string) => `
name: t
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 10d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: v1, region: eastus, redundancy: GRS }]
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 7 }
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: v1, policy: daily }
objectives: { rpo: ${rpo} }
`;

function rpoAll(rpo: string) {
  const loaded = loadScenarioText(scenario(rpo), 'figures.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  const result = simulate(loaded.scenarios[0]);
  return result.objectives.find((o) => o.metric === 'rpo' && o.scope === 'all')!;
}

describe('objective evidence', () => {
  it('tells a worst RPO from a target the short form prints alike', () => {
    // The worst window is 1d 1h 32m 7.6s (app-002: a point at 01-02 22:33:03.041, the next
    // usable at 01-04 00:05:10.654). A target of 25h32m is 1d 1h 32m: 7.6 s short, so FAIL;
    // the short form would print both as "1d 2h".
    const failed = rpoAll('25h32m');
    expect(failed.status).toBe('fail');
    expect(failed.schedule.worstSeconds).toBeCloseTo(91_927.6, 1);
    expect(failed.schedule.evidence).toContain('breaks RPO 1d 1h 32m for 1 of 2 VMs');
    expect(failed.schedule.evidence).toContain('worst 1d 1h 32m 7.6s');
    // No incident: no recovery broke it (failed 0), but one VM's schedule does (failedVms 1),
    // and that is what a sweep's objective.<metric>.<scope>.failed counts.
    expect([failed.failed, failed.schedule.failed, failed.failedVms]).toEqual([0, 1, 1]);
    // 25h40m holds it; both still round to "1d 2h", so both are exact again.
    const passed = rpoAll('25h40m');
    expect(passed.status).toBe('pass');
    expect(passed.schedule.evidence).toContain(
      'RPO 1d 1h 32m 7.6s at worst for 2 VMs in all, within 1d 1h 40m',
    );
    // 2d tells itself apart from the worst in the short form: no change there.
    expect(rpoAll('2d').schedule.evidence).toContain('RPO 1d 2h at worst for 2 VMs in all, within 2d 0h');
  });

  it("says a backed-up VM's guaranteed RTO is for a failure of the VM, not a region outage", () => {
    const loaded = loadScenarioText(scenario('2d, rto: 4h'), 'rto.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const rto = simulate(loaded.scenarios[0]).objectives.find(
      (o) => o.metric === 'rto' && o.scope === 'all',
    )!;
    // Detection 15m + snapshot restore 11m 40s + boot 2m 40s = 29m 20s, for a failure of the VM.
    expect(rto.schedule.evidence).toContain('RTO 29m 20s at worst');
    expect(rto.schedule.evidence).toContain(
      'for a failure of the VM, a restore in place from the snapshot tier',
    );
  });

  it('prints a duration exactly, and a pair as short as still tells them apart', () => {
    expect([91_927_600, 0, 500, 60_000, 3_600_000, 90_061_000].map(exactDuration)).toEqual([
      '1d 1h 32m 7.6s',
      '0s',
      '0.5s',
      '1m',
      '1h',
      '1d 1h 1m 1s',
    ]);
    expect(durationsAgainst(91_927_600, 91_920_000)).toEqual(['1d 1h 32m 7.6s', '1d 1h 32m']);
    expect(durationsAgainst(3_600_000, 3_600_000)).toEqual(['1h 0m', '1h 0m']);
    expect(durationsAgainst(null, 3_600_000)).toEqual([null, '1h 0m']);
  });

  it('rounds a target in parts to the tenth of a second before splitting it', () => {
    // 3599.96 s is 1 h to the tenth: never "59m 60s".
    expect([3599.96, 3600.5].map(formatTarget)).toEqual(['1h', '1h 0.5s']);
  });

  it('names a target as written: a whole unit while it reads well, else in parts', () => {
    // 25h32m = 91,920 s = 1,532 min: no whole days or hours, and "1532m" does not read.
    expect([86_400, 5400, 91_920, 360_000, 150].map(formatTarget)).toEqual([
      '1d',
      '90m',
      '1d 1h 32m',
      '4d 4h',
      '2m 30s',
    ]);
  });
});
