// One workload job group during a run (a SQL policy, a file-share policy, a group of MABS/DPM
// servers): job attempts by type and cause, the gaps between recovery points, and each day's
// points and bytes by type, which its items add at the daily round (their cleanup).

import { MS } from '../../engine/units.js';
import type { FailureCause, JobStats } from '../backup/stats.js';
import {
  type ByType,
  type ByTypeSeries,
  type PointType,
  type TypeJobs,
  WORKLOAD_JOBS,
  WORKLOAD_TYPES,
  type WorkloadGroupResult,
  type WorkloadKind,
} from '../results/workloads.js';
import { WeightedSample } from './weighted.js';

interface Counter {
  succeeded: number;
  failed: number;
  causes: Map<string, number>;
}

/** Accumulates a workload group's figures as its items report them. */
export class WorkloadGroup {
  /** The types of the group's workload, in report order. */
  readonly types: readonly PointType[];
  /** Protected items (databases, shares, machines), counted as they are made. */
  items = 0;
  /**
   * Gaps between an item's consecutive recovery points (ms), by data instant: SQL's points (the
   * logs in the full model), the shares' snapshots, the DPM machines' disk points; shares and
   * machines add the window still open at the end of the run (their closeGaps).
   */
  readonly rpo = new WeightedSample();
  /** The same over the DPM machines' online points (vault), data instant to data instant. */
  readonly onlineRpo = new WeightedSample();
  /** The run's job statistics of the group (jobs[] in the results): every attempt counts there too. */
  readonly stats: JobStats;
  private readonly counters = new Map<PointType, Counter>();
  private readonly points: number[][];
  private readonly bytes: number[][];
  private rowAt = Number.NaN;

  constructor(
    readonly kind: WorkloadKind,
    /** `sql:<policy>`, `files:<policy>` or `dpm:<server group>`. */
    readonly name: string,
    stats: JobStats,
  ) {
    this.stats = stats;
    this.types = WORKLOAD_TYPES[kind];
    this.points = this.types.map(() => []);
    this.bytes = this.types.map(() => []);
    for (const t of WORKLOAD_JOBS[kind]) this.counters.set(t, { succeeded: 0, failed: 0, causes: new Map() });
  }

  /** Records `count` attempts of a type that succeeded (also in the run's job statistics). */
  succeeded(type: PointType, count = 1): void {
    this.counter(type).succeeded += count;
    this.stats.scheduled += count;
    this.stats.attempts += count;
    this.stats.succeeded += count;
  }

  /** Records `count` attempts of a type that failed with `cause` (also in the run's job statistics). */
  failed(type: PointType, cause: FailureCause, count = 1): void {
    const c = this.counter(type);
    c.failed += count;
    c.causes.set(cause, (c.causes.get(cause) ?? 0) + count);
    this.stats.scheduled += count;
    this.stats.attempts += count;
    for (let i = 0; i < count; i++) this.stats.fail(cause);
  }

  /** Adds an item's end-of-day points and bytes of a type, at the daily round's instant `now`. */
  addDay(now: number, type: PointType, points: number, bytes: number): void {
    if (now !== this.rowAt) {
      this.rowAt = now;
      for (let k = 0; k < this.types.length; k++) {
        this.points[k].push(0);
        this.bytes[k].push(0);
      }
    }
    const k = this.types.indexOf(type);
    const last = this.points[k].length - 1;
    this.points[k][last] += points;
    this.bytes[k][last] += bytes;
  }

  /** The group's result; `days` is the run's count of daily rounds. */
  result(days: number): WorkloadGroupResult {
    const end: ByType = {};
    const peak: ByType = {};
    const endBytes: ByType = {};
    const peakBytes: ByType = {};
    const points: ByTypeSeries = {};
    const bytes: ByTypeSeries = {};
    const jobs: Partial<Record<PointType, TypeJobs>> = {};
    this.types.forEach((t, k) => {
      const p = pad(this.points[k], days);
      const b = pad(this.bytes[k], days);
      points[t] = p;
      bytes[t] = b;
      end[t] = p.at(-1) ?? 0;
      peak[t] = Math.max(0, ...p);
      endBytes[t] = b.at(-1) ?? 0;
      peakBytes[t] = Math.max(0, ...b);
    });
    for (const t of WORKLOAD_JOBS[this.kind]) {
      const c = this.counter(t);
      jobs[t] = {
        succeeded: c.succeeded,
        failed: c.failed,
        failedByCause: Object.fromEntries([...c.causes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      };
    }
    return {
      workload: this.kind,
      group: this.name,
      items: this.items,
      points: { end, peak },
      storage: { end: endBytes, peak: peakBytes },
      jobs,
      rpoSeconds: this.rpo.summary(1 / MS.second),
      ...(this.kind === 'dpm' ? { onlineRpoSeconds: this.onlineRpo.summary(1 / MS.second) } : {}),
      daily: { day: Array.from({ length: days }, (_, i) => i + 1), points, bytes },
    };
  }

  private counter(type: PointType): Counter {
    const c = this.counters.get(type);
    if (c === undefined) throw new RangeError(`workload group ${this.name}: no job type ${type}`);
    return c;
  }
}

// A day's series is as long as the run's rounds (a group whose items all reported every day).
function pad(series: number[], days: number): number[] {
  const out = series.slice(0, days);
  while (out.length < days) out.push(0);
  return out;
}
