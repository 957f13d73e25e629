// What disaster recovery hands to pricing (models/dr/billing.ts): the compute runs of a drill's
// test VMs and of failed-over VMs, and each replicated VM's Site Recovery usage (cache,
// recovery points, sent) from a replay of its replication stream.

import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../engine/simulation.js';
import { MS } from '../../../engine/units.js';
import { setupDr } from '../../../models/dr/setup.js';
import type { Scenario } from '../../../models/scenario/types.js';
import { loadScenarioText } from '../../../scenarios/load.js';
import { aWorld } from '../../support/world.js';

const GiB = 2 ** 30;
const MiB = 2 ** 20;
const DAY = MS.day;
const HOUR = MS.hour;
const MIN = MS.minute;

function load(yaml: string): Scenario {
  const loaded = loadScenarioText(yaml, 'billing.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return loaded.scenarios[0];
}

/** Runs only disaster recovery (no backup, no monitor) to the horizon, as simulate() wires it. */
function runDr(scenario: Scenario) {
  const sim = new Simulation();
  const dr = setupDr(sim, scenario, aWorld(scenario.duration, scenario.seed), scenario.seed, new Map());
  dr.start(null);
  sim.run(scenario.duration);
  return dr.finish();
}

// Two VMs replicated East US → West US in one recovery plan; fixed durations so the times are
// known: failover 4 min, boot 2 min, decision 15 min after a fault, test VMs cleaned up 2 h
// after a drill completes. Each VM has 50 GiB used and writes 2% of it a day: 1 GiB/day.
const SCENARIO = (extra = '') => `
name: billing
duration: 20d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
recovery: { detection: 15m, boot: 2m, failover: 4m, drillCleanupAfter: 2h }
fleet:
  - name: app
    count: 2
    region: eastus
    cores: 4
    size: Standard_D4s_v5
    disks: [{ size: 100GiB, used: 50%, churn: { daily: 2% } }]
    replicate: { to: westus, retention: 1d${extra} }
recoveryPlans:
  - { name: app, groups: [{ group: app }] }
events:
  - { at: 5d, drill: { plan: app } }
  - { at: 10d, outage: { region: eastus, for: 6h } }
`;

describe('DR billing usage', () => {
  it('bills a drill’s test VMs until cleanup and failed-over VMs until the end of the run', () => {
    const { dr, billing } = runDr(load(SCENARIO()));
    expect(dr.incidents[0].vms.map((v) => v.path)).toEqual(['failover', 'failover']);
    const base = { group: 'app', region: 'westus', cores: 4, size: 'Standard_D4s_v5' };
    expect(billing.compute).toEqual([
      // Drill at 5d: failover 4 min, so each test VM exists from 5d 00:04; the drill completes
      // after boot at 5d 00:06 and is cleaned up 2 h later, at 5d 02:06.
      { kind: 'drill', vm: 'app-001', ...base, from: 5 * DAY + 4 * MIN, to: 5 * DAY + 2 * HOUR + 6 * MIN },
      { kind: 'drill', vm: 'app-002', ...base, from: 5 * DAY + 4 * MIN, to: 5 * DAY + 2 * HOUR + 6 * MIN },
      // Outage at 10d, decision at 10d 00:15, failover 4 min: the VMs exist in West US from
      // 10d 00:19 (up after boot at 00:21) and run to the end of the run (no failback).
      { kind: 'failover', vm: 'app-001', ...base, from: 10 * DAY + 19 * MIN, to: 20 * DAY },
      { kind: 'failover', vm: 'app-002', ...base, from: 10 * DAY + 19 * MIN, to: 20 * DAY },
    ]);
    expect(dr.incidents[0].vms[0].recoveredAt).toBe('2026-01-11T00:21:00.000Z');
  });

  it('gives each replicated VM its regions, disks and replication until the fault ended it', () => {
    const { billing } = runDr(load(SCENARIO()));
    expect(
      billing.replicated.map((r) => [r.vm, r.group, r.sourceRegion, r.targetRegion, r.from, r.to]),
    ).toEqual([
      ['app-001', 'app', 'eastus', 'westus', 0, 10 * DAY],
      ['app-002', 'app', 'eastus', 'westus', 0, 10 * DAY],
      // Reprotected West US → East US once East US is back at 10d 06:00 (§5.7): checksum = the
      // initial replication, 50 GiB at 54 MiB/s = 948.148 s; the 5 h 39 m written since the
      // failover at 10d 00:21, 1 GiB × 20,340 / 86,400, at 23% of 60 MiB/s = 17.469 s;
      // processing (948.148 + 17.469) / 5 = 193.123 s; auto-scale 1,500 s: 2,658.741 s in all.
      ['app-001', 'app', 'westus', 'eastus', 10 * DAY + 6 * HOUR + 2_658_741, 20 * DAY],
      ['app-002', 'app', 'westus', 'eastus', 10 * DAY + 6 * HOUR + 2_658_741, 20 * DAY],
    ]);
    const r = billing.replicated[0];
    expect(r.disks).toEqual([{ name: 'os', size: 100 * GiB, type: 'premium' }]);
    // Bandwidth keeps up: nothing waits in the cache; every byte written is sent, 1 GiB a day.
    expect(r.cache.max()).toBe(0);
    expect(r.sent.valueAt(10 * DAY)).toBeCloseTo(10 * GiB, 0);
    expect(r.sent.valueAt(2.5 * DAY)).toBeCloseTo(2.5 * GiB, 0);
    // One day of recovery points: the last day's writes, 1 GiB once a day has passed.
    expect(r.recoveryPoints.valueAt(DAY / 2)).toBeCloseTo(GiB / 2, 0);
    expect(r.recoveryPoints.valueAt(5 * DAY)).toBeCloseTo(GiB, 0);
    // Constant churn: every curve is a few straight lines, not a sample per day.
    expect(r.sent.size).toBeLessThanOrEqual(3);
    expect(r.recoveryPoints.size).toBeLessThanOrEqual(4);
  });

  it('holds the initial replication in the cache until it is uploaded', () => {
    // 50 GiB to copy at 10 MiB/s while writing 1 GiB/day (≈ 12.4 KB/s): the backlog falls at
    // 10 MiB/s − 1 GiB/day and empties after 50 GiB / that ≈ 5,126 s. The cache is a triangle:
    // 50 GiB × 5,126 s / 2 byte-seconds.
    const { billing } = runDr(load(SCENARIO(', bandwidth: 10MiB/s, initialSync: true')));
    const r = billing.replicated[0];
    const write = GiB / 86_400;
    const empties = (50 * GiB) / (10 * MiB - write);
    expect(r.cache.valueAt(0)).toBe(50 * GiB);
    expect(r.cache.valueAt(HOUR)).toBeCloseTo(50 * GiB - (10 * MiB - write) * 3600, -3);
    expect(r.cache.valueAt(2 * HOUR)).toBe(0);
    expect(r.cache.integral(0, DAY) / 1000).toBeCloseTo((50 * GiB * empties) / 2, -6);
    // Sent: the initial copy and every write since.
    expect(r.sent.valueAt(2 * DAY)).toBeCloseTo(52 * GiB, 0);
    // No recovery point before the initial copy is done.
    expect(r.recoveryPoints.valueAt(HOUR)).toBe(0);
  });
});
