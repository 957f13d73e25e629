// simulate(): one concrete scenario → one RunResult. The whole pipeline of a run:
//
//   1. build    the world: kernel, random streams, vaults (ledger, link, pool), links
//   2. protect  one process per protected item (Azure VM backup, MARS server, disk snapshots)
//   3. sample   two daily events per run: first the day's close (each item's protected-instance
//               size, before anything else at midnight acts), then the round: cleanup
//               (retention, snapshots, archive, purge) and samples
//   4. run      the event loop to the horizon
//   5. collect  plain results: storage, recovery points, jobs, cost
//
// The optional subsystems (disaster recovery, restores, operations, workloads, monitor,
// logs) come from SUBSYSTEMS, loaded for the scenarios a command runs (./subsystems.ts).

import { makeSampler } from '../engine/distributions.js';
import { Link } from '../engine/link.js';
import { Pool } from '../engine/pool.js';
import { createStreams } from '../engine/random.js';
import { Series } from '../engine/series.js';
import { Simulation } from '../engine/simulation.js';
import { MS } from '../engine/units.js';
import { JobStats } from './backup/stats.js';
import { VmBackup } from './backup/vm-backup.js';
import {
  type ProtectedItem,
  protectionOf,
  type TraceRecord,
  type VaultRuntime,
  type World,
} from './backup/world.js';
import { judgeObjectives } from './dr/objectives.js';
import { type RelocateContext, relocatedId } from './dr/relocate.js';
import { type BackupExposure, scheduleFigures } from './dr/schedule.js';
import { type Inspection, scheduleInspections } from './inspect.js';
import type { LogsOptions } from './logs/setup.js';
import { MarsBackup } from './mars/mars-backup.js';
import type { AlertEvaluation } from './monitor/evidence.js';
import type { Monitor } from './monitor/monitor.js';
import { alertsResult } from './monitor/results.js';
import { SecurityAlerts } from './monitor/security.js';
import { collectResult, type Sampled, zeroPoints } from './results/collect.js';
import type { PointCounts, RunResult } from './results/types.js';
import type { Policy, Scenario } from './scenario/types.js';
import { DiskSnapshots } from './snapshots/disk-snapshots.js';
import { Ledger } from './storage/ledger.js';
import { hasRestores, needsDr, SUBSYSTEMS, USES } from './subsystems.js';
import type { JobGroups } from './workloads/setup.js';

/** Options of one run; `logs` and `backupReports` (issue 19) read the diagnostic tables. */
export interface SimulateOptions extends LogsOptions {
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Receives every traced model event, in order. */
  trace?: (record: TraceRecord) => void;
  /** Told the fraction of the run done (0–1], at most once per simulated day, from the daily round. */
  onProgress?: (fraction: number) => void;
  /** Looks at VMs at instants of the run, after everything else at each (`vaultsim explain points`). */
  inspect?: readonly Inspection[];
  /** Records what each evaluation that fired or resolved one alert rule saw (`vaultsim explain alert`). */
  explainAlert?: { rule: string; record: (evaluation: AlertEvaluation) => void };
}

