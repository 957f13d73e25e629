// Site Recovery recovery points, computed on demand from a stream's covered instant: no event
// per point and no stored list. A point at p exists once everything written up to p has been
// uploaded; which of the existing points are still kept follows §5.1's pruning table.
//
/* Assumptions (copy to docs/model.md):
 * P1. Crash-consistent points lie on a 5-minute grid aligned to simulation time 0 (§5.1: every
 *     5 minutes, not configurable); app-consistent points on a grid of `appConsistentEvery`,
 *     also aligned to 0. A point on both grids is one point, of kind 'app'.
 * P2. A point at p is generated only once the initial replication has finished (p ≥ the instant
 *     it finished: §5.1, the first recovery point is the complete copy) and only while the source
 *     is up at p; it becomes usable once coveredAt ≥ p (its data is all uploaded).
 * P3. Pruning is relative to the latest point, not to the clock (§5.1: old points are kept if no
 *     new ones are generated). Within 2 h of the latest point every point is kept; beyond, up to
 *     the retention: retention ≤ 1 d keeps one per hour, ≤ 7 d one per two hours, > 7 d one per
 *     two hours for 7 days and one per four hours after. Retention 0 keeps only the latest point.
 *     Retentions between the table's whole days take the next row (36 h prunes like 2–7 d).
 * P4. The point kept in an hour / 2 h / 4 h bucket is the bucket's first point of that kind (on
 *     the bucket boundary, unless the source was down there). Buckets are aligned to time 0.
 *     App-consistent points are pruned the same way among themselves (§5.1).
 * P5. "Processed" (§5.4 Latest processed) means the point's data was uploaded at least
 *     `processingDelay` before: p ≤ coveredAt(t − processingDelay). "Latest" takes the latest
 *     covered point; the caller adds the extra processing time (§5.4: 8–10 min) to the RTO.
 */

import { MS } from '../../engine/units.js';
import type { Window } from './profile.js';

/** §5.1: crash-consistent recovery points every 5 minutes ("This setting can't be modified"). */
export const CRASH_POINT_EVERY = 5 * MS.minute;
/** §5.1: every point within the last two hours (before the latest point) is kept. */
export const KEEP_ALL_WITHIN = 2 * MS.hour;
/** §5.1: maximum recovery-point retention with managed disks, 15 days. */
export const MAX_RETENTION = 15 * MS.day;
/** §5.1: a replication group holds up to 16 VMs. */
export const MAX_GROUP_SIZE = 16;

/** A VM's recovery-point settings (§5.1 replication policy). */
export interface PointPolicy {
  /** Recovery-point retention, ms, 0 … 15 days. */
  retention: number;
  /** App-consistent snapshot interval, ms, or null when disabled. */
  appConsistentEvery: number | null;
  /** How long before the failover a point's data must have been uploaded to count as processed, ms. */
  processingDelay: number;
}

/** Which recovery point a failover uses (§5.4). */
export type PointChoice = 'latest' | 'latestProcessed' | 'latestAppConsistent';

/** One recovery point. */
export interface AsrPoint {
  at: number;
  kind: 'crash' | 'app';
}

/** What points are computed from: a replication stream, or a group of them (groupSource). */
export interface PointSource {
  /** The latest instant whose data is all uploaded by t, or null (see ReplicationStream.coveredAt). */
  coveredAt(t: number): number | null;
  /** When the initial replication finished, if it had by t. */
  initialDoneAt(t: number): number | null;
  /** The source's down window holding p, or null when it was up at p. */
  downAt(p: number): Window | null;
}

/** The points kept and the reference they are pruned against, at one instant. */
interface Frame {
  src: PointSource;
  policy: PointPolicy;
  /** The first instant a point may have (initial replication done). */
  first: number;
  /** The latest existing point: pruning is relative to it (P3). */
  latest: number;
}

/** The grid steps of a policy: crash points, and app points when enabled. */
function grids(policy: PointPolicy): number[] {
  return policy.appConsistentEvery === null
    ? [CRASH_POINT_EVERY]
    : [CRASH_POINT_EVERY, policy.appConsistentEvery];
}

/** The latest grid point ≤ y, ≥ first, at which the source was up (P2), or null. */
function latestOn(src: PointSource, every: number, y: number, first: number): number | null {
  let p = Math.floor(y / every) * every;
  while (p >= first) {
    const down = src.downAt(p);
    if (down === null) return p;
    p = Math.ceil(down.from / every) * every - every;
  }
  return null;
}

/** The first grid point ≥ x, ≥ first, at which the source was up. */
function firstOn(src: PointSource, every: number, x: number, first: number): number {
  let p = Math.ceil(Math.max(x, first) / every) * every;
  for (let down = src.downAt(p); down !== null; down = src.downAt(p)) p = Math.ceil(down.to / every) * every;
  return p;
}

/** The pruning bucket width for a point `age` ms older than the latest point (P3). */
function bucketWidth(retention: number, age: number): number {
  if (retention <= MS.day) return MS.hour;
  if (retention <= 7 * MS.day) return 2 * MS.hour;
  return age <= 7 * MS.day ? 2 * MS.hour : 4 * MS.hour;
}

/** Whether the existing point p of the grid `every` is still kept (P3, P4). */
function retained(f: Frame, every: number, p: number): boolean {
  const { retention } = f.policy;
  const age = f.latest - p;
  if (age < 0) return false;
  if (retention === 0) return age === 0;
  if (age > retention) return false;
  if (age <= KEEP_ALL_WITHIN) return true;
  const w = bucketWidth(retention, age);
  return firstOn(f.src, every, Math.floor(p / w) * w, f.first) === p;
}

