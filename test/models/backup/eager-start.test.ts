// Eager starts (models/backup/vm-backup.ts: startsEarly / attempt / retryAt): with nothing
// watching a job's start (no trace, faults or monitor), a scheduled job is decided at its slot
// instead of through a start event. That must change nothing but the event count: a run with
// a trace (which turns eager starts off, models/simulate.ts) gives the same results.
//
// The same goes for what follows a job decided ahead: its snapshot appended to the chain at
// the slot and counted at its instant, and a transfer landing before the next cleanup that
// counts itself and is filed at the VM's next visit (VaultTransfer.landAhead, VmBackup.settle),
// which is only allowed while the last vault point is still the chain's newest. So the
// generator also makes retention that expires the newest vault point before the next one
// lands (1 daily point, 1 weekly point), monthly and yearly tiers, archive tiering (which
// moves points out of the chain), and transfers slower than a day.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { millis } from '../../../engine/units.js';
import { loadScenarioText, type RunResult, type Scenario, simulate } from '../../../index.js';
import { VmBackup } from '../../../models/backup/vm-backup.js';
import { Ledger } from '../../../models/storage/ledger.js';

const DAY = 86_400_000;

type Group = {
  count: number;
  disks: number;
  vmAgent: boolean;
  /** Hours after the start that protection begins. */
  from: number;
  failureRate: number;
  retries: number;
  retryAfter: string;
  /** Hours after the start that protection stops, or null. */
  stopAt: number | null;
  deleteData: boolean;
  /** On-demand backups: hours after the start, and days kept. */
  onDemand: { at: number; retain: number }[];
};

type Schedule =
  | { kind: 'daily'; at: string; timeZone: string }
  | { kind: 'weekly'; at: string; days: string[]; timeZone: string }
  | { kind: 'hourly'; every: string; start: string; window: number; timeZone: string };

/**
 * Retention beyond daily and weekly. Two settings are below what the scenario validator
 * allows, and set on the loaded scenario (see `tune`): one daily point (the floor is 7), so
 * the newest vault point expires a day after it lands, often before the next one does; and an
 * archive age of a few days (the floor is 90 days), so the newest point can be moved to the
 * archive within a short run (it must first be kept by no daily or weekly tier).
 */
type Tiers = {
  /** Daily points kept (daily and hourly schedules); 1 is set after loading. */
  daily: 7 | 1;
  weeklyCount: number;
  monthly: { count: number; on: string } | null;
  yearly: { count: number; in: string; on: string } | null;
  /** Archive tiering: `after` as written (at least 90d), or in days set after loading. */
  archive: { after: string } | { afterDays: number } | null;
};

type Knobs = {
  seed: number;
  days: number;
  schedule: Schedule;
  tiers: Tiers;
  startWindow: string;
  throughput: string | null;
  link: string | null;
  maxConcurrentTransfers: number | null;
  groups: Group[];
};

const time = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30, 59))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const timeZone = fc.constantFrom('UTC', 'America/New_York', 'Asia/Kolkata');
const weekdays = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const schedule: fc.Arbitrary<Schedule> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), at: time, timeZone }),
  fc.record({
    kind: fc.constant('weekly' as const),
    at: time,
    days: fc.subarray(weekdays, { minLength: 1, maxLength: 3 }),
    timeZone,
  }),
  fc.record({
    kind: fc.constant('hourly' as const),
    every: fc.constantFrom('4h', '6h', '8h', '12h'),
    // Window starts on the half hour up to 19:30, lengths in whole hours (4h–24h).
    start: fc
      .tuple(fc.integer({ min: 0, max: 19 }), fc.constantFrom(0, 30))
      .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    window: fc.integer({ min: 4, max: 24 }),
    timeZone,
  }),
);

function group(days: number): fc.Arbitrary<Group> {
  const hours = days * 24;
  return fc.record({
    count: fc.integer({ min: 1, max: 3 }),
    disks: fc.integer({ min: 1, max: 2 }),
    // Mostly with the agent: without it every attempt fails at once.
    vmAgent: fc.constantFrom(true, true, false),
    from: fc.constantFrom(0, 0, 5, 30),
    failureRate: fc.constantFrom(0, 20, 60),
    retries: fc.integer({ min: 0, max: 3 }),
    retryAfter: fc.constantFrom('30m', '1h', '3h', '1d'),
    stopAt: fc.option(fc.integer({ min: 1, max: hours - 1 }), { nil: null }),
    deleteData: fc.boolean(),
    onDemand: fc.array(
      fc.record({ at: fc.integer({ min: 0, max: hours - 1 }), retain: fc.constantFrom(1, 10, 30) }),
      { maxLength: 2 },
    ),
  });
}