/** Runs one concrete scenario to its horizon and returns its results. */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): RunResult {
  const seed = options.seed ?? scenario.seed;
  // 1. build
  const sim = new Simulation();
  // Each day's close is the first event at its instant (scheduled before anything else), so the
  // protected-instance days (docs/model.md, Cost) see the state just before midnight, whichever
  // way an operation at midnight was spelled. The handler is bound once the items exist (3.).
  const days = Math.ceil(scenario.duration / MS.day);
  let closeDay: (dayStart: number, now: number) => void = () => {};
  for (let k = 1; k <= days; k++)
    sim.at(Math.min(k * MS.day, scenario.duration), () => closeDay((k - 1) * MS.day, sim.now), 'run/close');
  const world: World = {
    sim,
    streams: createStreams(seed),
    origin: scenario.start,
    horizon: scenario.duration,
    jobs: scenario.backupJobs,
    snapshotDuration: makeSampler(scenario.backupJobs.snapshotDuration),
    trace: options.trace ?? null,
    // Inspections show each point's data instant.
    ...(options.inspect === undefined || options.inspect.length === 0 ? {} : { keepPointTimes: true }),
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
  const parts = vaultParts(scenario);
  const vaults = new Map<string, VaultRuntime>(
    scenario.vaults.map((v) => [
      v.name,
      {
        spec: v,
        ledger: new Ledger(v.name, parts.get(v.name)),
        // Handoff: a finished transfer's slot goes to the next queued one with no event.
        pool: new Pool(sim, { name: `${v.name}/transfers`, slots: v.maxConcurrentTransfers, handoff: true }),
        link: v.link === null ? null : (links.get(v.link) ?? null),
        items: [],
        protection: protectionOf(v),
      },
    ]),
  );
  // §2.3: soft-deleted data is purged at its purge time, not at the next daily round: from
  // then on it cannot be undeleted, and Purge Complete fires then.
  // One event per vault and purge time: a bulk deletion at one instant purges in one event.
  for (const v of vaults.values()) {
    const scheduled = new Set<number>();
    v.ledger.onSoftDelete = (entry) => {
      if (entry.purgeAt >= scenario.duration || scheduled.has(entry.purgeAt)) return;
      scheduled.add(entry.purgeAt);
      sim.at(entry.purgeAt, () => v.ledger.purgeDue(sim.now), 'vault/purge');
    };
  }
  // Restore jobs (issue 18): users' restores, restore drills and disaster recovery's share the
  // vaults' restore throughput; null when nothing restores.
  const restores = USES.restores(scenario)
    ? SUBSYSTEMS.get('restores').setupRestores(sim, scenario, world, needsDr(scenario))
    : null;
  // Disaster recovery (faults, replication, recovery plans), when the scenario has any.
  const dr = USES.dr(scenario)
    ? SUBSYSTEMS.get('dr').setupDr(sim, scenario, world, seed, links, restores?.jobs ?? null)
    : null;
  // Operations by an admin or an attacker (issue 14), when the scenario has any: they read the
  // points' times (what survives an attack).
  const ops = USES.operations(scenario)
    ? new (SUBSYSTEMS.get('operations').Operations)(sim, scenario, world, vaults)
    : null;
  if (ops !== null) world.keepPointTimes = true;
  // 2. protect
  const byGroup = new Map<string, VmBackup[]>();
  const policies = new Map(scenario.policies.map((p) => [p.name, p]));
  const stats: JobGroups = new Map();
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
    ops?.add(item, vm, vault);
    dr?.attach(item, vm.id, ops === null ? undefined : () => void ops.recoveryUndelete(vm.id));
    const members = byGroup.get(vm.group);
    if (members === undefined) byGroup.set(vm.group, [item]);
    else members.push(item);
  }
  const marsItems: MarsBackup[] = [];
  for (const server of scenario.servers) {
    const vault = vaults.get(server.vault)!;
    const name = `mars:${server.group}`;
    let group = stats.get(name);
    if (group === undefined) {
      group = { stats: new JobStats(), items: [], kind: 'mars' };
      stats.set(name, group);
    }
    const item = new MarsBackup(world, server, vault, group.stats);
    marsItems.push(item);
    vault.items.push(item);
    group.items.push(item);
    item.start();
  }
  // A VM recovered in another region is backed up there when a vault is named (dr/relocate.ts).
  const relocation: RelocateContext = { world, seed, vaults, policies, groups: stats, observe: null };
  dr?.relocation(relocation);
  // SQL Server in Azure VMs, Azure file shares, MABS/DPM servers (issue 17), when the scenario has any.
  const workloads = USES.workloads(scenario)
    ? SUBSYSTEMS.get('workloads').setupWorkloads(world, scenario, vaults, stats, seed)
    : null;
  // Disk snapshots outside Azure Backup, whether or not the VM is also backed up: one series
  // per fleet group (billed per group and region), and one for all.
  const snapshotVms = scenario.vms.filter((vm) => vm.snapshots !== null);
  const diskSnapshots =
    snapshotVms.length === 0
      ? undefined
      : new Series('disk-snapshots', { kind: 'step', resolution: MS.hour, maxPoints: 10_000 });
  const snapshotGroups = new Map<string, { region: string; bytes: Series }>();
  for (const vm of snapshotVms) {
    let g = snapshotGroups.get(vm.group);
    if (g === undefined) {
      const bytes = new Series(`disk-snapshots/${vm.group}`, {
        kind: 'step',
        resolution: MS.hour,
        maxPoints: 10_000,
      });
      g = { region: vm.region, bytes };
      snapshotGroups.set(vm.group, g);
    }
    new DiskSnapshots(world, vm, diskSnapshots!, g.bytes).start();
  }
  // 3. sample
  const sampled = newSamples(vaults, stats);
  const round = dailyRound(sim, vaults, stats, sampled, scenario.duration, options.onProgress);
  const endOfDay = round.endOfDay;
  closeDay = round.closeDay;
  world.cleanupEvery = MS.day;
  for (let k = 1; k <= days; k++)
    sim.at(Math.min(k * MS.day, scenario.duration), () => endOfDay(k, sim.now), 'run/daily');
  // --- monitor (issue 6): alert rules over the models' signals, or null (models/monitor/setup.ts).
  // Alerts can start recovery (dr.start) and take on-demand backups (backup:<group>).
  const monitor = USES.monitor(scenario)
    ? SUBSYSTEMS.get('monitor').setupMonitor(
        sim,
        scenario,
        world.streams,
        vaults,
        links,
        options.explainAlert,
      )
    : null;
  if (monitor !== null) onDemandOnAlert(monitor, byGroup);
  // --- end monitor
  // --- diagnostics (issue 19): Log Analytics tables and Backup Reports, or null (models/logs/setup.ts).
  const logs = USES.logs(scenario)
    ? SUBSYSTEMS.get('logs').setupLogs(
        world,
        scenario,
        vaults,
        stats,
        monitor,
        byGroup,
        restores?.jobs ?? null,
        options,
      )
    : null;
  const jobSignals = logs?.signals ?? monitor?.backup ?? null;
  // MARS servers' and MABS/DPM machines' jobs go to the jobs table only (models/mars M8, models/dpm D6).
  const tables = logs?.tables ?? null;
  workloads?.observe(jobSignals, tables);
  if (tables !== null) for (const item of marsItems) item.observe(tables);
  if (jobSignals !== null) relocation.observe = (item) => item.observe(jobSignals);
  // Security alerts (§18.4) of deletions, purges and operations, for the monitor and the operations log.
  if (monitor !== null || ops !== null) {
    const security = new SecurityAlerts(sim, monitor, scenario.duration, world.trace);
    world.security = security;
    for (const v of vaults.values()) v.ledger.onPurge = (e) => security.purged(e.item, v.spec.name);
    ops?.start(security);
  }
  dr?.start(monitor);
  restores?.start(dr, backupsById(byGroup), vaults);
  // Nothing outside a job watches its steps: jobs may be decided ahead (docs/model.md).
  const inspections = options.inspect ?? [];
  if (inspections.length > 0)
    scheduleInspections(sim, scenario, inspections, backupsById(byGroup), dr, vaults);
  world.eagerStarts =
    world.trace === null &&
    dr === null &&
    monitor === null &&
    ops === null &&
    inspections.length === 0 &&
    logs === null &&
    !hasRestores(scenario);
  workloads?.start();
  // 4. run
  sim.run(scenario.duration);
  round.finish();
  const recovery = dr?.finish() ?? null;
  const backupReports = logs?.finish(recovery?.dr ?? null) ?? null;
  const schedule = scheduleFigures({
    vms: scenario.vms,
    backups: backupExposures(byGroup, scenario.duration, policies, scenario, dr),
    replication: dr?.replicationPeaks() ?? new Map(),
    recovery: scenario.recovery,
    horizon: scenario.duration,
    instant: (t) => new Date(scenario.start + t).toISOString(),
  });
  // 5. collect
  const restored = restores?.finish(recovery?.billing ?? null) ?? null;
  const result = collectResult({
    scenario,
    seed,
    sim,
    vaults,
    groups: stats,
    sampled,
    ...(diskSnapshots === undefined ? {} : { diskSnapshots }),
    snapshotGroups,
    billing: restored?.billing ?? recovery?.billing ?? null,
    dr: recovery?.dr ?? null,
    objectives: [
      ...judgeObjectives(scenario.objectives, recovery?.dr.incidents ?? [], scenario.vms, schedule),
      ...(restored?.objectives ?? []),
    ],
    guarantees: schedule,
    alerts: monitor === null ? null : alertsResult(monitor.finish(), scenario.start), // monitor (issue 6)
    ...(ops === null ? {} : { operations: ops.finish() }),
    ...(workloads === null ? {} : { workloads: workloads.finish(days) }),
    ...(restored?.restores == null ? {} : { restores: restored.restores }),
  });
  return backupReports === null ? result : { ...result, backupReports }; // diagnostics (issue 19)
}

