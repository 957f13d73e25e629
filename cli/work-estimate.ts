// What a simulation will cost, estimated from the scenario before it runs (issue 21), so a
// run that would take days or more memory than the process has is refused up front
// instead of failing after hours. Pure arithmetic over the normalised scenarios.
//
// Work counts the model's events: about one per protected item and simulated day (churn,
// storage and billing steps) and one per backup job, snapshot or replication point
// (assumption, calibrated on this machine: the fleet bench's 10,000 VMs × 365 days
// estimate 7,300,000 against 7,242,216 events processed; docs/performance.md).
//
// Memory is fitted to peak RSS measured on runs of 1,000–10,000 VMs, 365–3,650 days,
// daily and every-4-hours policies, 30 to 9,000 daily points (assumption, rounded up):
// 120 MiB for Node and vaultsim, 32 KiB per item, 32 bytes per item-day, 32 bytes per
// job, 256 bytes per recovery point kept at peak. The fleet bench estimates 797 MiB
// (measured 676 MiB peak RSS).

import type { Policy, Retention, Scenario } from '../models/scenario/types.js';

const DAY = 86_400_000;
const MiB = 2 ** 20;

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
  /** Estimated events: itemDays + jobs. */
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
      const perDay = jobsPerDay(policy);
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
    const perDay = (server.schedule.times.length * server.schedule.days.length) / 7;
    jobs += days * perDay;
    peakPoints += keptPoints(server.retention, days);
  }
  const items = s.vms.length + s.servers.length;
  const itemDays = items * days;
  const m = MEMORY_MODEL;
  return {
    items,
    itemDays,
    jobs,
    peakPoints,
    work: itemDays + jobs,
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

// Scheduled backups a day: daily and weekly policies once on their days, hourly ones every
// `every` within their window on their days.
function jobsPerDay(p: Policy): number {
  const onDays = p.schedule.days.length / 7;
  if (p.schedule.frequency !== 'hourly' || p.schedule.every === null) return onDays;
  return Math.max(1, Math.floor(p.schedule.window / p.schedule.every)) * onDays;
}

// Vault points kept at once by a GFS retention over `days` (one point a day reaches the
// vault, reference/azure.md §1.1): each tier keeps at most its count, and at most what was
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
