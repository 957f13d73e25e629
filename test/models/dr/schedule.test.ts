// What the schedule guarantees (models/dr/schedule.ts, models/backup/exposure.ts): the worst
// data-loss window if a failure struck at the worst instant, judged with every objective.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Exposure } from '../../../models/backup/exposure.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

function run(text: string) {
  const loaded = loadScenarioText(text, 'schedule.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return simulate(loaded.scenarios[0]);
}

describe('Exposure', () => {
  it('measures from a point to when the next is usable, and the open window to the end', () => {
    const e = new Exposure();
    e.snapshot(0, 10 * MIN); // first point: no window yet
    e.snapshot(DAY, DAY + 10 * MIN); // window 1 d 10 min
    e.snapshot(3 * DAY, 3 * DAY + 10 * MIN); // a failed day between: 2 d 10 min
    expect(e.localWindow(3 * DAY + HOUR)).toEqual({
      ms: 2 * DAY + 10 * MIN,
      from: DAY,
      to: 3 * DAY + 10 * MIN,
    });
    // Protection ends 4 days after the last point: the open window is the worst.
    expect(e.localWindow(7 * DAY)).toEqual({ ms: 4 * DAY, from: 3 * DAY, to: 7 * DAY });
    expect(new Exposure().localWindow(DAY)).toBeNull();
  });

  it('should never report a window shorter than any gap between consecutive points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 3 * DAY }), fc.integer({ min: 0, max: HOUR })), {
          minLength: 2,
          maxLength: 30,
        }),
        (steps) => {
          const e = new Exposure();
          let t = 0;
          let widest = 0;
          let prev = -1;
          for (const [gap, job] of steps) {
            t += gap;
            e.snapshot(t, t + job);
            if (prev >= 0) widest = Math.max(widest, t + job - prev);
            prev = t;
          }
          const w = e.localWindow(t)!;
          expect(w.ms).toBe(widest);
          expect(w.ms).toBeGreaterThanOrEqual(Math.max(...steps.slice(1).map(([g]) => g)));
        },
      ),
    );
  });
});

describe('the guaranteed window with failed jobs', () => {
  it('is the longest run of failed days + 1 day + the snapshot, from the seeded outcomes', () => {
    // Daily 22:30 UTC, no start jitter, 10-minute snapshots, 20% of attempts fail, no retries.
    const r = run(`
name: flaky
seed: 11
start: 2026-01-01T00:00:00Z
duration: 60d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
backupJobs: { startWindow: 0s, snapshotDuration: 10m }
policies:
  - { name: p, schedule: { frequency: daily, at: "22:30" }, instantRestore: 5d, retention: { daily: 30 } }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 32GiB }]
    backup: { vault: v, policy: p, failureRate: 20%, retries: 0 }
objectives: { rpo: 24h }
`);
    // Day d's job starts at d + 22:30 and succeeds or fails; print the seeded outcomes.
    const ok = r.jobs[0].daily.succeeded.map((n) => n > 0);
    const days = ok.map((s) => (s ? '+' : 'x')).join('');
    console.log(`seed 11 job outcomes, day 0…59: ${days}`);
    // Longest run of failed days between two successes → window = (run + 1) days + 10 min.
    const successes = ok.flatMap((s, d) => (s ? [d] : []));
    let longest = 0;
    for (let i = 1; i < successes.length; i++)
      longest = Math.max(longest, successes[i] - successes[i - 1] - 1);
    // The open window after the last success: from its 22:30 to the end of day 60.
    const last = successes.at(-1)!;
    const tail = 60 * DAY - (last * DAY + 22.5 * HOUR);
    const expected = Math.max((longest + 1) * DAY + 10 * MIN, tail);
    expect(longest).toBeGreaterThan(0); // the seed has at least one failed day between successes
    const [o] = r.objectives;
    expect(o.schedule.worstSeconds).toBe(expected / 1000);
    expect(o.status).toBe('fail');
  });
});

describe('what the schedule guarantees, and what incidents achieve', () => {
  // Daily backups (no jitter) and VM failures or region outages at drawn instants.
  const scenario = (seed: number, kind: 'failure' | 'outage', crr: boolean) => `
name: achieved
seed: ${seed}
start: 2026-03-01T00:00:00Z
duration: 40d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: v, region: eastus, redundancy: GRS, crossRegionRestore: ${crr} }]
backupJobs: { startWindow: 1h, snapshotDuration: 10m }
policies:
  - { name: p, schedule: { frequency: daily, at: "01:00" }, instantRestore: 2d, retention: { daily: 14 } }
fleet:
  - { name: app, count: 3, region: eastus, disks: [{ size: 64GiB }], backup: { vault: v, policy: p, failureRate: 10% } }
events:
  ${kind === 'failure' ? '- { at: { distribution: uniform, min: 5d, max: 35d }, vmFailure: { group: app } }' : '- { at: { distribution: uniform, min: 5d, max: 35d }, outage: { region: eastus, for: 6h } }'}
objectives: { rpo: 24h, rto: 4h }
`;

  it('should never guarantee less than any incident achieved, for the same VM', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom<'failure' | 'outage'>('failure', 'outage'),
        fc.boolean(),
        (seed, kind, crr) => {
          const r = run(scenario(seed, kind, crr));
          const all = r.objectives.find((o) => o.scope === 'all' && o.metric === 'rpo')!;
          for (const i of r.dr?.incidents ?? [])
            for (const v of i.vms)
              if (v.rpoSeconds !== null)
                expect(all.schedule.worstSeconds!).toBeGreaterThanOrEqual(v.rpoSeconds);
          // PASS only when both judgements hold.
          for (const o of r.objectives) expect(o.pass).toBe(o.schedule.failed === 0 && o.failed === 0);
        },
      ),
      { numRuns: 25 },
    );
  });
});