// Every Azure VM backup by VM id.
function backupsById(byGroup: ReadonlyMap<string, VmBackup[]>): Map<string, VmBackup> {
  const out = new Map<string, VmBackup>();
  for (const items of byGroup.values()) for (const item of items) out.set(item.id, item);
  return out;
}

// Each backed-up VM's worst windows up to the end of its protection (or of the run), read from
// the item protecting it last: its windows carry on from those of the items before (relocate.ts).
function backupExposures(
  byGroup: ReadonlyMap<string, VmBackup[]>,
  horizon: number,
  policies: ReadonlyMap<string, Policy>,
  scenario: Scenario,
  dr: { backupOf(vm: string): VmBackup | null } | null,
): Map<string, BackupExposure> {
  const vaults = new Map(scenario.vaults.map((v) => [v.name, v]));
  const planOf = new Map(scenario.vms.map((vm) => [vm.id, vm.backup]));
  const out = new Map<string, BackupExposure>();
  for (const items of byGroup.values())
    for (const home of items) {
      const plan = planOf.get(home.id);
      if (plan === null || plan === undefined) continue;
      const item = dr?.backupOf(home.id) ?? home;
      const end = Math.min(horizon, item.protectionEnd);
      // A vault point reaches a paired region when the home vault or the one after a failover has CRR.
      const crr = [plan.vault, plan.afterFailover?.vault].some(
        (v) => v !== undefined && vaults.get(v)?.crossRegionRestore === true,
      );
      out.set(home.id, {
        local: item.exposure.localWindow(end),
        vault: item.exposure.vaultWindow(end),
        policy: policies.get(plan.policy)!,
        crossRegionRestore: crr,
      });
    }
  return out;
}