// 'scheduled': the first of the last day a weekly schedule backs up on (first Sunday otherwise),
// so that a weekly schedule's monthly point is often kept by no weekly tier.
const dayRule = fc.constantFrom(
  'scheduled',
  'first Sunday',
  'second Wednesday',
  'last Saturday',
  '1',
  '15',
  'last',
);

const tiers: fc.Arbitrary<Tiers> = fc
  .record({
    daily: fc.constantFrom(7 as const, 7 as const, 1 as const),
    weeklyCount: fc.constantFrom(1, 2, 4),
    // Past 9 months a monthly point moved at 90 days still has the 180 days left that archiving needs.
    monthly: fc.option(fc.record({ count: fc.constantFrom(2, 9, 13), on: dayRule }), { nil: null }),
    yearly: fc.option(
      fc.record({
        count: fc.constantFrom(1, 2),
        in: fc.constantFrom('January', 'February', 'March'),
        on: dayRule,
      }),
      { nil: null },
    ),
    archive: fc.option(
      fc.oneof(
        fc.record({ after: fc.constantFrom('90d', '100d') }),
        fc.record({ afterDays: fc.integer({ min: 0, max: 4 }) }),
      ),
      { nil: null, freq: 4 },
    ),
  })
  // Archiving moves monthly and yearly points: it needs one of those tiers, kept long enough
  // (180 days left at the move) for a point to be moved rather than dropped from the candidates.
  .map((t) =>
    t.archive === null
      ? t
      : { ...t, monthly: { count: Math.max(t.monthly?.count ?? 13, 9), on: t.monthly?.on ?? 'scheduled' } },
  );

// Mostly runs of 10–60 days; one in four runs for 95–200 days, long enough for a point to
// reach the archive at 90 days and for yearly points.
const runDays = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 10, max: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 95, max: 200 }) },
);

const knobs: fc.Arbitrary<Knobs> = runDays.chain((days) =>
  fc.record({
    seed: fc.integer({ min: 0, max: 1_000_000 }),
    days: fc.constant(days),
    schedule,
    tiers,
    startWindow: fc.constantFrom('1m', '10m', '2h', '6h', '30h'),
    // 200Kbps: an incremental of a few GiB takes more than a day, landing after the next cleanup.
    throughput: fc.option(fc.constantFrom('200Kbps', '2Mbps', '20Mbps', '200Mbps'), { nil: null }),
    link: fc.option(fc.constantFrom('5Mbps', '50Mbps', '1Gbps'), { nil: null }),
    maxConcurrentTransfers: fc.option(fc.integer({ min: 1, max: 2 }), { nil: null }),
    groups: fc
      .array(group(days), { minLength: 1, maxLength: 2 })
      // 1–6 VMs in all.
      .filter((gs) => gs.reduce((n, g) => n + g.count, 0) <= 6),
  }),
);

function scheduleYaml(s: Schedule): string {
  switch (s.kind) {
    case 'daily':
      return `{ frequency: daily, at: "${s.at}", timeZone: ${s.timeZone} }`;
    case 'weekly':
      return `{ frequency: weekly, at: "${s.at}", days: [${s.days.join(', ')}], timeZone: ${s.timeZone} }`;
    case 'hourly':
      return `{ frequency: hourly, every: ${s.every}, window: { start: "${s.start}", duration: ${s.window}h }, timeZone: ${s.timeZone} }`;
  }
}

function dayRuleYaml(s: Schedule, rule: string): string {
  if (rule !== 'scheduled') return rule;
  return `first ${s.kind === 'weekly' ? s.days[s.days.length - 1] : 'Sunday'}`;
}

function retentionYaml(s: Schedule, t: Tiers): string {
  const parts =
    s.kind === 'weekly'
      ? [`weekly: { count: ${t.weeklyCount}, on: ${s.days[0]} }`]
      : ['daily: 7', `weekly: { count: ${t.weeklyCount}, on: Sunday }`];
  if (t.monthly !== null)
    parts.push(`monthly: { count: ${t.monthly.count}, on: ${dayRuleYaml(s, t.monthly.on)} }`);
  if (t.yearly !== null)
    parts.push(
      `yearly: { count: ${t.yearly.count}, in: ${t.yearly.in}, on: ${dayRuleYaml(s, t.yearly.on)} }`,
    );
  return `{ ${parts.join(', ')} }`;
}

