// What a simulation will cost, estimated from the scenario before it runs (issue 21), so a
// run that would take days or more memory than the process has is refused up front
// instead of failing after hours. Pure arithmetic over the normalised scenarios.
//
// Work counts the model's events: about one per protected item and simulated day (churn,
// storage and billing steps) and one per backup job, snapshot or replication point
// (assumption, calibrated on this machine: the fleet bench's 10,000 VMs × 365 days
// estimate 7,300,000 against 7,242,216 events processed; docs/reports.md, "Output files and the work budget"), plus
// RUN_OVERHEAD per run for building the world and its results, which dominates a sweep of
// a small scenario.
//
// Memory is fitted to peak RSS measured on runs of 1,000–10,000 VMs, 365–3,650 days,
// daily and every-4-hours policies, 30 to 9,000 daily points (assumption, rounded up):
// 120 MiB for Node and vaultsim, 32 KiB per item, 32 bytes per item-day, 32 bytes per
// job, 256 bytes per recovery point kept at peak. The fleet bench estimates 799 MiB
// (measured 676 MiB peak RSS).

import { MS } from '../engine/units.js';
import type { Retention, Scenario, Schedule } from '../models/scenario/types.js';
import type { Workloads } from '../models/scenario/workloads.js';

const DAY = MS.day;
const MiB = 2 ** 20;

/**
 * Work units a run costs whatever its size (assumption, measured: a 2-VM, 10-day run of a
 * sweep takes about 6 ms of CPU, what ~1,000 events take in the fleet bench).
 */
export const RUN_OVERHEAD = 1000;

/** The memory model's coefficients (bytes), measured as the header says (assumptions). */
export const MEMORY_MODEL = {
  base: 120 * MiB,
  perItem: 32 * 1024,
  perItemDay: 32,
  perJob: 32,
  perPoint: 256,
} as const;

/** What one run (one scenario, one seed) is estimated to cost. */
export interface RunEstimate {
  /** Protected items: VMs and MARS servers. */
  items: number;
  /** Items × simulated days. */
  itemDays: number;
  /** Backup jobs, disk snapshots and app-consistent replication points over the run. */
  jobs: number;
  /** Recovery points (vault, snapshot, disk snapshot) kept at once at the peak, summed over items. */
  peakPoints: number;
  /** Estimated events: itemDays + jobs + RUN_OVERHEAD. */
  work: number;
  /** Estimated peak memory of the process running it, bytes. */
  memory: number;
}

/** What a command (run, compare, sweep) is estimated to cost in all. */
export interface WorkEstimate {
  /** Runs simulated: scenarios × replications. */
  runs: number;
  /** Summed over every run. */
  itemDays: number;
  jobs: number;
  /** The largest run's. */
  peakPoints: number;
  work: number;
  /** Peak memory of one thread (the largest run's). */
  memoryPerThread: number;
  /** Peak memory of the process: threads each holding their largest run at once. */
  memory: number;
}

/** Estimates one run of `s`. */
export function estimateRun(s: Scenario): RunEstimate {
  const days = s.duration / DAY;
  const policies = new Map(s.policies.map((p) => [p.name, p]));
  let jobs = 0;
  let peakPoints = 0;
  for (const vm of s.vms) {
    const policy = vm.backup === null ? undefined : policies.get(vm.backup.policy);
    if (vm.backup !== null && policy !== undefined) {
      const end = vm.backup.stop?.at ?? s.duration;
      const active = Math.max(0, end - vm.backup.from) / DAY;
      const perDay = jobsPerDay(policy.schedule);
      jobs += active * perDay + vm.backup.onDemand.length;
      const snapshots = Math.min(active * perDay, perDay * Math.ceil(policy.instantRestore / DAY) + 1);
      peakPoints += snapshots + keptPoints(policy.retention, active) + vm.backup.onDemand.length;
    }
    if (vm.snapshots !== null) {
      jobs += days * (DAY / vm.snapshots.every) * vm.disks.length;
      peakPoints += vm.snapshots.keep * vm.disks.length;
    }
    if (vm.replicate?.appConsistentEvery != null) jobs += days * (DAY / vm.replicate.appConsistentEvery);
  }
  for (const server of s.servers) {
    const perDay = server.schedule.times.length * onDays(server.schedule.days);
    jobs += days * perDay;
    peakPoints += keptPoints(server.retention, days);
  }
  const other = workloadEstimate(s.workloads, days);
  jobs += other.jobs;
  peakPoints += other.peakPoints;
  const items = s.vms.length + s.servers.length + other.items;
  const itemDays = items * days;
  const m = MEMORY_MODEL;
  return {
    items,
    itemDays,
    jobs,
    peakPoints,
    work: itemDays + jobs + RUN_OVERHEAD,
    memory: m.base + items * m.perItem + itemDays * m.perItemDay + jobs * m.perJob + peakPoints * m.perPoint,
  };
}

