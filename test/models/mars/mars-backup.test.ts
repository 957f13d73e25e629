import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pool } from '../../../engine/pool.js';
import { type Bytes, type BytesPerSec, MS } from '../../../engine/units.js';
import { JobStats } from '../../../models/backup/stats.js';
import type { TraceRecord, VaultRuntime, World } from '../../../models/backup/world.js';
import { protectionOf } from '../../../models/backup/world.js';
import { agentOutdated, MarsBackup, OUTDATED_AGENT_MESSAGE } from '../../../models/mars/mars-backup.js';
import type { MarsServer, Vault } from '../../../models/scenario/types.js';
import { simulate } from '../../../models/simulate.js';
import { Ledger } from '../../../models/storage/ledger.js';
import { loadScenarioText } from '../../../scenarios/load.js';
import { aWorld } from '../../support/world.js';

const DAY = MS.day;
const GB = 1e9;
const Mbps = 1e6 / 8;
const hm = (h: number, m = 0): number => h * 60 + m;

// ------------------------------------------------------------------ builders

function aVault(world: World): VaultRuntime {
  const spec: Vault = {
    name: 'rsv',
    region: 'eastus',
    redundancy: 'LRS',
    crossRegionRestore: false,
    softDelete: null,
    softDeleteAlwaysOn: false,
    immutability: 'disabled',
    resourceGuard: null,
    link: null,
    maxConcurrentTransfers: 1,
  };
  return {
    spec,
    ledger: new Ledger('rsv'),
    pool: new Pool(world.sim, { name: 'p', slots: 1 }),
    link: null,
    items: [],
    protection: protectionOf(spec),
  };
}

/** A current agent backing up 1 GB once a day at 22:00 UTC, daily 7, no throttling, unless told otherwise. */
function aServer(over: Partial<MarsServer> = {}): MarsServer {
  return {
    id: 'files-001',
    group: 'files',
    agentVersion: '2.0.9320.0',
    vault: 'rsv',
    data: GB as Bytes,
    churn: { kind: 'constant', value: 0.01 },
    growth: 0,
    compression: 0,
    schedule: { times: [hm(22)], days: [], timeZone: 'UTC' },
    retention: { daily: 7, weekly: null, monthly: null, yearly: null },
    network: null,
    ...over,
  };
}

const WORK_10_NONWORK_100 = (timeZone = 'UTC'): MarsServer['network'] => ({
  workHours: { from: hm(8), to: hm(18), days: [1, 2, 3, 4, 5], timeZone },
  work: (10 * Mbps) as BytesPerSec,
  nonWork: (100 * Mbps) as BytesPerSec,
});

/** Runs one server to `horizon` with a daily cleanup, as simulate() does. */
function run(server: MarsServer, horizon: number, seed = 1) {
  const traces: TraceRecord[] = [];
  const world = aWorld(horizon, seed, (r) => traces.push(r));
  const vault = aVault(world);
  const stats = new JobStats();
  const item = new MarsBackup(world, server, vault, stats);
  item.start();
  let minStored = 0;
  for (let k = 1; k * DAY <= horizon; k++)
    world.sim.at(k * DAY, () => {
      item.cleanup(world.sim.now);
      minStored = Math.min(minStored, vault.ledger.total('standard'));
    });
  world.sim.run(horizon);
  return { item, vault, stats, traces, minStored };
}

const transferSeconds = (stats: JobStats): number[] => Array.from(stats.sortedDurations(), (ms) => ms / 1000);

// ------------------------------------------------------------------ agent version

describe('agentOutdated', () => {
  it('compares versions numerically, part by part', () => {
    expect(agentOutdated('2.0.9000.0')).toBe(true);
    expect(agentOutdated('2.0.9082.99')).toBe(true);
    expect(agentOutdated('1.9.99999.0')).toBe(true);
    expect(agentOutdated('2.0.9083.0')).toBe(false);
    expect(agentOutdated('2.0.9083')).toBe(false); // a missing part reads as 0
    expect(agentOutdated('2.0.10000.0')).toBe(false); // 10000 > 9083 though "1" < "9"
    expect(agentOutdated('10.0.0.0')).toBe(false);
  });
});