/** The latest kept point of grid `every` at or before `limit`, or null. */
function latestKept(f: Frame, every: number, limit: number): number | null {
  let p = latestOn(f.src, every, limit, f.first);
  while (p !== null && f.latest - p <= f.policy.retention) {
    if (retained(f, every, p)) return p;
    // Not kept: the only candidates left in its bucket are the bucket's first point, then earlier buckets.
    const w = bucketWidth(f.policy.retention, f.latest - p);
    const start = Math.floor(p / w) * w;
    const q = firstOn(f.src, every, start, f.first);
    p = q < p ? q : latestOn(f.src, every, start - 1, f.first);
  }
  return null;
}

/** The kind of a point at p (P1: a point on both grids is app-consistent). */
function kindAt(policy: PointPolicy, p: number): AsrPoint['kind'] {
  return policy.appConsistentEvery !== null && p % policy.appConsistentEvery === 0 ? 'app' : 'crash';
}

/** Throws a RangeError when a policy is out of range. */
function checkPolicy(policy: PointPolicy): void {
  const { retention, appConsistentEvery: app, processingDelay } = policy;
  const bad: string[] = [];
  if (!(retention >= 0 && retention <= MAX_RETENTION))
    bad.push(`retention must be in 0…15 days, got ${retention} ms`);
  if (app !== null && !(Number.isInteger(app) && app > 0))
    bad.push(`appConsistentEvery must be > 0 ms, got ${app}`);
  if (!(processingDelay >= 0 && Number.isFinite(processingDelay))) {
    bad.push(`processingDelay must be a finite number >= 0, got ${processingDelay}`);
  }
  if (bad.length > 0) throw new RangeError(`recovery points: ${bad.join('; ')}`);
}

/** The frame at t (latest existing point), or null while no point exists. */
function frameAt(src: PointSource, policy: PointPolicy, t: number): Frame | null {
  checkPolicy(policy);
  const covered = src.coveredAt(t);
  const first = src.initialDoneAt(t);
  if (covered === null || first === null) return null;
  let latest: number | null = null;
  for (const every of grids(policy)) {
    const p = latestOn(src, every, covered, first);
    if (p !== null && (latest === null || p > latest)) latest = p;
  }
  return latest === null ? null : { src, policy, first, latest };
}

/**
 * The recovery point a failover at t would use, or null when none is available: the latest kept
 * point of the chosen kind whose data was uploaded (by t, or by t − processingDelay for
 * 'latestProcessed') and, when `notAfter` is given, at or before it (ransomware: data written
 * after notAfter is bad, so the point must predate it and still be kept at t).
 */
export function choosePoint(
  src: PointSource,
  policy: PointPolicy,
  t: number,
  choice: PointChoice,
  notAfter?: number,
): AsrPoint | null {
  const f = frameAt(src, policy, t);
  if (f === null) return null;
  let limit: number | null = f.latest;
  if (choice === 'latestProcessed') {
    const back = t - policy.processingDelay;
    limit = back < 0 ? null : src.coveredAt(back);
  }
  if (limit === null) return null;
  if (notAfter !== undefined) limit = Math.min(limit, notAfter);
  const use = choice === 'latestAppConsistent' ? grids(policy).slice(1) : grids(policy);
  let best: number | null = null;
  for (const every of use) {
    const p = latestKept(f, every, limit);
    if (p !== null && (best === null || p > best)) best = p;
  }
  return best === null ? null : { at: best, kind: kindAt(policy, best) };
}

/** Every point kept at t, oldest first (for reports and tests; at most a few hundred, §5.1). */
export function keptPoints(src: PointSource, policy: PointPolicy, t: number): AsrPoint[] {
  const f = frameAt(src, policy, t);
  if (f === null) return [];
  const out = new Set<number>();
  for (const every of grids(policy)) {
    for (let p = latestKept(f, every, f.latest); p !== null; p = latestKept(f, every, p - 1)) out.add(p);
  }
  return [...out].sort((a, b) => a - b).map((at) => ({ at, kind: kindAt(policy, at) }));
}

/**
 * A replication group (§5.1 multi-VM consistency, up to 16 VMs) as one point source: its
 * points are the members' common ones, so its covered instant is the members' minimum, its
 * initial replication ends with the last member's, and it is down whenever a member is.
 * choosePoint on it gives the latest multi-VM point (§5.4 Latest multi-VM processed / app-consistent).
 */
export function groupSource(members: readonly PointSource[]): PointSource {
  if (members.length === 0 || members.length > MAX_GROUP_SIZE) {
    throw new RangeError(
      `replication group: needs 1…${MAX_GROUP_SIZE} members (§5.1), got ${members.length}`,
    );
  }
  const fold = (values: (number | null)[], pick: (a: number, b: number) => number) =>
    values.some((v) => v === null) ? null : (values as number[]).reduce((a, b) => pick(a, b));
  return {
    coveredAt: (t) =>
      fold(
        members.map((m) => m.coveredAt(t)),
        Math.min,
      ),
    initialDoneAt: (t) =>
      fold(
        members.map((m) => m.initialDoneAt(t)),
        Math.max,
      ),
    downAt: (p) => {
      for (const m of members) {
        const w = m.downAt(p);
        if (w !== null) return w;
      }
      return null;
    },
  };
}

/** The latest point common to every member of a replication group at t (§5.1), or null. */
export function latestCommonPoint(
  members: readonly PointSource[],
  policy: PointPolicy,
  t: number,
  choice: PointChoice = 'latest',
): AsrPoint | null {
  return choosePoint(groupSource(members), policy, t, choice);
}