// Each vault's parts for billing by policy: the policies (then MARS groups) of its items, in
// scenario order, and which part each item is in.
function vaultParts(scenario: Scenario): Map<string, { parts: string[]; partOf: (id: string) => number }> {
  const members = new Map<string, Map<string, string>>(scenario.vaults.map((v) => [v.name, new Map()]));
  for (const vm of scenario.vms) {
    if (vm.backup === null) continue;
    members.get(vm.backup.vault)!.set(vm.id, vm.backup.policy);
    const after = vm.backup.afterFailover;
    if (after !== null) members.get(after.vault)!.set(relocatedId(vm.id, after.vault), after.policy);
  }
  for (const server of scenario.servers) members.get(server.vault)!.set(server.id, `mars:${server.group}`);
  const more = USES.workloads(scenario)
    ? SUBSYSTEMS.get('workloads').workloadParts(scenario)
    : { order: [], members: [] };
  for (const [vault, id, part] of more.members) members.get(vault)!.set(id, part);
  const order = [
    ...scenario.policies.map((p) => p.name),
    ...scenario.servers.map((s) => `mars:${s.group}`),
    ...more.order,
  ];
  const out = new Map<string, { parts: string[]; partOf: (id: string) => number }>();
  for (const [vault, items] of members) {
    const used = new Set(items.values());
    const parts = [...new Set(order)].filter((p) => used.has(p));
    const index = new Map(parts.map((p, i) => [p, i]));
    out.set(vault, { parts, partOf: (id) => index.get(items.get(id) ?? '') ?? 0 });
  }
  return out;
}

