// What a SQL item's daily sample holds (docs/model.md Q14), and the first full of a new
// protection (Q7): figures worked by hand from docs/reference.md §12 and the model's rules.
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../models/backup/world.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const GiB = 2 ** 30;

const HEAD = `regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: v1, region: eastus, redundancy: LRS }
fleet: [{ name: sqlvm, count: 1, region: eastus, disks: [{ size: 100GiB, used: 50% }] }]
`;

/** Runs a scenario text (one run), optionally tracing. */
function run(text: string, trace?: (r: TraceRecord) => void): RunResult {
  const loaded = loadScenarioText(text, 'sql.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0], trace === undefined ? {} : { trace });
}

describe('the daily sample holds the most held during the day (Q14)', () => {
  const sql1 = `name: sql1
seed: 1
duration: 30d
${HEAD}sqlPolicies: [{ name: p, full: { frequency: daily, at: "00:00" }, log: { every: 15m, retention: 7d }, retention: { daily: 7 } }]
sqlDatabases: [{ name: db, host: sqlvm, size: 100GiB, log: { daily: 10% }, vault: v1, policy: p }]
`;
  // By hand. A full is the whole database, 100 GiB = 107,374,182,400 B; at 200 Mbps = 25 MB/s it
  // takes 4,294.97 s: the full of 00:00 lands at 01:11:35. A log holds 15 min of 10% a day:
  // 10,737,418,240 B / 96 = 111,848,106.67 → 111,848,107 B; kept 7 days: 7 × 96 = 672 logs
  // (75,161,927,904 B = 70 GiB + 224 B) at every round from day 7 on.
  // The full of day d is kept 7 days (until d + 7 at 01:11:35) and until its last log expires:
  // the log of d 23:45 (the 00:00 log is the next full's), gone 7 days after it lands, at
  // d + 7 23:45:04. So the round of day d + 8 releases it, an hour before the full of d + 8 lands:
  //   just after a round (00:00–01:11): 7 fulls, 700 GiB, 679 points;
  //   the other 22 h 48 m of the day:   8 fulls, 800 GiB, 680 points (870 GiB with the logs).
  const LOG = 111_848_107;
  const r = run(sql1);
  const g = r.workloads!.groups[0];

  it('should count the eighth full in the peaks: 8 fulls, 800 GiB, 680 points', () => {
    expect(g.points.peak.full).toBe(8);
    expect(g.storage.peak.full).toBe(8 * 100 * GiB);
    expect(g.points.peak.log).toBe(672);
    expect(g.storage.peak.log).toBe(672 * LOG);
    expect(r.vaults[0].points.peak.vault).toBe(8 + 672);
  });

  it("should agree with the vault's stored peak: 800 GiB of fulls + 672 logs = 870 GiB + 224 B", () => {
    expect(r.storage.peak.standard).toBe(8 * 100 * GiB + 672 * LOG);
    expect(g.storage.peak.full! + g.storage.peak.log!).toBe(r.storage.peak.standard);
  });

  it('should sample 8 fulls on every day from day 8 (held 22 h 48 m of it), and d fulls on day d before', () => {
    // Day k's sample is taken at the round ending it. Days 1…8: the fulls of days 0…k−1 (none
    // released yet: the first goes at the round of day 8), so k of them; from day 8 on, 8.
    const fulls = g.daily.points.full!;
    expect(fulls).toEqual(Array.from({ length: 30 }, (_, i) => Math.min(i + 1, 8)));
    expect(g.daily.bytes.full!.slice(7)).toEqual(Array(23).fill(8 * 100 * GiB));
  });

  it("should keep the GFS memberships as retention leaves them: 7 daily (the released full's lapsed at day + 7)", () => {
    expect(r.vaults[0].points.peak.daily).toBe(7);
  });

  it('should not change what the vault holds at the end (the ledger): 7 fulls and 672 logs', () => {
    expect(r.storage.end.standard).toBe(7 * 100 * GiB + 672 * LOG);
  });
});

describe('the first full of a new protection (Q7)', () => {
  // Sunday 4 Jan 2026 00:00 UTC; weekly full Sunday 01:00; hourly logs; differentials Monday–Saturday.
  const sql2 = `name: sql2
seed: 1
start: "2026-01-04T00:00:00Z"
duration: 21d
${HEAD}sqlPolicies:
  - name: p
    full: { frequency: weekly, days: Sunday, at: "01:00" }
    differential: { days: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday], retention: 7d }
    log: { every: 1h, retention: 7d }
    retention: { weekly: { count: 4, on: Sunday } }
sqlDatabases: [{ name: db, host: sqlvm, size: 100GiB, log: { daily: 10% }, vault: v1, policy: p }]
`;

  it('should never fail the scheduled full because of its own auto-heal full: 3 fulls, none failed', () => {
    const kinds: { t: number; kind: string }[] = [];
    const r = run(sql2, (rec) => {
      if (rec.kind.startsWith('sql-full')) kinds.push({ t: rec.t, kind: rec.kind });
    });
    const g = r.workloads!.groups[0];
    // No full yet: the log slot of 00:00 runs a full (auto-heal, §12.3). It lands 4,295 s later
    // (01:11:35), so the scheduled full of 01:00 finds it running; it stands for that full and
    // nothing fails. Then Sundays 11 and 18 Jan at 01:00: 3 fulls in 21 days.
    expect(g.jobs.full).toEqual({ succeeded: 3, failed: 0, failedByCause: {} });
    expect(kinds.slice(0, 2)).toEqual([
      { t: 0, kind: 'sql-full' },
      { t: 3_600_000, kind: 'sql-full-covered' },
    ]);
    expect(kinds.filter((k) => k.kind === 'sql-full-failed')).toEqual([]);
    // The auto-heal full earns the Sunday slot's weekly tier: the three fulls are all weekly points.
    expect(r.vaults[0].points.end.weekly).toBe(3);
  });

  it('should still fail a scheduled full that finds a scheduled full running (job-in-progress)', () => {
    // 3 TiB = 3,298,534,883,328 B at 25 MB/s: 131,941 s = 36 h 39 m, longer than a day. The
    // scheduled full of day 0 (no auto-heal: the full slot comes first) lands day 1 12:39, so
    // day 1's full fails with job-in-progress; day 2's runs and lands day 3 12:39, so day 3's
    // fails too. In 4 days: 2 fulls landed, 2 failed.
    const big = `name: big
duration: 4d
${HEAD}sqlPolicies: [{ name: p, full: { frequency: daily, at: "00:00" }, log: { every: 1h, retention: 7d }, retention: { daily: 7 } }]
sqlDatabases: [{ name: db, host: sqlvm, size: 3TiB, log: { daily: 1% }, vault: v1, policy: p }]
`;
    const g = run(big).workloads!.groups[0];
    expect(g.jobs.full).toEqual({ succeeded: 2, failed: 2, failedByCause: { 'job-in-progress': 2 } });
  });
});
