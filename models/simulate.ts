// simulate(): one concrete scenario → one RunResult. The whole pipeline of a run:
//
//   1. build    the world: kernel, random streams, vaults (ledger, link, pool), links
//   2. protect  one process per protected item (Azure VM backup, MARS server, disk snapshots)
//   3. sample   a daily event per run: cleanup (retention, snapshots, archive, purge), then samples
//   4. run      the event loop to the horizon
//   5. collect  plain results: storage, recovery points, jobs, cost

import { makeSampler } from '../engine/distributions.js';
import { Link } from '../engine/link.js';
import { Pool } from '../engine/pool.js';
import { createStreams } from '../engine/random.js';
import { Series } from '../engine/series.js';
import { Simulation } from '../engine/simulation.js';
import { MS } from '../engine/units.js';
import { JobStats } from './backup/stats.js';
import { VmBackup } from './backup/vm-backup.js';
import type { ProtectedItem, TraceRecord, VaultRuntime, World } from './backup/world.js';
import { MarsBackup } from './mars/mars-backup.js';
import { collectResult, type Sampled } from './results/collect.js';
import type { RunResult } from './results/types.js';
import type { Scenario } from './scenario/types.js';
import { DiskSnapshots } from './snapshots/disk-snapshots.js';
import { Ledger } from './storage/ledger.js';

/** Options of one run. */
export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Receives every traced model event, in order. */
  trace?: (record: TraceRecord) => void;
}

/** Runs one concrete scenario to its horizon and returns its results. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  // 1. build
  const sim = new Simulation();
  const world: World = {
    sim,
    streams: createStreams(seed),
    origin: scenario.start,
    horizon: scenario.duration,
    jobs: scenario.backupJobs,
    snapshotDuration: makeSampler(scenario.backupJobs.snapshotDuration),
    trace: options.trace ?? null,
  };
  const links = new Map(
    scenario.links.map((l) => [
      l.name,
      new Link(sim, {
        name: l.name,
        capacity: l.capacity,
        ...(l.perTransfer === null ? {} : { perTransferCap: l.perTransfer }),
      }),
    ]),
  );
  const vaults = new Map<string, VaultRuntime>(
    scenario.vaults.map((v) => [
      v.name,
      {
        spec: v,
        ledger: new Ledger(v.name),
        pool: new Pool(sim, { name: `${v.name}/transfers`, slots: v.maxConcurrentTransfers }),
        link: v.link === null ? null : (links.get(v.link) ?? null),
        items: [],
      },
    ]),
  );
  // 2. protect
  const policies = new Map(scenario.policies.map((p) => [p.name, p]));
  const stats = new Map<string, { stats: JobStats; items: ProtectedItem[]; kind: 'azure-vm' | 'mars' }>();
  for (const p of scenario.policies)
    stats.set(p.name, { stats: new JobStats(), items: [], kind: 'azure-vm' });
  for (const vm of scenario.vms) {
    if (vm.backup === null) continue;
    const vault = vaults.get(vm.backup.vault)!;
    const group = stats.get(vm.backup.policy)!;
    const item = new VmBackup(world, vm, policies.get(vm.backup.policy)!, vault, group.stats);
    vault.items.push(item);
    group.items.push(item);
    item.start();
  }
  for (const server of scenario.servers) {
    const vault = vaults.get(server.vault)!;
    const name = `mars:${server.group}`;
    let group = stats.get(name);
    if (group === undefined) {
      group = { stats: new JobStats(), items: [], kind: 'mars' };
      stats.set(name, group);
    }
    const item = new MarsBackup(world, server, vault, group.stats);
    vault.items.push(item);
    group.items.push(item);
    item.start();
  }
  // Disk snapshots outside Azure Backup, whether or not the VM is also backed up; one series for all.
  const snapshotVms = scenario.vms.filter((vm) => vm.snapshots !== null);
  const diskSnapshots =
    snapshotVms.length === 0
      ? undefined
      : new Series('disk-snapshots', { kind: 'step', resolution: MS.hour, maxPoints: 10_000 });
  for (const vm of snapshotVms) new DiskSnapshots(world, vm, diskSnapshots!).start();
  // 3. sample
  const sampled = newSamples(vaults, stats);
  const days = Math.ceil(scenario.duration / MS.day);
  const daily = (k: number) => {
    const now = sim.now;
    for (const v of vaults.values()) {
      for (const item of v.items) item.cleanup(now);
      v.ledger.purgeDue(now);
    }
    sample(sampled, vaults, stats, k, now);
  };
  for (let k = 1; k <= days; k++)
    sim.at(Math.min(k * MS.day, scenario.duration), () => daily(k), 'run/daily');
  // 4. run
  sim.run(scenario.duration);
  // 5. collect
  return collectResult({
    scenario,
    seed,
    sim,
    vaults,
    groups: stats,
    sampled,
    ...(diskSnapshots === undefined ? {} : { diskSnapshots }),
  });
}

function newSamples(
  vaults: Map<string, VaultRuntime>,
  groups: Map<string, { items: ProtectedItem[] }>,
): Sampled {
  return {
    vaults: new Map([...vaults.keys()].map((name) => [name, emptyDaily()])),
    groups: new Map([...groups.keys()].map((name) => [name, { points: [] }])),
    protectedSize: new Map(),
  };
}

const emptyDaily = () => ({
  day: [],
  snapshot: [],
  standard: [],
  archive: [],
  softDeleted: [],
  snapshotPoints: [],
  vaultPoints: [],
  archivePoints: [],
  points: [],
});

// Samples storage, recovery points and protected-instance sizes at the end of day k.
function sample(
  s: Sampled,
  vaults: Map<string, VaultRuntime>,
  groups: Map<string, { items: ProtectedItem[] }>,
  k: number,
  now: number,
): void {
  for (const [name, v] of vaults) {
    const d = s.vaults.get(name)!;
    d.day.push(k);
    d.snapshot.push(v.ledger.total('snapshot'));
    d.standard.push(v.ledger.total('standard'));
    d.archive.push(v.ledger.total('archive'));
    d.softDeleted.push(v.ledger.total('softDeleted'));
    const sum = sumPoints(v.items);
    d.snapshotPoints.push(sum.snapshot);
    d.vaultPoints.push(sum.vault);
    d.archivePoints.push(sum.archive);
    d.points.push(sum);
    for (const item of v.items) {
      const size = item.protectedSize(now);
      if (size === null) continue;
      let usage = s.protectedSize.get(item.id);
      if (usage === undefined) {
        usage = { from: now - MS.day, to: now, used: new Series(`${item.id}/protected`, { kind: 'step' }) };
        s.protectedSize.set(item.id, usage);
      }
      usage.used.record(now - MS.day, size);
      usage.to = now;
    }
  }
  for (const [name, g] of groups) s.groups.get(name)!.points.push(sumPoints(g.items));
}

function sumPoints(items: ProtectedItem[]) {
  const sum = { snapshot: 0, vault: 0, archive: 0, daily: 0, weekly: 0, monthly: 0, yearly: 0, onDemand: 0 };
  for (const item of items) {
    const p = item.points();
    sum.snapshot += p.snapshot;
    sum.vault += p.vault;
    sum.archive += p.archive;
    sum.daily += p.daily;
    sum.weekly += p.weekly;
    sum.monthly += p.monthly;
    sum.yearly += p.yearly;
    sum.onDemand += p.onDemand;
  }
  return sum;
}