function archiveYaml(t: Tiers): string {
  if (t.archive === null) return '';
  // A shorter age is set after loading (tune); 90d stands in for it here.
  return `\n    archive: { after: ${'after' in t.archive ? t.archive.after : '90d'} }`;
}

/** Sets what the validator does not allow (see Tiers) on the loaded scenarios. */
function tune(scenarios: Scenario[], t: Tiers): Scenario[] {
  for (const s of scenarios)
    for (const p of s.policies) {
      if (t.daily === 1 && p.retention.daily !== null) p.retention.daily = 1;
      if (t.archive !== null && 'afterDays' in t.archive)
        p.archive = { after: millis(t.archive.afterDays * DAY) };
    }
  return scenarios;
}

function disksYaml(n: number): string {
  const disks = [
    '{ size: 32GiB, used: 50%, churn: { daily: 3% } }',
    '{ size: 8GiB, churn: { daily: 10%, spread: 2% } }',
  ];
  return `[${disks.slice(0, n).join(', ')}]`;
}

function groupYaml(g: Group, k: number): string {
  const lines = [
    `  - name: g${k}`,
    `    count: ${g.count}`,
    '    region: eastus',
    `    vmAgent: ${g.vmAgent}`,
    `    disks: ${disksYaml(g.disks)}`,
    '    backup:',
    '      vault: v',
    '      policy: p',
    `      from: ${g.from}h`,
    `      failureRate: ${g.failureRate}%`,
    `      retries: ${g.retries}`,
    `      retryAfter: ${g.retryAfter}`,
  ];
  if (g.stopAt !== null) lines.push(`      stop: { at: ${g.stopAt}h, deleteData: ${g.deleteData} }`);
  if (g.onDemand.length > 0)
    lines.push(
      `      onDemand: [${g.onDemand.map((o) => `{ at: ${o.at}h, retain: ${o.retain}d }`).join(', ')}]`,
    );
  return lines.join('\n');
}

function scenarioText(k: Knobs): string {
  const s = k.schedule;
  const jobs = [`startWindow: ${k.startWindow}`];
  if (k.throughput !== null)
    jobs.push(`initialThroughput: ${k.throughput}`, `incrementalThroughput: ${k.throughput}`);
  const vault = ['name: v', 'region: eastus'];
  if (k.link !== null) vault.push('link: l');
  if (k.maxConcurrentTransfers !== null) vault.push(`maxConcurrentTransfers: ${k.maxConcurrentTransfers}`);
  return `name: eager
seed: ${k.seed}
duration: ${k.days}d
regions: [{ name: eastus }]
${k.link === null ? '' : `links: [{ name: l, capacity: ${k.link} }]\n`}vaults: [{ ${vault.join(', ')} }]
policies:
  - name: p
    type: ${s.kind === 'hourly' ? 'enhanced' : 'standard'}
    schedule: ${scheduleYaml(s)}
    retention: ${retentionYaml(s, k.tiers)}${archiveYaml(k.tiers)}
backupJobs: { ${jobs.join(', ')} }
fleet:
${k.groups.map(groupYaml).join('\n')}
`;
}

function load(text: string): Scenario[] {
  const loaded = loadScenarioText(text, 'eager.yaml');
  if (!loaded.ok) {
    const issues = loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n');
    throw new Error(`scenario did not load:\n${issues}\n---\n${text}`);
  }
  expect(loaded.ok).toBe(true);
  return loaded.scenarios;
}

function withoutEvents(r: RunResult): Omit<RunResult, 'eventsProcessed' | 'fingerprint'> {
  const copy: Partial<RunResult> = { ...r };
  delete copy.eventsProcessed;
  delete copy.fingerprint;
  return copy as Omit<RunResult, 'eventsProcessed' | 'fingerprint'>;
}

const noTrace = (): void => {};

/** The knobs set after loading, for a counterexample's report. */
function tuned(t: Tiers): string {
  const notes: string[] = [];
  if (t.daily === 1) notes.push('retention.daily = 1');
  if (t.archive !== null && 'afterDays' in t.archive) notes.push(`archive.after = ${t.archive.afterDays}d`);
  return notes.length === 0 ? '' : `# set after loading: ${notes.join(', ')}\n`;
}

