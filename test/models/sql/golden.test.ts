// SQL Server in Azure VM backup (issue 17): the figures the issue pins, worked by hand from
// docs/reference.md §12 and the model's stated assumptions.
import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../models/backup/world.js';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const GiB = 2 ** 30;
const DAY = 86_400_000;

/** Runs a scenario text (one run), optionally tracing. */
function run(text: string, trace?: (r: TraceRecord) => void): RunResult {
  const loaded = loadScenarioText(text, 'sql.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return simulate(loaded.scenarios[0], trace === undefined ? {} : { trace });
}

/** A one-database scenario: `policy` and `db` are YAML lines inside sqlPolicies[0] and sqlDatabases[0]. */
function scenario(o: {
  duration: string;
  start?: string;
  policy: string[];
  db: string[];
  more?: string[];
}): string {
  return [
    'name: sql',
    `start: ${o.start ?? '2026-01-01T00:00:00Z'}`,
    `duration: ${o.duration}`,
    'regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]',
    'vaults: [{ name: rsv, region: eastus }]',
    'fleet:',
    '  - { name: sqlvm, region: eastus, disks: [{ size: 4TiB }] }',
    'sqlPolicies:',
    '  - name: p',
    ...o.policy.map((l) => `    ${l}`),
    'sqlDatabases:',
    '  - name: db',
    '    host: sqlvm',
    '    vault: rsv',
    '    policy: p',
    ...o.db.map((l) => `    ${l}`),
    ...(o.more ?? []),
    '',
  ].join('\n');
}

const group = (r: RunResult) => r.workloads!.groups[0];

describe('daily full kept 30 days, logs every 15 min kept 7 days', () => {
  const policy = [
    'full: { frequency: daily, at: "00:00" }',
    'log: { every: 15m, retention: 7d }',
    'retention: { daily: 30 }',
  ];
  const db = ['size: 100GiB', 'log: { daily: 5% }'];

  it('after 10 days: 10 fulls and 960 logs made; the logs of the last 7 days kept; storage by hand', () => {
    const r = run(scenario({ duration: '10d', policy, db }));
    const g = group(r);
    // A full every day at 00:00, days 0…9: 10 fulls. A log every 15 minutes: 96 a day × 10 = 960
    // made (the log at 00:00 of day 0 is based on the full that starts at the same instant).
    expect(g.jobs.full).toEqual({ succeeded: 10, failed: 0, failedByCause: {} });
    expect(g.jobs.log).toEqual({ succeeded: 960, failed: 0, failedByCause: {} });
    // Logs are kept 7 days from landing (each lands 2.24 s after its slot): at the end of day 10
    // the logs of days 3…9 are left, 7 × 96 = 672; the fulls are all kept (30 days).
    expect(g.points.end).toEqual({ full: 10, differential: 0, log: 672, archive: 0 });
    // The peak of logs is 672 too: the day-0 logs went at the round of day 7, as day 7's came.
    expect(g.points.peak.log).toBe(672);
    // Each full is the whole database (compression off): 10 × 100 GiB.
    expect(g.storage.end.full).toBe(10 * 100 * GiB);
    // A log holds 15 minutes of a 5%-a-day volume: 100 GiB × 5% / 96 = 55,924,053.33… → 55,924,053 B
    // (5 GiB a day less 32 B of rounding). 672 of them: 37,580,963,616 B = 35 GiB − 224 B.
    expect(g.storage.end.log).toBe(672 * 55_924_053);
    expect(r.storage.end.standard).toBe(10 * 100 * GiB + 672 * 55_924_053);
    // Everything transferred: 10 fulls and 960 logs.
    expect(r.jobs[0].bytesTransferred).toBe(10 * 100 * GiB + 960 * 55_924_053);
    // Points reach the vault every 15 minutes.
    expect(g.rpoSeconds.max).toBe(900);
  });

  it('on day 40 the oldest full is the one its own 30 days keep: its dependent logs went after 8 days', () => {
    const released: { at: number; takenAt: number; keptBy: string }[] = [];
    const r = run(scenario({ duration: '40d', policy, db }), (rec) => {
      if (rec.kind === 'sql-full-released')
        released.push({
          at: rec.t,
          takenAt: Number(rec.detail!.takenAt),
          keptBy: String(rec.detail!.keptBy),
        });
    });
    // A full of day d lands 100 GiB / 25 MB/s = 4,294.97 s after d; kept 30 days from landing;
    // the last log based on it is the one at d + 1 day − 15 min, gone 7 days after it lands.
    // So each full goes at the daily round after its own 30 days: the day-0 full at the round of
    // day 31 (30 d + 4,295 s is past the day-30 round), …, the day-9 full at the round of day 40.
    expect(released.map((x) => x.takenAt / DAY)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(released.map((x) => x.at / DAY)).toEqual([31, 32, 33, 34, 35, 36, 37, 38, 39, 40]);
    expect(new Set(released.map((x) => x.keptBy))).toEqual(new Set(['retention']));
    // Left at the end of day 40: the fulls of days 10…39, the oldest kept by retention until
    // day 40 + 4,295 s (its logs went at about day 18). The last day's sample is the most held
    // that day (docs/model.md Q14): from the day-39 full's landing (day 39 + 4,295 s) to the
    // round of day 40 that releases the day-9 full, days 9…39 were held: 31.
    expect(group(r).points.end.full).toBe(31);
    expect(r.storage.end.standard).toBe(30 * 100 * GiB + 672 * 55_924_053);
  });
});

describe("a full is kept until its last dependent log expires (the docs' example, §12.3)", () => {
  it('weekly full on Friday 16 Nov 2018, 2-hour logs kept 30 days: the full stays until 22 Dec', () => {
    const released: { at: number; takenAt: number; keptBy: string }[] = [];
    run(
      scenario({
        start: '2018-11-16T00:00:00Z',
        duration: '45d',
        policy: [
          'full: { frequency: weekly, days: Friday, at: "00:00" }',
          'differential: { days: [Saturday, Sunday, Monday, Tuesday, Wednesday, Thursday], retention: 28d }',
          'log: { every: 2h, retention: 30d }',
          'retention: { weekly: { count: 4, on: Friday } }',
        ],
        db: ['size: 10GiB', 'log: { daily: 2% }', 'churn: { daily: 1% }'],
      }),
      (rec) => {
        if (rec.kind === 'sql-full-released')
          released.push({
            at: rec.t,
            takenAt: Number(rec.detail!.takenAt),
            keptBy: String(rec.detail!.keptBy),
          });
      },
    );
    const first = released.find((x) => x.takenAt === 0)!;
    // Its own retention (4 weeks) ends on 14 Dec; the last log based on it is Thursday 22 Nov
    // 22:00 (the next at 23 Nov 00:00 is the new full's), kept 30 days: until 22 Dec 22:00 and a
    // few seconds. The daily round of 23 Dec 00:00 (day 37 of the run) releases it: 30 + 7 days.
    expect(first.keptBy).toBe('dependent backups');
    expect(first.at).toBe(37 * DAY);
    expect(new Date(Date.parse('2018-11-16T00:00:00Z') + first.at).toISOString()).toBe(
      '2018-12-23T00:00:00.000Z',
    );
  });
});

describe('weekly full on Sunday, differentials Monday to Saturday', () => {
  it("each differential carries the pages changed since the full; the week's storage by hand", () => {
    // 4 Jan 2026 is a Sunday. 100 GiB, 2% of the pages changed a day, no log backups.
    const r = run(
      scenario({
        start: '2026-01-04T00:00:00Z',
        duration: '7d',
        policy: [
          'full: { frequency: weekly, days: Sunday, at: "00:00" }',
          'differential: { days: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday], retention: 7d }',
          'retention: { weekly: { count: 1, on: Sunday } }',
        ],
        db: ['size: 100GiB', 'churn: { daily: 2% }', 'log: { daily: 5% }', 'recoveryModel: simple'],
      }),
    );
    const g = group(r);
    // The differential k days after the full holds the pages changed since: 100 GiB × (1 − 0.98^k)
    // (uniform churn: a page changed twice counts once). k = 1 … 6:
    //   2.000, 3.960, 5.881, 7.763, 9.608, 11.416 GiB; sum 40.628 GiB = 43,623,624,450 B
    // (each rounded up to whole bytes, as kept pages round down).
    const used = 100 * GiB;
    let L = 0;
    let expected = 0;
    for (let k = 1; k <= 6; k++) {
      L += Math.log1p(-0.02);
      expected += used - Math.floor(used * Math.exp(L));
    }
    expect(Math.abs(expected - 43_623_624_450)).toBeLessThanOrEqual(6);
    expect(g.points.end).toEqual({ full: 1, differential: 6, log: 0, archive: 0 });
    expect(g.storage.end.full).toBe(used);
    expect(Math.abs(g.storage.end.differential! - expected)).toBeLessThanOrEqual(6);
    // The week's storage: the full plus the six differentials, about 140.63 GiB.
    expect(Math.abs(r.storage.end.standard - (used + expected))).toBeLessThanOrEqual(6);
    // Simple recovery model: points are the full and the differentials, a day apart: six gaps,
    // and the window still open from Saturday's differential to the end of the run (Q15), a day.
    expect(g.rpoSeconds).toMatchObject({ count: 7, max: 86_400 });
  });
});

describe('point-in-time RPO in a region outage at 10:07 (logs every 15 min)', () => {
  // A 2 TB database (decimal, 2e12 B) with a daily full at 00:00 (80,000 s at 25 MB/s: it lands
  // at 22:13:20) and a log every 15 minutes; East US, the vault's region, down at 10:07 of day 2.
  const text = (log: string) =>
    scenario({
      duration: '3d',
      policy: [
        'full: { frequency: daily, at: "00:00" }',
        'log: { every: 15m, retention: 7d }',
        'retention: { daily: 7 }',
      ],
      db: ['size: 2TB', `log: { daily: ${log} }`],
      more: [
        'events:',
        '  - { at: 2d10h7m, outage: { region: eastus, for: 2h } }',
        // The VM (not backed up as a VM) restarts where it was once the region is back.
        'recovery: { afterOutage: restart }',
      ],
    });

  it('logs of 7 min 30 s: the 10:00 log lands at 10:07:30, too late; the 09:45 one is restored: RPO 22 min', () => {
    // 2e12 × 54% / 96 = 11.25e9 B a log; at 25 MB/s, 450 s = 7 min 30 s.
    const r = run(text('54%'));
    const rec = r.workloads!.sqlRecoveries;
    expect(rec).toHaveLength(1);
    expect(rec[0]).toMatchObject({
      incident: 'region-outage-1',
      database: 'sqlvm-001/db',
      at: '2026-01-03T10:07:00.000Z',
      point: { at: '2026-01-03T09:45:00.000Z', type: 'log', source: 'vault' },
      // 10:07 − 09:45 = 22 min.
      rpoSeconds: 22 * 60,
      // No Cross Region Restore: the vault's copy is read when East US is back, at 12:07.
      availableAt: '2026-01-03T12:07:00.000Z',
    });
  });

  it('logs of 2 min 47 s: the 10:00 log is in the vault by 10:02:47; RPO 7 min', () => {
    // 2e12 × 20% / 96 = 4,166,666,667 B; at 25 MB/s, 166,666.67 ms → 166,667 ms.
    const r = run(text('20%'));
    expect(r.workloads!.sqlRecoveries[0]).toMatchObject({
      point: { at: '2026-01-03T10:00:00.000Z', type: 'log' },
      rpoSeconds: 7 * 60,
    });
    // The logs of the two hours down failed (8 slots: 10:15 … 12:00), counted by cause; a few
    // more while the VM boots after the region is back.
    const failed = r.workloads!.groups[0].jobs.log!.failedByCause;
    expect(failed['region-outage']).toBe(8);
    expect(failed['vm-unavailable'] ?? 0).toBeLessThanOrEqual(2);
  });

  it('with Cross Region Restore the paired region serves the logs that reached it: 2 h behind, RPO 2 h 7 min', () => {
    // GRS with Cross Region Restore, copies reaching westus 2 h after landing: by 10:07 the
    // paired region has what landed by 08:07, the 08:00 log (landed 08:02:47): RPO 2 h 7 min.
    const r = run(
      text('20%')
        .replace(
          'vaults: [{ name: rsv, region: eastus }]',
          'vaults: [{ name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }]',
        )
        .replace(
          'recovery: { afterOutage: restart }',
          'recovery: { afterOutage: restart, crossRegionLag: 2h }',
        ),
    );
    expect(r.workloads!.sqlRecoveries[0]).toMatchObject({
      point: { at: '2026-01-03T08:00:00.000Z', type: 'log', source: 'secondary-vault' },
      rpoSeconds: 2 * 3600 + 7 * 60,
      availableAt: '2026-01-03T10:07:00.000Z',
      note: 'Cross Region Restore from the paired region',
    });
  });
});

describe('archive (reference §2.4: SQL full points only, 45 days old, 6 months left)', () => {
  it('the monthly full of 4 January moves at day 45; weekly-only fulls never do', () => {
    // Weekly fulls on Sunday 00:00 from Sunday 4 January 2026, kept 4 weeks, the first Sunday
    // of each month also 12 months. The 4 January full is 45 days old at the round of day 45
    // (18 February), has about 320 days of retention left, and its last dependent log (10
    // January 23:45) expired on 17 January: it moves. The 1 February one is 45 days old only on
    // 18 March, after the run; the weekly-only fulls have less than 180 days left.
    const r = run(
      scenario({
        start: '2026-01-04T00:00:00Z',
        duration: '70d',
        policy: [
          'full: { frequency: weekly, days: Sunday, at: "00:00" }',
          'log: { every: 15m, retention: 7d }',
          'retention: { weekly: { count: 4, on: Sunday }, monthly: { count: 12, on: first Sunday } }',
          'archive: { after: 45d }',
        ],
        db: ['size: 100GiB', 'log: { daily: 1% }'],
      }),
    );
    const g = group(r);
    expect(g.daily.points.archive![43]).toBe(0);
    expect(g.daily.points.archive![44]).toBe(1);
    expect(g.points.end.archive).toBe(1);
    // A full is a full copy already: the archive holds its 100 GiB, vault-standard lost as much.
    expect(g.storage.end.archive).toBe(100 * GiB);
    expect(r.storage.end.archive).toBe(100 * GiB);
  });
});
