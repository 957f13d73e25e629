// MABS / DPM, driven directly on generated protection groups, offline windows and losses: disk
// points never more than the goal keeps, stored bytes never negative and always what the
// machines hold, nothing on disk after a loss.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Bytes, MS, millis } from '../../../engine/units.js';
import { DpmMachine } from '../../../models/dpm/machine.js';
import { ServerRuntime } from '../../../models/dpm/server.js';
import type { BackupServer, ProtectionGroup } from '../../../models/scenario/workloads.js';
import { aWorld } from '../../support/world.js';
import { aGroup, aVaultRuntime } from '../workloads/fixtures.js';

const DAY = MS.day;
const SYNC = [15, 30, 60, 120, 240, 360, 720, 1440].map((m) => m * MS.minute);

const aCase = fc.record({
  sync: fc.constantFrom(...SYNC),
  keepDays: fc.integer({ min: 1, max: 4 }),
  times: fc.uniqueArray(
    fc.integer({ min: 0, max: 23 }).map((h) => h * 60),
    { minLength: 1, maxLength: 2 },
  ),
  daily: fc.integer({ min: 1, max: 20 }),
  machines: fc.integer({ min: 1, max: 3 }),
  gib: fc.integer({ min: 1, max: 50 }),
  churn: fc.integer({ min: 0, max: 10 }),
  compression: fc.integer({ min: 0, max: 60 }),
  offline: fc.option(
    fc.record({ at: fc.integer({ min: 0, max: 30 }), days: fc.integer({ min: 1, max: 20 }) }),
    {
      nil: undefined,
    },
  ),
  lost: fc.option(fc.integer({ min: 1, max: 40 }), { nil: undefined }),
  days: fc.integer({ min: 2, max: 40 }),
});

describe('MABS / DPM (properties)', () => {
  it('should never keep more disk points than the goal, nor store negative bytes, nor keep disk points after a loss', () => {
    fc.assert(
      fc.property(aCase, (c) => {
        const pg: ProtectionGroup = {
          name: 'pg',
          workload: 'sql',
          machines: c.machines,
          data: (c.gib * 2 ** 30) as Bytes,
          churn: { kind: 'constant', value: c.churn / 100 },
          growth: 0,
          disk: { sync: millis(c.sync), retention: millis(c.keepDays * DAY) },
          online: {
            times: [...c.times].sort((a, b) => a - b),
            timeZone: 'UTC',
            retention: { daily: c.daily, weekly: null, monthly: null, yearly: null },
          },
        };
        const spec: BackupServer = {
          id: 'mabs-001',
          group: 'mabs',
          kind: 'mabs',
          vault: 'rsv',
          compression: c.compression / 100,
          network: null,
          protectionGroups: [pg],
          offline:
            c.offline === undefined
              ? []
              : [{ at: millis(c.offline.at * DAY), for: millis(c.offline.days * DAY) }],
          lostAt: c.lost === undefined ? null : millis(c.lost * DAY),
        };
        const world = aWorld(c.days * DAY);
        const vault = aVaultRuntime(world);
        const group = aGroup('dpm', 'dpm:mabs');
        const server = new ServerRuntime(world.sim, spec, world.origin, world.horizon);
        const machines = Array.from(
          { length: c.machines },
          (_, k) => new DpmMachine(world, `mabs-001/pg-00${k + 1}`, pg, server, vault, group, () => false),
        );
        const limit = Math.floor((c.keepDays * DAY) / c.sync) + 1;
        for (let k = 1; k <= c.days; k++)
          world.sim.at(k * DAY, () => {
            const now = world.sim.now;
            let vaultBytes = 0;
            for (const m of machines) {
              m.cleanup(now);
              expect(m.diskPoints).toBeLessThanOrEqual(limit);
              expect(m.diskBytes(now)).toBeGreaterThanOrEqual(0);
              if (server.lost(now)) expect(m.diskPoints).toBe(0);
              vaultBytes += m.vaultBytes();
            }
            expect(vault.ledger.total('standard')).toBe(vaultBytes);
          });
        server.start();
        for (const m of machines) m.start();
        world.sim.run(c.days * DAY);
      }),
      { numRuns: 60 },
    );
  });
});