// An alert action backup:<group> takes an on-demand backup of each VM of the group, kept 30
// days (§1.3: "retained for 30 days" by default when triggered from the portal).
function onDemandOnAlert(monitor: Monitor, byGroup: ReadonlyMap<string, VmBackup[]>): void {
  monitor.subscribe((n) => {
    for (const action of n.actions)
      if (action.startsWith('backup:'))
        for (const item of byGroup.get(action.slice('backup:'.length)) ?? []) item.backupNow(30 * MS.day);
  });
}

function newSamples(
  vaults: Map<string, VaultRuntime>,
  groups: Map<string, { items: ProtectedItem[] }>,
): Sampled {
  return {
    vaults: new Map([...vaults.keys()].map((name) => [name, emptyDaily()])),
    groups: new Map([...groups.keys()].map((name) => [name, { points: [], succeeded: [], failed: [] }])),
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

/** A stretch [from, to) of run time, in ms. */
type Span = { from: number; to: number };

/**
 * An item's protected-instance record: the days it was billed as protected, as disjoint spans in
 * time order (a gap — soft delete, a purge — stays a gap even when the item is protected again
 * later), `from` and `to` their bounds, and its size from each recorded day on.
 */
type Usage = { from: number; to: number; spans: Span[]; used: Series };

/**
 * The close of each day and the end of day k. The close (`closeDay`, the first event at its
 * instant) records each item's protected-instance size for the day that ends then: a day is
 * billed when the item holds protected data at its close, at that size (docs/model.md, Cost).
 * The end of day k then runs, per vault, each item's cleanup (retention, snapshots, archive),
 * the vault's purge and the samples (storage, recovery points). Each item is visited once for
 * all of the end of day: with 10,000 items, one pass that finds an item's data in the
 * processor's cache costs far less than four that do not. Items touch only their own vault's
 * ledger, and the sums are of whole numbers, so this gives what cleaning every vault first and
 * sampling after would.
 */
function dailyRound(
  sim: Simulation,
  vaults: Map<string, VaultRuntime>,
  groups: Map<string, { stats: JobStats; items: ProtectedItem[] }>,
  s: Sampled,
  horizon: number,
  onProgress: ((fraction: number) => void) | undefined,
): {
  closeDay: (dayStart: number, now: number) => void;
  endOfDay: (k: number, now: number) => void;
  finish: () => void;
} {
  const groupNames = [...groups.keys()];
  const groupOf = new Map<ProtectedItem, number>();
  groupNames.forEach((name, g) => {
    for (const item of groups.get(name)!.items) groupOf.set(item, g);
  });
  const groupIndex = (item: ProtectedItem): number => {
    const g = groupNames.findIndex((name) => groups.get(name)!.items.includes(item));
    if (g >= 0) groupOf.set(item, g);
    return g;
  };
  const rounds = [...vaults].map(([name, v]) => ({
    v,
    daily: s.vaults.get(name)!,
    groups: v.items.map((item) => groupOf.get(item) ?? -1),
    // Each item's entry of s.protectedSize, once it has one.
    usages: [] as (Usage | undefined)[],
    sizes: new SizeMemo(),
  }));
  const groupPoints = groupNames.map((name) => s.groups.get(name)!.points);
  // Cumulative job outcomes per group at each day's end; collect turns them into per-day counts.
  const groupJobs = groupNames.map((name) => ({
    stats: groups.get(name)!.stats,
    sampled: s.groups.get(name)!,
  }));
  // One item's points, added to its vault's sum and its group's (one visit instead of two).
  const one = zeroPoints();
  // Which round's SizeMemo made each protected-size usage (recordProtectedSize).
  const owners = new Map<Usage, { sizes: SizeMemo; i: number }>();
  // The day [dayStart, now) closes: each item holding protected data now is billed for it.
  const closeDay = (dayStart: number, now: number): void => {
    for (const { v, usages, sizes } of rounds) {
      const items = v.items;
      for (let i = 0; i < items.length; i++) {
        const size = items[i].protectedSize(now);
        // The usual day: the size this round last recorded, the day after the last, in a series only this round writes.
        if (size !== null && !sizes.unchanged(i, size, dayStart, now))
          recordProtectedSize(s, usages, sizes, owners, i, items[i], size, dayStart, now);
      }
    }
  };
  const endOfDay = (k: number, now: number): void => {
    const groupSums = groupNames.map(zeroPoints);
    for (const round of rounds) {
      const { v, daily: d } = round;
      const sum = zeroPoints();
      const items = v.items;
      // Items started during the run (a VM's backup relocated after a failover) join their policy's group.
      if (round.groups.length < items.length)
        round.groups = items.map((item) => groupOf.get(item) ?? groupIndex(item));
      const itemGroups = round.groups;
      for (let i = 0; i < items.length; i++) {
        const item = items[i];
        item.cleanup(now);
        const g = itemGroups[i];
        if (g < 0) item.addPointsTo(sum);
        else {
          clearPoints(one);
          item.addPointsTo(one);
          addPoints(sum, one);
          addPoints(groupSums[g], one);
        }
      }
      // Purges have their own events at their purge time (onSoftDelete, above); one due at a
      // round's instant (midnight, or the run's end) is purged here, as the round runs first.
      v.ledger.purgeDue(now);
      // Retention, archive moves and purges happen inside this event: the fingerprint
      // must still see them, so the day's stored bytes and points are folded in.
      sim.note('run/standard', v.ledger.total('standard'));
      sim.note('run/archive', v.ledger.total('archive'));
      sim.note('run/points', sum.vault);
      d.day.push(k);
      d.snapshot.push(v.ledger.total('snapshot'));
      d.standard.push(v.ledger.total('standard'));
      d.archive.push(v.ledger.total('archive'));
      d.softDeleted.push(v.ledger.total('softDeleted'));
      d.snapshotPoints.push(sum.snapshot);
      d.vaultPoints.push(sum.vault);
      d.archivePoints.push(sum.archive);
      d.points.push(sum);
    }
    for (let g = 0; g < groupPoints.length; g++) groupPoints[g].push(groupSums[g]);
    for (const { stats, sampled } of groupJobs) {
      sampled.succeeded.push(stats.succeeded);
      sampled.failed.push(stats.failed);
    }
    onProgress?.(horizon > 0 ? Math.min(1, now / horizon) : 1);
  };
  // Writes back what SizeMemo kept in its arrays: each usage's last protected day.
  const finish = (): void => {
    for (const { usages, sizes } of rounds) sizes.flush(usages);
  };
  return { closeDay, endOfDay, finish };
}

// Adds the counts of `b` into `a`.
function addPoints(a: PointCounts, b: PointCounts): void {
  a.snapshot += b.snapshot;
  a.vault += b.vault;
  a.archive += b.archive;
  a.daily += b.daily;
  a.weekly += b.weekly;
  a.monthly += b.monthly;
  a.yearly += b.yearly;
  a.onDemand += b.onDemand;
}

// Sets every count of `a` to 0.
function clearPoints(a: PointCounts): void {
  a.snapshot = a.vault = a.archive = a.daily = a.weekly = a.monthly = a.yearly = a.onDemand = 0;
}

/**
 * A vault round's memory of each item's protected size (by the item's index), in typed arrays:
 * on the usual day an item's size is the one last recorded and its last span ends where the day
 * starts, and the close then only notes the day's end there instead of touching the item's
 * usage and series (at 10,000 items each is a cache miss). Only for usages this round made (an
 * id another round also records takes the full path every day); flush writes the last spans'
 * ends into the usages before the results are read.
 */
class SizeMemo {
  private size = new Float64Array(0);
  private to = new Float64Array(0);
  private mine = new Uint8Array(0);

  // Whether item i's size is the one this round last recorded, on the day after its last: if so, the day is noted.
  unchanged(i: number, size: number, dayStart: number, now: number): boolean {
    if (i >= this.mine.length || this.mine[i] === 0 || this.size[i] !== size || this.to[i] !== dayStart)
      return false;
    this.to[i] = now;
    return true;
  }

  // Item i's size as recorded now, in a usage this round made (`mine`) or not.
  recorded(i: number, size: number, now: number, mine: boolean): void {
    if (i >= this.mine.length) this.grow(i + 1);
    this.mine[i] = mine ? 1 : 0;
    this.size[i] = size;
    this.to[i] = now;
  }

  // Writes item i's last day back into its usage, when this round kept it in the memo.
  writeBack(i: number, usage: Usage): void {
    if (i < this.mine.length && this.mine[i] === 1) endLastSpan(usage, this.to[i]);
  }

  // Item i's usage is shared with another round from now on: its last day goes back into it.
  release(i: number, usage: Usage): void {
    this.writeBack(i, usage);
    if (i < this.mine.length) this.mine[i] = 0;
  }

  flush(usages: readonly (Usage | undefined)[]): void {
    for (let i = 0; i < this.mine.length; i++) {
      const usage = usages[i];
      if (usage !== undefined) this.writeBack(i, usage);
    }
  }

  private grow(n: number): void {
    const length = Math.max(n, 2 * this.mine.length, 16);
    const size = new Float64Array(length);
    const to = new Float64Array(length);
    const mine = new Uint8Array(length);
    size.set(this.size);
    to.set(this.to);
    mine.set(this.mine);
    this.size = size;
    this.to = to;
    this.mine = mine;
  }
}

// Moves the end of a usage's last span (and of the usage) to `to`.
function endLastSpan(usage: Usage, to: number): void {
  usage.spans[usage.spans.length - 1].to = to;
  usage.to = to;
}

// An item's size for protected-instance billing over the day [dayStart, now) that closes now:
// the day joins the item's last span when it follows it, else it opens a new one (the days
// between are not billed). The step series gets a sample only when the size changes: pricing
// reads it with valueAt and min, which a repeated value does not change, and 10,000 items × 365
// samples would not be small.
function recordProtectedSize(
  s: Sampled,
  usages: (Usage | undefined)[],
  sizes: SizeMemo,
  owners: Map<Usage, { sizes: SizeMemo; i: number }>,
  i: number,
  item: ProtectedItem,
  size: number,
  dayStart: number,
  now: number,
): void {
  let usage = usages[i];
  if (usage === undefined) {
    usage = s.protectedSize.get(item.id);
    if (usage === undefined) {
      const used = new Series(`${item.id}/protected`, { kind: 'step' });
      usage = { from: dayStart, to: now, spans: [], used };
      s.protectedSize.set(item.id, usage);
      owners.set(usage, { sizes, i });
    } else {
      // Another round's item has this id: from now on neither round keeps the size in its memo.
      const owner = owners.get(usage);
      owner?.sizes.release(owner.i, usage);
      owners.delete(usage);
    }
    usages[i] = usage;
  } else sizes.writeBack(i, usage);
  const spans = usage.spans;
  const last = spans[spans.length - 1];
  // Two rounds recording one id close the same day: the second finds it already in the span.
  if (last !== undefined && last.to >= dayStart) endLastSpan(usage, Math.max(last.to, now));
  else {
    spans.push({ from: dayStart, to: now });
    usage.to = now;
  }
  const used = usage.used;
  if (used.count === 0 || used.last() !== size) used.record(dayStart, size);
  sizes.recorded(i, size, usage.to, owners.get(usage)?.sizes === sizes);
}
