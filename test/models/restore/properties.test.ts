// Properties of restores (issue 18): a restore never uses a point taken after the requested
// time; more restore throughput never lengthens a restore (common random numbers); restore
// drills change no production figure.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(yaml: string): RunResult {
  const loaded = loadScenarioText(yaml, 'properties.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return simulate(loaded.scenarios[0]);
}

// Four VMs of different sizes (and a second disk on one), daily backups with jitter and some
// failures, two policies' worth of snapshot retention; `extra` adds events and sections.
const scenario = (c: { seed: number; capacity: number; perDisk: number }, extra: string) => `
name: props
seed: ${c.seed}
start: "2026-01-01T00:00:00Z"
duration: 30d
recovery: { restoreThroughput: ${c.perDisk}MiB/s, restoreCapacity: ${c.capacity}MiB/s }
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus, redundancy: GRS, crossRegionRestore: true }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    instantRestore: 2d
    retention: { daily: 20 }
fleet:
  - { name: a, count: 2, region: eastus, zone: 1, disks: [{ size: 64GiB, used: 40% }], backup: { vault: rsv, policy: daily, failureRate: 20% } }
  - { name: b, region: eastus, zone: 2, disks: [{ size: 256GiB, used: 70% }, { size: 32GiB, used: 10% }], backup: { vault: rsv, policy: daily } }
  - { name: c, region: eastus, disks: [{ size: 128GiB, used: 55% }], backup: { vault: rsv, policy: daily } }
${extra}`;

const option = fc.constantFrom('new-vm', 'restore-disks', 'files');
const target = fc.constantFrom('same', 'cross-region');
const aRestore = fc.record({
  atHours: fc.integer({ min: 3 * 24, max: 29 * 24 }),
  beforeHours: fc.integer({ min: 0, max: 29 * 24 }),
  kind: fc.constantFrom('before', 'at', 'latest'),
  option,
  target,
});

type ARestore = typeof aRestore extends fc.Arbitrary<infer T> ? T : never;
const eventLine = (r: ARestore, group: string) => {
  const point = r.kind === 'latest' ? 'latest' : `{ ${r.kind}: ${Math.min(r.beforeHours, r.atHours)}h }`;
  const tgt = r.option === 'files' ? 'same' : r.target;
  const files = r.option === 'files' ? ', files: 2GiB' : '';
  return `  - { at: ${r.atHours}h, restore: { group: ${group}, point: ${point}, option: ${r.option}, target: ${tgt}${files} } }`;
};

describe('restore properties', () => {
  it('should never use a point taken after the requested time', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(aRestore, { minLength: 1, maxLength: 5 }),
        (seed, restores) => {
          const r = run(
            scenario(
              { seed, capacity: 6000, perDisk: 60 },
              `events:\n${restores.map((x, i) => eventLine(x, ['a', 'b', 'c'][i % 3])).join('\n')}`,
            ),
          );
          const start = Date.parse(r.start);
          for (const j of r.restores!.jobs) {
            if (j.point === null) continue;
            const taken = Date.parse(j.point.at) - start;
            expect(taken).toBeLessThanOrEqual(Date.parse(j.requestedAt) - start);
            const spec = restores[Number(j.label.slice('restore-'.length)) - 1];
            if (spec.kind === 'before')
              expect(taken).toBeLessThanOrEqual(Math.min(spec.beforeHours, spec.atHours) * 3600_000);
            if (spec.kind === 'at')
              expect(Math.floor(taken / 1000)).toBe(
                Math.floor((Math.min(spec.beforeHours, spec.atHours) * 3600_000) / 1000),
              );
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('should never lengthen a restore when the restore throughput grows (same random numbers)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.array(aRestore, { minLength: 2, maxLength: 6 }),
        fc.record({
          capacity: fc.integer({ min: 20, max: 400 }),
          perDisk: fc.integer({ min: 10, max: 120 }),
        }),
        fc.record({ capacity: fc.integer({ min: 0, max: 400 }), perDisk: fc.integer({ min: 0, max: 120 }) }),
        (seed, restores, low, more) => {
          const events = `events:\n${restores.map((x, i) => eventLine(x, ['a', 'b', 'c'][i % 3])).join('\n')}`;
          const slow = run(scenario({ seed, ...low }, events));
          const fast = run(
            scenario(
              { seed, capacity: low.capacity + more.capacity, perDisk: low.perDisk + more.perDisk },
              events,
            ),
          );
          const byId = new Map(fast.restores!.jobs.map((j) => [j.id, j]));
          for (const j of slow.restores!.jobs) {
            const f = byId.get(j.id)!;
            expect(f.point).toEqual(j.point);
            if (j.durationSeconds === null) continue;
            expect(f.durationSeconds).not.toBeNull();
            // 1 ms: the link observes a copy's end at the next whole millisecond.
            expect(f.durationSeconds!).toBeLessThanOrEqual(j.durationSeconds + 0.001);
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('should never change a production figure when restore drills run', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 4 }),
        option,
        (seed, every, count, opt) => {
          const base = { seed, capacity: 6000, perDisk: 60 };
          // The same sections either way (restores read points' times), the drills only in one.
          const files = opt === 'files' ? ', files: 1GiB' : '';
          const without = run(scenario(base, ''));
          const withDrills = run(
            scenario(
              base,
              `restoreTests:\n  - { name: d, every: ${every}d, vms: [a-001, a-002, b-001, c-001], count: ${count}, option: ${opt}${files} }`,
            ),
          );
          expect(withDrills.restores!.jobs.length).toBeGreaterThan(0);
          expect(withDrills.vaults).toEqual(without.vaults);
          expect(withDrills.storage).toEqual(without.storage);
          expect(withDrills.jobs).toEqual(without.jobs);
          expect(withDrills.kept).toEqual(without.kept);
          // Costs: every meter but the drills' own compute.
          const meters = (r: RunResult) =>
            Object.fromEntries(Object.entries(r.cost.summary.totals).filter(([m]) => m !== 'drillCompute'));
          expect(meters(withDrills)).toEqual(meters(without));
          const drill = withDrills.cost.summary.totals.drillCompute.quantity;
          expect(drill > 0).toBe(opt === 'new-vm');
        },
      ),
      { numRuns: 10 },
    );
  });
});