describe('MarsBackup', () => {
  it('fails every job of an agent below 2.0.9083.0, storing and billing nothing', () => {
    // 7 days × 2 times = 14 scheduled jobs, each failed.
    const server = aServer({
      agentVersion: '2.0.9000.0',
      schedule: { times: [hm(6), hm(18)], days: [], timeZone: 'UTC' },
    });
    const { item, vault, stats, traces } = run(server, 7 * DAY);
    expect(stats.scheduled).toBe(14);
    expect(stats.failed).toBe(14);
    expect(stats.succeeded).toBe(0);
    expect(stats.failures()).toEqual({ 'mars-agent-outdated': 14 });
    expect(vault.ledger.grandTotal()).toBe(0);
    expect(item.points().vault).toBe(0);
    expect(item.protectedSize(7 * DAY)).toBeNull();
    expect(traces[0].detail).toEqual({ cause: 'mars-agent-outdated', message: OUTDATED_AGENT_MESSAGE });
    expect(OUTDATED_AGENT_MESSAGE).toBe('MARS agent below 2.0.9083.0: upgrade the agent');
  });

  it('succeeds with a current agent, sending the data compressed', () => {
    // 10 GB with 40% compression: the first backup sends and stores 10 × 0.6 = 6 GB.
    const server = aServer({ agentVersion: '2.0.9083.0', data: (10 * GB) as Bytes, compression: 0.4 });
    const { item, vault, stats } = run(server, 7 * DAY);
    expect(stats.scheduled).toBe(7);
    expect(stats.succeeded).toBe(7);
    expect(stats.failed).toBe(0);
    expect(stats.bytesTransferred).toBeGreaterThan(6 * GB);
    expect(vault.ledger.total('standard')).toBeGreaterThan(6 * GB);
    // Billed on the uncompressed data (M6).
    expect(item.protectedSize(7 * DAY)).toBe(10 * GB);
  });

  it('moves the first backup at work-hours bandwidth until 18:00, then at non-work bandwidth', () => {
    // 10 GB (decimal) from 16:00 on Thursday 1 January, work hours 08:00–18:00 at 10 Mbps:
    //   by 18:00: 7200 s × 10e6 / 8 B/s = 9e9 B; the last 1e9 B at 100 Mbps = 12.5e6 B/s: 80 s.
    //   Done at 18:01:20, after 7200 + 80 = 7280 s.
    const server = aServer({
      data: (10 * GB) as Bytes,
      schedule: { times: [hm(16)], days: [], timeZone: 'UTC' },
      network: WORK_10_NONWORK_100(),
    });
    const { stats, traces } = run(server, DAY);
    expect(transferSeconds(stats)).toEqual([7280]);
    expect(traces.find((t) => t.kind === 'vault-point')!.t).toBe(18 * MS.hour + 80 * MS.second);
  });

  it('reads the throttling hours in their own time zone', () => {
    // The same at 16:00 New York time (EST, UTC−5: 21:00 UTC), work hours until 18:00 New York.
    const server = aServer({
      data: (10 * GB) as Bytes,
      schedule: { times: [hm(16)], days: [], timeZone: 'America/New_York' },
      network: WORK_10_NONWORK_100('America/New_York'),
    });
    // The next day's delta, 1% of 10 GB = 1e8 B, also goes at 16:00 at 10 Mbps: 80 s.
    const { stats } = run(server, 2 * DAY);
    expect(transferSeconds(stats)).toEqual([80, 7280]);
  });

  it('speeds up and slows down across the morning boundary', () => {
    // From 07:50 on a Thursday: 600 s × 12.5e6 B/s = 7.5e9 B by 08:00, the remaining
    // 2.5e9 B at 1.25e6 B/s take 2000 s: 2600 s in all.
    const server = aServer({
      data: (10 * GB) as Bytes,
      schedule: { times: [hm(7, 50)], days: [], timeZone: 'UTC' },
      network: WORK_10_NONWORK_100(),
    });
    expect(transferSeconds(run(server, DAY).stats)).toEqual([2600]);
    // On Saturday 3 January there are no work hours: 10e9 / 12.5e6 = 800 s.
    const weekend = aServer({ ...server, schedule: { times: [hm(7, 50)], days: [6], timeZone: 'UTC' } });
    expect(transferSeconds(run(weekend, 3 * DAY).stats)).toEqual([800]);
  });

  it('without throttling sends at the agent maximum, 1,023 Mbps', () => {
    // 1023e6 / 8 = 127.875e6 B/s: 1.023e9 B take 8 s.
    const server = aServer({ data: 1.023e9 as Bytes });
    expect(transferSeconds(run(server, DAY).stats)).toEqual([8]);
  });

  it('fails a job scheduled while the previous transfer still runs', () => {
    // 10 GB at 10 Mbps all day (work = non-work): 10e9 / 1.25e6 = 8000 s ≈ 2 h 13 min, so the
    // 01:00 job finds the 00:00 one running; the 12:00 one sends the day's delta.
    const server = aServer({
      data: (10 * GB) as Bytes,
      schedule: { times: [hm(0), hm(1), hm(12)], days: [], timeZone: 'UTC' },
      network: { ...WORK_10_NONWORK_100()!, nonWork: (10 * Mbps) as BytesPerSec },
    });
    const { stats } = run(server, DAY);
    expect([stats.scheduled, stats.succeeded, stats.failed]).toEqual([3, 2, 1]);
    expect(stats.failures()).toEqual({ 'job-in-progress': 1 });
  });

  it('keeps three backups a day 7 days and the last Saturday one 4 weeks', () => {
    // Times 06:00, 12:00, 18:00 UTC from Thursday 1 January, daily 7, weekly 4 on Saturday.
    // After the cleanup at day 14 (15 January 00:00) the daily tier keeps points created
    // after 8 January 00:00: 8–14 January, 7 days × 3 = 21 points. The weekly tier keeps the
    // 18:00 points of Saturdays 3 and 10 January (10 January is also daily): 22 points.
    const server = aServer({
      schedule: { times: [hm(6), hm(12), hm(18)], days: [], timeZone: 'UTC' },
      retention: { daily: 7, weekly: { count: 4, on: [6] }, monthly: null, yearly: null },
    });
    const { item, vault, stats } = run(server, 14 * DAY);
    expect(stats.succeeded).toBe(42);
    expect(item.points()).toEqual({
      snapshot: 0,
      vault: 22,
      archive: 0,
      daily: 21,
      weekly: 2,
      monthly: 0,
      yearly: 0,
      onDemand: 0,
    });
    // Stored (1 GB, 1% a day, states read at the slot instants; union rule 1 − 0.99^days):
    //   full copy of 3 Jan 18:00            1e9
    //   3 Jan 18:00 → 8 Jan 06:00 (4.5 d)   1e9 × (1 − 0.99^4.5)
    //   14 within-day steps of 0.25 d       14 × 1e9 × (1 − 0.99^0.25)
    //   6 overnight steps of 0.5 d          6 × 1e9 × (1 − 0.99^0.5)
    //   ≈ 1e9 + 44.2e6 + 35.1e6 + 30.1e6 ≈ 1.1094e9
    const expected = GB * (1 + (1 - 0.99 ** 4.5) + 14 * (1 - 0.99 ** 0.25) + 6 * (1 - 0.99 ** 0.5));
    expect(Math.abs(vault.ledger.total('standard') - expected)).toBeLessThanOrEqual(21);
  });

  it('gives earlier backups of a weekly schedule no tier: they merge into the day’s last', () => {
    // Saturdays at 06:00 and 18:00, weekly 4: after 14 days only the 18:00 points of
    // 3 and 10 January are left.
    const server = aServer({
      schedule: { times: [hm(6), hm(18)], days: [6], timeZone: 'UTC' },
      retention: { daily: null, weekly: { count: 4, on: [6] }, monthly: null, yearly: null },
    });
    const { item, stats } = run(server, 14 * DAY);
    expect(stats.succeeded).toBe(4);
    expect(item.points()).toMatchObject({ vault: 2, weekly: 2, daily: 0 });
  });

  it('joins its vault and a mars: job group in simulate()', () => {
    const text = `
name: mars-throttle
start: 2026-01-01T00:00:00Z
duration: 1d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
servers:
  - name: files
    vault: rsv
    data: 10GB
    schedule: { times: ["16:00"] }
    retention: { daily: 7 }
    network:
      workHours: { bandwidth: 10Mbps, from: "08:00", to: "18:00" }
      nonWorkHours: 100Mbps
  - name: old
    agentVersion: 2.0.9000.0
    vault: rsv
    data: 10GB
    schedule: { times: ["16:00"] }
    retention: { daily: 7 }
`;
    const loaded = loadScenarioText(text, 'mars.yaml');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const result = simulate(loaded.scenarios[0]);
    const [files, old] = result.jobs;
    expect(files).toMatchObject({ policy: 'mars:files', kind: 'mars', items: 1, succeeded: 1 });
    expect(files.transferSeconds.max).toBe(7280);
    expect(old).toMatchObject({ policy: 'mars:old', failed: 1, failedByCause: { 'mars-agent-outdated': 1 } });
    expect(result.vaults[0].items).toBe(2);
    expect(result.storage.end.standard).toBe(10 * GB);
  });

  // ---------------------------------------------------------------- properties

  const serverArb = fc.record({
    data: fc.integer({ min: 0, max: 2e12 }),
    churn: fc.double({ min: 0, max: 0.5, noNaN: true }),
    spread: fc.double({ min: 0, max: 0.2, noNaN: true }),
    growth: fc.double({ min: -0.5, max: 3, noNaN: true }),
    compression: fc.double({ min: 0, max: 0.9, noNaN: true }),
    times: fc.uniqueArray(fc.integer({ min: 0, max: 1439 }), { minLength: 1, maxLength: 3 }),
    days: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 3 }),
    throttled: fc.boolean(),
    daily: fc.integer({ min: 7, max: 20 }),
  });
  const build = (a: typeof serverArb extends fc.Arbitrary<infer T> ? T : never): MarsServer =>
    aServer({
      data: a.data as Bytes,
      churn: {
        kind: 'uniform',
        min: Math.max(0, a.churn - a.spread),
        max: Math.min(0.99, a.churn + a.spread),
      },
      growth: a.growth,
      compression: a.compression,
      schedule: { times: [...a.times].sort((x, y) => x - y), days: a.days, timeZone: 'America/New_York' },
      retention:
        a.days.length > 0
          ? { daily: null, weekly: { count: 2, on: a.days }, monthly: null, yearly: null }
          : { daily: a.daily, weekly: { count: 2, on: [0] }, monthly: null, yearly: null },
      network: a.throttled ? WORK_10_NONWORK_100('America/New_York') : null,
    });

  it('should never store negative bytes, and never more points than the tiers allow', () => {
    fc.assert(
      fc.property(serverArb, (a) => {
        const server = build(a);
        const { item, minStored, vault } = run(server, 21 * DAY);
        expect(minStored).toBeGreaterThanOrEqual(0);
        expect(vault.ledger.series('standard').min()).toBeGreaterThanOrEqual(0);
        // Daily points: at most 3 a day for daily + 1 days; weekly: count × days + 1.
        const p = item.points();
        const bound = (server.retention.daily ?? 0) * 3 + 3 + 2 * Math.max(1, a.days.length) + 1;
        expect(p.vault).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 40 },
    );
  });

  it('should always give the same results for the same seed', () => {
    fc.assert(
      fc.property(serverArb, fc.integer({ min: 0, max: 2 ** 31 - 1 }), (a, seed) => {
        const server = build(a);
        const first = run(server, 10 * DAY, seed);
        const second = run(server, 10 * DAY, seed);
        expect(second.traces).toEqual(first.traces);
        expect(second.vault.ledger.series('standard').points()).toEqual(
          first.vault.ledger.series('standard').points(),
        );
      }),
      { numRuns: 20 },
    );
  });
});