describe('eager starts', () => {
  it('give the same results as start events (a traced run)', () => {
    fc.assert(
      fc.property(knobs, (k) => {
        const text = scenarioText(k);
        for (const s of tune(load(text), k.tiers)) {
          const eager = simulate(s);
          const evented = simulate(s, { trace: noTrace });
          expect(withoutEvents(eager), tuned(k.tiers) + text).toEqual(withoutEvents(evented));
        }
      }),
      { numRuns: Number(process.env.EAGER_RUNS ?? 30) },
    );
  });

  // Counterexamples fast-check found against the first version, kept as fixed cases.
  it.each([
    [
      'a start past the end of the run is never attempted',
      `seed: 3
name: eager
duration: 1d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "23:00" }
    retention: { daily: 7 }
backupJobs: { startWindow: 6h }
fleet:
  - name: g
    region: eastus
    disks: [{ size: 32GiB }]
    backup: { vault: v, policy: p }
`,
    ],
    [
      'a failure counts on the day of its start, not of its slot',
      `name: eager
duration: 3d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "00:00" }
    retention: { daily: 7 }
backupJobs: { startWindow: 1m }
fleet:
  - name: g
    region: eastus
    vmAgent: false
    disks: [{ size: 32GiB }]
    backup: { vault: v, policy: p, from: 1h }
`,
    ],
    [
      'a start window longer than the slot gap: a later slot with a shorter delay starts first',
      `seed: 7
name: eager
duration: 4d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "00:00" }
    retention: { daily: 7 }
backupJobs: { startWindow: 30h }
fleet:
  - name: g
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: v, policy: p }
`,
    ],
  ])('agree when %s', (_, text) => {
    for (const s of load(text))
      expect(withoutEvents(simulate(s))).toEqual(withoutEvents(simulate(s, { trace: noTrace })));
  });

  describe('what follows a job decided ahead', () => {
    // Counts, during the eager run only, how often the paths these cases are about are taken:
    // a vault point expired or archived while it was its chain's newest (so the next
    // transfer may not land ahead), and transfers the VM is told of (VmBackup.transferred):
    // those not allowed to land ahead, and those landing after the cleanup that followed
    // their start.
    function agreeCounting(scenarios: Scenario[]): {
      tailExpired: number;
      tailArchived: number;
      archived: number;
      late: number;
      eager: RunResult[];
    } {
      const counts = { tailExpired: 0, tailArchived: 0, archived: 0, late: 0 };
      let counting = false;
      const newest = (ledger: Ledger, item: string | { id: string }, id: number): boolean =>
        ledger.chainOf(item, 'standard')?.newest()?.id === id;
      const expire = Ledger.prototype.expireVaultPoint;
      const move = Ledger.prototype.moveToArchive;
      const transferred = VmBackup.prototype.transferred;
      const spies = [
        vi.spyOn(Ledger.prototype, 'expireVaultPoint').mockImplementation(function (
          this: Ledger,
          now,
          item,
          id,
        ) {
          if (counting && newest(this, item, id)) counts.tailExpired++;
          return expire.call(this, now, item, id);
        }),
        vi.spyOn(Ledger.prototype, 'moveToArchive').mockImplementation(function (
          this: Ledger,
          now,
          item,
          id,
        ) {
          if (counting) {
            counts.archived++;
            if (newest(this, item, id)) counts.tailArchived++;
          }
          return move.call(this, now, item, id);
        }),
        vi.spyOn(VmBackup.prototype, 'transferred').mockImplementation(function (this: VmBackup, t) {
          if (counting) counts.late++;
          return transferred.call(this, t);
        }),
      ];
      const eager: RunResult[] = [];
      try {
        for (const s of scenarios) {
          counting = true;
          const r = simulate(s);
          counting = false;
          expect(withoutEvents(r)).toEqual(withoutEvents(simulate(s, { trace: noTrace })));
          eager.push(r);
        }
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      return { ...counts, eager };
    }

    it('agree with archive tiering as the format allows it (monthly and yearly points moved at 90 days)', () => {
      const text = `name: eager
seed: 17
duration: 200d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "22:00" }
    retention:
      daily: 7
      weekly: { count: 4, on: Sunday }
      monthly: { count: 12, on: first Sunday }
      yearly: { count: 1, in: January, on: first Sunday }
    archive: { after: 90d }
backupJobs: { startWindow: 2h }
fleet:
  - name: g
    count: 3
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 3% } }, { size: 8GiB, churn: { daily: 10%, spread: 2% } }]
    backup: { vault: v, policy: p, failureRate: 20%, retries: 1, retryAfter: 1h }
`;
      const { archived, eager } = agreeCounting(load(text));
      // The first Sundays of January to April (January's also the yearly point) are 90 days
      // old by day 200: up to 3 VMs × 4 points move (12 with this seed).
      expect(archived).toBeGreaterThanOrEqual(9);
      expect(eager[0].vaults[0].storage.end.archive).toBeGreaterThan(0);
    });

    it('agree when the newest vault point is archived before the next one lands (archive at 1 day)', () => {
      // Weekly backups on Monday and Wednesday, the weekly tier on Monday: the first
      // Wednesday's point of a month is kept by the monthly tier alone and stays the newest
      // until Monday, so with archiving at 1 day (set after loading, below the validator's
      // 90 days) it moves while it is the chain's newest; Monday's transfer then adds its delta
      // from the Monday before, not the one it carries.
      const text = `name: eager
seed: 5
duration: 75d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: weekly, at: "21:00", days: [Monday, Wednesday] }
    retention: { weekly: { count: 1, on: Monday }, monthly: { count: 13, on: first Wednesday } }
    archive: { after: 90d }
backupJobs: { startWindow: 1h }
fleet:
  - name: g
    count: 2
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: v, policy: p }
`;
      const scenarios = load(text);
      for (const s of scenarios) s.policies[0].archive = { after: millis(DAY) };
      const { tailArchived } = agreeCounting(scenarios);
      expect(tailArchived).toBeGreaterThanOrEqual(2);
    });

    it('agree when the newest vault point expires before the next one lands (1 daily point)', () => {
      // One daily point (set after loading, below the validator's 7): a point expires a day
      // after it lands, and with jobs starting up to 6 h after 20:00 the next one often lands
      // after the midnight cleanup that expired it.
      const text = `name: eager
seed: 23
duration: 30d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "20:00" }
    retention: { daily: 7 }
backupJobs: { startWindow: 6h }
fleet:
  - name: g
    count: 3
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: v, policy: p, failureRate: 20%, retries: 1, retryAfter: 3h }
`;
      const scenarios = load(text);
      for (const s of scenarios) s.policies[0].retention.daily = 1;
      const { tailExpired } = agreeCounting(scenarios);
      expect(tailExpired).toBeGreaterThanOrEqual(5);
    });

    it('agree when transfers take more than a day and land after the next cleanup', () => {
      // 500 Kbps: the first full copy (16 GiB) takes over 3 days, later ones (40% of 16 GiB
      // a day, a day or more of it) over a day; meanwhile the next days' jobs fail as in progress.
      const text = `name: eager
seed: 29
duration: 20d
regions: [{ name: eastus }]
links: [{ name: l, capacity: 500Kbps }]
vaults: [{ name: v, region: eastus, link: l, maxConcurrentTransfers: 1 }]
policies:
  - name: p
    schedule: { frequency: daily, at: "22:00" }
    retention: { daily: 7 }
backupJobs: { startWindow: 2h }
fleet:
  - name: g
    count: 2
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 40% } }]
    backup: { vault: v, policy: p }
`;
      const { late, tailExpired, tailArchived, eager } = agreeCounting(load(text));
      // Every transfer was allowed to land ahead (the newest point never went): those the VM
      // was told of landed after the next cleanup.
      expect([tailExpired, tailArchived]).toEqual([0, 0]);
      expect(late).toBeGreaterThanOrEqual(3);
      const [jobs] = eager[0].jobs;
      expect(jobs.transferSeconds.max).toBeGreaterThan(86_400);
      expect(jobs.failedByCause['job-in-progress']).toBeGreaterThan(0);
    });
  });

  it('save events', () => {
    const text = `name: eager-saves
duration: 30d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "22:00" }
    retention: { daily: 7 }
fleet:
  - name: web
    count: 4
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: v, policy: p }
`;
    const [s] = load(text);
    const eager = simulate(s!);
    const evented = simulate(s!, { trace: noTrace });
    expect(withoutEvents(eager)).toEqual(withoutEvents(evented));
    // One start event per job-day saved: 4 VMs × 30 days.
    expect(evented.eventsProcessed - eager.eventsProcessed).toBe(4 * 30);
  });
});
