// SQL Server in Azure VM backup, driven directly on generated policies and databases: the
// invariants of the issue (a log chain never has a gap while its full and logs are kept,
// stored bytes never negative and always what the points hold), and the bulk decision of log
// backups equal to the step-by-step one.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Pool } from '../../../engine/pool.js';
import { type Bytes, MS, millis } from '../../../engine/units.js';
import type { FailureCause } from '../../../models/backup/stats.js';
import type { SqlDatabase, SqlPolicy } from '../../../models/scenario/workloads.js';
import { SqlItem } from '../../../models/sql/item.js';
import { aWorld } from '../../support/world.js';
import { aGroup, aVaultRuntime } from '../workloads/fixtures.js';

const DAY = MS.day;
const GiB = 2 ** 30;
const LOG_EVERY = [15, 30, 60, 120, 240, 480, 720, 1440].map((m) => m * MS.minute);

interface Case {
  policy: SqlPolicy;
  dbs: SqlDatabase[];
  days: number;
}

// A policy by Azure's rules (§12.2): daily fulls, or weekly ones with differentials on other days.
const aCase: fc.Arbitrary<Case> = fc
  .record({
    weekly: fc.boolean(),
    fullDay: fc.integer({ min: 0, max: 6 }),
    at: fc.integer({ min: 0, max: 23 }).map((h) => h * 60),
    diffDays: fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { maxLength: 6 }),
    every: fc.constantFrom(...LOG_EVERY),
    logDays: fc.integer({ min: 7, max: 35 }),
    logs: fc.boolean(),
    keep: fc.integer({ min: 7, max: 40 }),
    weeks: fc.integer({ min: 1, max: 6 }),
    dbs: fc.array(
      fc.record({
        size: fc.integer({ min: 1, max: 200 }),
        log: fc.integer({ min: 0, max: 20 }),
        churn: fc.integer({ min: 0, max: 5 }),
        simple: fc.boolean(),
      }),
      { minLength: 1, maxLength: 3 },
    ),
    days: fc.integer({ min: 3, max: 50 }),
  })
  .map((c) => {
    const diffDays = c.diffDays.filter((d) => d !== c.fullDay).sort();
    const policy: SqlPolicy = {
      name: 'p',
      full: {
        frequency: c.weekly ? 'weekly' : 'daily',
        at: c.at,
        days: c.weekly ? [c.fullDay] : [],
        every: null,
        window: millis(DAY),
        timeZone: 'UTC',
      },
      differential:
        c.weekly && diffDays.length > 0
          ? { days: diffDays, at: c.at, retention: millis(Math.min(7 * c.weeks, 28) * DAY) }
          : null,
      log: c.logs ? { every: millis(c.every), retention: millis(c.logDays * DAY) } : null,
      retention: c.weekly
        ? { daily: null, weekly: { count: c.weeks, on: [c.fullDay] }, monthly: null, yearly: null }
        : { daily: c.keep, weekly: null, monthly: null, yearly: null },
      compression: false,
      archive: null,
    };
    const dbs: SqlDatabase[] = c.dbs.map((d, i) => ({
      id: `vm-001/db-${i}`,
      group: 'db',
      vm: 'vm-001',
      region: 'eastus',
      vault: 'rsv',
      policy: 'p',
      size: (d.size * GiB) as Bytes,
      growth: 0.1,
      churn: { kind: 'constant', value: d.churn / 100 },
      log: { kind: 'constant', value: d.log / 100 },
      recoveryModel: d.simple ? 'simple' : 'full',
      compressionSaving: 0.8,
    }));
    return { policy, dbs, days: c.days };
  });

// Windows when the VM is down (a blocked backup fails with region-outage).
const someOutages = fc.array(
  fc.record({ from: fc.integer({ min: 0, max: 40 * 24 }), hours: fc.integer({ min: 1, max: 48 }) }),
  { maxLength: 3 },
);

/** Runs a case with a daily round, calling `check` after each round; returns the group's result and ledger totals. */
function runCase(
  c: Case,
  mode: { eager: boolean; outages?: { from: number; hours: number }[] },
  check: (item: SqlItem, now: number) => void = () => {},
) {
  const horizon = c.days * DAY;
  const world = aWorld(horizon);
  world.eagerStarts = mode.eager;
  world.cleanupEvery = DAY;
  const outages = mode.outages ?? [];
  if (outages.length > 0)
    world.blocked = (_vm: string, t: number): FailureCause | null =>
      outages.some((o) => t >= o.from * MS.hour && t < (o.from + o.hours) * MS.hour) ? 'region-outage' : null;
  const vault = aVaultRuntime(world);
  const group = aGroup('sql', 'sql:p');
  const tasks = new Pool(world.sim, { name: 'tasks', slots: 20, handoff: true });
  const item = new SqlItem(world, 'vm-001', c.policy, c.dbs, vault, tasks, group, () => 0);
  for (let k = 1; k <= c.days; k++)
    world.sim.at(k * DAY, () => {
      item.cleanup(world.sim.now);
      check(item, world.sim.now);
    });
  item.start();
  world.sim.run(horizon);
  return {
    result: group.result(c.days),
    standard: vault.ledger.total('standard'),
    archive: vault.ledger.total('archive'),
  };
}

describe('SQL log chains and storage (properties)', () => {
  it('should never leave a gap in a log chain while its full and logs are kept', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        runCase(c, { eager: true }, (item) => {
          for (const db of item.dbs) {
            const fulls = new Set(db.fullPoints());
            // Every retained log's base full is still kept: a restore to any kept log can start.
            for (const base of db.logBases()) expect(fulls.has(base as never)).toBe(true);
            // Consecutive kept logs are one interval apart, or a full stands at each missing slot
            // (§12.3's auto-heal: a full took the log's place).
            const slots = db.logSlots();
            const fullAt = new Set(db.fullPoints().map((p) => p.takenAt));
            const every = c.policy.log?.every ?? 0;
            for (let i = 1; i < slots.length; i++)
              for (let s = slots[i - 1] + every; s < slots[i]; s += every) expect(fullAt.has(s)).toBe(true);
          }
        });
      }),
      { numRuns: 60 },
    );
  });

  it('should never store negative bytes, and the ledger always holds exactly what the points do', () => {
    fc.assert(
      fc.property(aCase, someOutages, (c, outages) => {
        runCase(c, { eager: false, outages }, (item, now) => {
          let standard = 0;
          let archive = 0;
          for (const db of item.dbs) {
            for (const v of Object.values(db.live)) expect(v).toBeGreaterThanOrEqual(0);
            expect(db.logBytes).toBeGreaterThanOrEqual(0);
            standard += db.live.fullBytes + db.live.diffBytes + db.logBytes;
            archive += db.live.archiveBytes;
          }
          const ledger = (item as unknown as { vault: { ledger: { total(t: string): number } } }).vault
            .ledger;
          // Fulls and differentials still in flight are not in the vault yet.
          expect(ledger.total('standard')).toBe(standard);
          expect(ledger.total('archive')).toBe(archive);
          expect(now).toBeGreaterThan(0);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('should always decide log backups in bulk exactly as one event per slot does', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const eager = runCase(c, { eager: true });
        const watched = runCase(c, { eager: false });
        expect(watched).toEqual(eager);
      }),
      { numRuns: 40 },
    );
  });
});
