// Azure Files backup, driven directly on generated policies and shares: never more than 200
// snapshots a share (a policy the loader accepts never reaches the limit), stored bytes never
// negative and always what the shares hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bytes, MS, millis } from '../../../engine/units.js';
import { FilesItem, SNAPSHOT_LIMIT } from '../../../models/files/item.js';
import { windowSlots } from '../../../models/files/schedule.js';
import type { Retention, Schedule } from '../../../models/scenario/types.js';
import type { FileShare, FileSharePolicy } from '../../../models/scenario/workloads.js';
import { snapshotCount } from '../../../scenarios/normalise/files.js';
import { aWorld } from '../../support/world.js';
import { aGroup, aVaultRuntime } from '../workloads/fixtures.js';

const DAY = MS.day;
const GiB = 2 ** 30;

const aPolicy: fc.Arbitrary<FileSharePolicy> = fc
  .record({
    vault: fc.boolean(),
    hourly: fc.boolean(),
    every: fc.constantFrom(4, 6, 8, 12),
    start: fc.integer({ min: 0, max: 47 }).map((h) => h * 30),
    daily: fc.integer({ min: 1, max: 120 }),
    weekly: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
    monthly: fc.option(fc.integer({ min: 1, max: 12 }), { nil: undefined }),
    snapshotDays: fc.integer({ min: 1, max: 30 }),
    intervals: fc.integer({ min: 1, max: 6 }),
  })
  .map((c) => {
    // A window the loader accepts (§13.2): 4–24 h, a multiple of the interval, ending by midnight.
    const hours = Math.min(24, Math.max(4, c.every * c.intervals));
    const window = hours - (hours % c.every);
    const at = window === 24 || c.start + window * 60 <= 24 * 60 ? c.start : 0;
    const schedule: Schedule = c.hourly
      ? {
          frequency: 'hourly',
          at,
          days: [],
          every: millis(c.every * MS.hour),
          window: millis(window * MS.hour),
          timeZone: 'UTC',
        }
      : { frequency: 'daily', at: c.start, days: [], every: null, window: millis(DAY), timeZone: 'UTC' };
    const retention: Retention = {
      daily: c.daily,
      weekly: c.weekly === undefined ? null : { count: c.weekly, on: [0] },
      monthly: c.monthly === undefined ? null : { count: c.monthly, on: { kind: 'day', day: 1 } },
      yearly: null,
    };
    return {
      name: 'p',
      tier: c.vault ? 'vault' : 'snapshot',
      schedule,
      retention,
      snapshotRetention: c.vault ? millis(c.snapshotDays * DAY) : null,
    } satisfies FileSharePolicy;
  });

const aShare = (i: number, size: number, churn: number): FileShare => ({
  id: `st/share-${i}`,
  group: 'share',
  storageAccount: 'st',
  region: 'eastus',
  vault: 'rsv',
  policy: 'p',
  size: (size * GiB) as Bytes,
  growth: 0,
  churn: { kind: 'constant', value: churn / 100 },
  restores: [],
});

function runCase(
  policy: FileSharePolicy,
  shares: FileShare[],
  days: number,
  check: (item: FilesItem) => void,
) {
  const world = aWorld(days * DAY);
  const vault = aVaultRuntime(world);
  const group = aGroup('files', 'files:p');
  const item = new FilesItem(
    world,
    'st',
    policy,
    shares,
    vault,
    group,
    () => null,
    () => 0,
  );
  for (let k = 1; k <= days; k++)
    world.sim.at(k * DAY, () => {
      item.cleanup(world.sim.now);
      check(item);
    });
  item.start();
  world.sim.run(days * DAY);
  return { group: group.result(days), vault };
}

const shares = fc
  .array(fc.record({ size: fc.integer({ min: 1, max: 500 }), churn: fc.integer({ min: 0, max: 10 }) }), {
    minLength: 1,
    maxLength: 3,
  })
  .map((list) => list.map((s, i) => aShare(i, s.size, s.churn)));

describe('Azure Files snapshots (properties)', () => {
  it('should never keep more than 200 snapshots of a share, whatever the policy', () => {
    fc.assert(
      fc.property(aPolicy, shares, fc.integer({ min: 2, max: 80 }), (policy, list, days) => {
        const { group } = runCase(policy, list, days, (item) => {
          for (const share of item.shares) expect(share.snapshots).toBeLessThanOrEqual(SNAPSHOT_LIMIT);
        });
        // A policy within §13.3's count never meets the limit.
        const perDay = windowSlots(policy.schedule);
        if (
          snapshotCount(policy.tier, policy.retention, perDay, policy.snapshotRetention).total <=
          SNAPSHOT_LIMIT
        )
          expect(group.jobs.snapshot?.failedByCause['snapshot-limit'] ?? 0).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('should never store negative bytes, and the ledger always holds what the shares do', () => {
    fc.assert(
      fc.property(aPolicy, shares, fc.integer({ min: 2, max: 50 }), (policy, list, days) => {
        runCase(policy, list, days, (item) => {
          const ledger = (
            item as unknown as {
              vault: { ledger: { total(t: string): number; itemBytes(id: string, t: string): number } };
            }
          ).vault.ledger;
          let snaps = 0;
          let vault = 0;
          for (const share of item.shares) {
            expect(share.counted).toBeGreaterThanOrEqual(0);
            snaps += share.counted;
            vault += ledger.itemBytes(share.id, 'standard');
          }
          expect(ledger.total('snapshot')).toBe(snaps);
          expect(ledger.total('standard')).toBe(vault);
        });
      }),
      { numRuns: 50 },
    );
  });
});
