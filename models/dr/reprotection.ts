// What protects a VM again once it is back (issue 15): its Site Recovery replication resumes —
// after a failover, reversed, once the §5.7 reprotect is done (docs/reference.md §5.4, §5.7);
// after a restart in place, at once, in sync; after a restore (in place or Cross Region
// Restore), re-enabled with a full initial replication — and its backup follows it to a vault
// in the region it now runs in (`backup.afterFailover`), else it is unprotected by backup there.
// Pure functions: disaster-recovery.ts applies them when the VM is back.

import { MS } from '../../engine/units.js';
import { failbackDuration, reprotectDuration } from '../replication/reprotect.js';
import type { RecoveryPath } from '../results/types.js';
import type { Vm } from '../scenario/types.js';

/** §5.1: crash-consistent recovery points every 5 minutes. */
const CRASH_POINT_EVERY = 5 * MS.minute;

/** Where a VM's replication goes next and from when (sim ms), and why. */
export interface NextReplication {
  /** The region a failover would now bring it up in. */
  to: string;
  /** When the replication's two sides are in sync (its first point follows). */
  start: number;
  why: 'reprotect' | 'resume' | 'enable';
}

/** What nextReplication reads of a recovered VM. */
export interface Recovered {
  vm: Vm;
  path: RecoveryPath;
  /** The region it ran in before the fault, and the one it runs in now. */
  from: string;
  region: string;
  recoveredAt: number;
  /** The §5.7 reprotect's end, after a failover (reprotectTiming). */
  reprotectedAt: number | null;
  /** Upload rate of its replication, bytes/s (the initial replication of a re-enable). */
  upload: number;
}

/**
 * The replication a recovered VM gets (null: none, as it is not replicated or not back). It
 * goes back home from anywhere else, and from home to its `replicate.to`. Assumptions: a
 * restart in place resumes in sync (its disks are the ones replicated); a restored VM's
 * disks are new, so replication is enabled again with a full initial replication of its used
 * bytes at the upload rate.
 */
export function nextReplication(r: Recovered): NextReplication | null {
  const plan = r.vm.replicate;
  if (plan === null || r.path === 'unrecovered') return null;
  const to = r.region === r.vm.region ? plan.to : r.vm.region;
  if (r.path === 'failover')
    return r.reprotectedAt === null ? null : { to: r.from, start: r.reprotectedAt, why: 'reprotect' };
  if (r.path === 'restart-in-place') return { to, start: r.recoveredAt, why: 'resume' };
  const used = r.vm.disks.reduce((s, d) => s + d.used, 0);
  return { to, start: r.recoveredAt + Math.ceil((used / r.upload) * 1000), why: 'enable' };
}

/** A failover's §5.7 reprotect and §5.4 failback: durations (ms) and when the reprotect ends. */
export interface ReprotectTiming {
  reprotect: number;
  failback: number;
  /** The source region is back and the reprotect done (sim ms). */
  endsAt: number;
}

/**
 * §5.7 reprotect once the source region is back at `sourceBack` (the changes made since the
 * failover go back; a lost source VM means a full initial replication), and §5.4 failback ≈
 * the failover's work.
 */
export function reprotectTiming(input: {
  vm: Vm;
  upload: number;
  diskThroughput: number;
  recoveredAt: number;
  sourceBack: number;
  sourceAvailable: boolean;
  failoverWork: number;
  written: (from: number, to: number) => number;
}): ReprotectTiming {
  const used = input.vm.disks.reduce((s, d) => s + d.used, 0);
  const phases = reprotectDuration({
    initialReplication: (used / input.upload) * 1000,
    differentialBytes: input.written(input.recoveredAt, input.sourceBack),
    diskThroughput: input.diskThroughput,
    sourceAvailable: input.sourceAvailable,
  });
  return {
    reprotect: phases.total,
    failback: failbackDuration(input.failoverWork),
    endsAt: input.sourceBack + Math.ceil(phases.total),
  };
}

/**
 * When the first point of a replication in sync from `start` is usable by a failover: the next
 * 5-minute grid point (§5.1, aligned to time 0) once processed (§5.2).
 */
export function firstPointUsable(start: number, processing: number): number {
  return Math.ceil(start / CRASH_POINT_EVERY) * CRASH_POINT_EVERY + processing;
}