/**
 * Estimates `replications` replications of every scenario (the selected runs), on
 * `threads` threads at once (1 for `run`, which keeps only small results between runs).
 */
export function estimateWork(scenarios: readonly Scenario[], replications = 1, threads = 1): WorkEstimate {
  const runs = scenarios.map(estimateRun);
  const sum = (pick: (r: RunEstimate) => number) => runs.reduce((t, r) => t + pick(r), 0) * replications;
  const memoryPerThread = Math.max(...runs.map((r) => r.memory));
  const parallel = Math.max(1, Math.min(threads, replications * runs.length));
  return {
    runs: runs.length * replications,
    itemDays: sum((r) => r.itemDays),
    jobs: sum((r) => r.jobs),
    peakPoints: Math.max(...runs.map((r) => r.peakPoints)),
    work: sum((r) => r.work),
    memoryPerThread,
    // Each thread holds its own run; Node and vaultsim's code are counted once per thread too.
    memory: memoryPerThread * parallel,
  };
}

// The share of days a weekday list runs on (an empty list: every day).
const onDays = (days: readonly number[]) => (days.length === 0 ? 1 : days.length / 7);

// Scheduled backups a day: daily and weekly schedules once on their days, hourly ones every
// `every` within their window.
function jobsPerDay(s: Schedule): number {
  if (s.frequency !== 'hourly' || s.every === null) return onDays(s.days);
  return Math.max(1, Math.floor(s.window / s.every)) * onDays(s.days);
}

// SQL databases (a full a day, and a log backup every `log.every`), file shares (as VMs) and
// MABS/DPM machines (a disk sync every `sync`, online backups at their times), issue 17.
function workloadEstimate(
  w: Workloads | undefined,
  days: number,
): { items: number; jobs: number; peakPoints: number } {
  let items = 0;
  let jobs = 0;
  let peakPoints = 0;
  if (w === undefined) return { items, jobs, peakPoints };
  const sql = new Map(w.sqlPolicies.map((p) => [p.name, p]));
  for (const db of w.sqlDatabases) {
    const p = sql.get(db.policy);
    items++;
    if (p === undefined) continue;
    const logs = p.log === null ? 0 : DAY / p.log.every;
    jobs += days * (jobsPerDay(p.full) + logs);
    peakPoints += keptPoints(p.retention, days) + (p.log === null ? 0 : p.log.retention / p.log.every);
  }
  const shares = new Map(w.fileSharePolicies.map((p) => [p.name, p]));
  for (const share of w.fileShares) {
    const p = shares.get(share.policy);
    items++;
    if (p === undefined) continue;
    jobs += days * jobsPerDay(p.schedule);
    peakPoints += keptPoints(p.retention, days) + (p.snapshotRetention ?? 0) / DAY;
  }
  for (const server of w.backupServers)
    for (const g of server.protectionGroups) {
      items += g.machines;
      jobs += g.machines * days * (DAY / g.disk.sync + g.online.times.length);
      peakPoints += g.machines * (g.disk.retention / g.disk.sync + keptPoints(g.online.retention, days));
    }
  return { items, jobs, peakPoints };
}

// Vault points kept at once by a GFS retention over `days` (one point a day reaches the
// vault, docs/reference.md §1.1): each tier keeps at most its count, and at most what was
// made; a point kept by two tiers is counted twice (an over-estimate, which is safe here).
function keptPoints(r: Retention, days: number): number {
  const made = (every: number) => Math.floor(days / every) + 1;
  return (
    Math.min(r.daily ?? 0, Math.ceil(days)) +
    Math.min(r.weekly?.count ?? 0, made(7)) +
    Math.min(r.monthly?.count ?? 0, made(28)) +
    Math.min(r.yearly?.count ?? 0, made(365))
  );
}
