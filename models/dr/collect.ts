// The end of a run's disaster recovery: incidents and drills as they happened, replication
// per fleet group (peak RPO per VM and per day, VMs over the churn limit), RPO/RTO per group,
// and the worst recoveries.

import { MS } from '../../engine/units.js';
import type { PointCensus } from '../replication/census.js';
import { summarise } from '../results/collect.js';
import type {
  DrResult,
  RecoveryStats,
  ReplicaPoints,
  ReplicationGroupResult,
  VmRecovery,
} from '../results/types.js';
import type { DisasterRecovery } from './disaster-recovery.js';
import type { VmReplica } from './replica.js';
import { groupBy } from './scope.js';

const WORST = 10;

/**
 * Builds the DrResult from each replicated VM's replications in order (the first, then those
 * after a reprotect or re-enable); they are advanced to the horizon (no query may follow).
 */
export function collectDr(
  dr: DisasterRecovery,
  histories: readonly (readonly VmReplica[])[],
  horizon: number,
  rpoTarget: (group: string) => number,
  iso: (t: number) => string,
): DrResult {
  return {
    incidents: dr.incidents,
    pastEnd: dr.pastEnd,
    drills: dr.drills,
    replication: replicationResults(histories, horizon, rpoTarget),
    byGroup: recoveryStats(dr.incidents.flatMap((i) => i.vms)),
    worst: worst(dr.incidents.flatMap((i) => i.vms.map((r) => ({ incident: i.id, r })))),
    // The points at the end are those of the VM's last replication started in the run.
    points: histories.map((h) =>
      replicaPoints(h.filter((r) => r.start <= horizon).at(-1) ?? h[0], horizon, false, iso),
    ),
  };
}

// A VM's daily peak data age over all its replications: each day's highest (null: none ran).
function mergedPeaks(history: readonly VmReplica[]): (number | null)[] {
  const out: (number | null)[] = [];
  for (const r of history)
    r.dailyPeaks().forEach((p, k) => {
      while (out.length <= k) out.push(null);
      if (p !== null && (out[k] === null || p > out[k]!)) out[k] = p;
    });
  return out;
}

/** One replicated VM's Site Recovery points at t (§5.1), as results give them; `replay` during the run. */
export function replicaPoints(
  r: VmReplica,
  t: number,
  replay: boolean,
  iso: (t: number) => string,
): ReplicaPoints {
  const c: PointCensus = r.census(t, replay);
  const at = Math.min(t, r.stream.horizon);
  return {
    vm: r.vm.id,
    group: r.vm.group,
    at: iso(at),
    crashConsistent: c.crash,
    appConsistent: c.app,
    oldest: c.oldest === null ? null : iso(c.oldest.at),
    latest: c.latest === null ? null : iso(c.latest.at),
    bands: c.bands.map((b) => ({
      fromSeconds: b.from / 1000,
      toSeconds: b.to / 1000,
      oneEverySeconds: b.every === null ? null : b.every / 1000,
      crashConsistent: b.crash,
      appConsistent: b.app,
    })),
    stoppedAt: r.endsAt < at ? iso(r.endsAt) : null,
  };
}

function replicationResults(
  histories: readonly (readonly VmReplica[])[],
  horizon: number,
  rpoTarget: (group: string) => number,
): ReplicationGroupResult[] {
  const days = Math.ceil(horizon / MS.day);
  const byGroup = groupBy(histories, (h) => h[0].vm.group);
  const out: ReplicationGroupResult[] = [];
  for (const [group, list] of [...byGroup].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const target = rpoTarget(group);
    const dailyMax = new Float64Array(days);
    const peaks = new Float64Array(list.length);
    let daysOver = 0;
    list.forEach((h, i) => {
      mergedPeaks(h).forEach((p, k) => {
        if (p === null) return;
        peaks[i] = Math.max(peaks[i], p);
        dailyMax[k] = Math.max(dailyMax[k], p);
        if (p > target) daysOver++;
      });
    });
    // The planner figures are the configured replication's (the VM's first).
    const needed = list.map((h) => h[0].bandwidthFor(target));
    out.push({
      group,
      vms: list.length,
      rpoTargetSeconds: target / 1000,
      bandwidthForTarget: needed.some((b) => b === null)
        ? null
        : Math.ceil(Math.max(0, ...(needed as number[]))),
      daysOverTarget: daysOver,
      peakRpoSeconds: summarise(peaks.sort(), 1 / 1000),
      overLimit: list.filter((h) => h.some((r) => r.overLimit())).map((h) => h[0].vm.id),
      daily: {
        day: Array.from({ length: days }, (_, k) => k + 1),
        maxRpoSeconds: Array.from(dailyMax, (v) => Math.round(v) / 1000),
      },
    });
  }
  return out;
}

function recoveryStats(all: readonly VmRecovery[]): RecoveryStats[] {
  const groups = [...new Set(all.map((r) => r.group))].sort();
  return groups.map((group) => {
    const list = all.filter((r) => r.group === group);
    const done = list.filter((r) => r.rtoSeconds !== null);
    const sorted = (f: (r: VmRecovery) => number) => Float64Array.from(done.map(f)).sort();
    return {
      group,
      recoveries: list.length,
      unrecovered: list.length - done.length,
      rpoSeconds: summarise(sorted((r) => r.rpoSeconds ?? 0)),
      rtoSeconds: summarise(sorted((r) => r.rtoSeconds!)),
    };
  });
}

function worst(all: { incident: string; r: VmRecovery }[]): DrResult['worst'] {
  const key = (v: number | null) => (v === null ? Number.POSITIVE_INFINITY : v);
  return [...all]
    .sort(
      (a, b) =>
        key(b.r.rtoSeconds) - key(a.r.rtoSeconds) ||
        key(b.r.rpoSeconds) - key(a.r.rpoSeconds) ||
        (a.r.vm < b.r.vm ? -1 : a.r.vm > b.r.vm ? 1 : 0) ||
        (a.incident < b.incident ? -1 : 1),
    )
    .slice(0, WORST)
    .map(({ incident, r }) => ({ vm: r.vm, incident, rpoSeconds: r.rpoSeconds, rtoSeconds: r.rtoSeconds }));
}
