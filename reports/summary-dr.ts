// The disaster-recovery part of summary.json: incidents with every VM's recovery (per-day
// replication series left out), drills, replication per group, RPO/RTO per group, the worst
// recoveries, each replicated VM's Site Recovery points at the end, and the objectives judged.
// Numbers rounded as the rest of the summary.

import type {
  DrResult,
  Incident,
  ObjectiveResult,
  ReplicationGroupResult,
  VmRecovery,
} from '../models/results/types.js';
import { round, roundSummary5 } from './format.js';

/** Replication of a group in a summary: without the per-day series. */
export type SummaryReplication = Omit<ReplicationGroupResult, 'daily'>;

/** Disaster recovery in a summary. */
export type SummaryDr = Omit<DrResult, 'replication'> & { replication: SummaryReplication[] };

const s3 = (v: number | null): number | null => (v === null ? null : round(v, 3));

const five = roundSummary5;

const recovery = (r: VmRecovery): VmRecovery => ({
  vm: r.vm,
  group: r.group,
  app: r.app,
  path: r.path,
  point: r.point === null ? null : { at: r.point.at, source: r.point.source, region: r.point.region },
  rpoSeconds: s3(r.rpoSeconds),
  rtoSeconds: s3(r.rtoSeconds),
  phases: {
    detection: round(r.phases.detection, 3),
    waiting: round(r.phases.waiting, 3),
    recovery: round(r.phases.recovery, 3),
    boot: round(r.phases.boot, 3),
  },
  dataLostBytes: round(r.dataLostBytes),
  recoveredAt: r.recoveredAt,
  region: r.region,
  note: r.note,
  reprotect:
    r.reprotect === null
      ? null
      : {
          reprotectSeconds: round(r.reprotect.reprotectSeconds, 3),
          failbackSeconds: round(r.reprotect.failbackSeconds, 3),
        },
  afterwards:
    r.afterwards === null
      ? null
      : {
          replication: r.afterwards.replication === null ? null : { ...r.afterwards.replication },
          backup: r.afterwards.backup === null ? null : { ...r.afterwards.backup },
          note: r.afterwards.note,
        },
});

const incident = (i: Incident): Incident => ({
  id: i.id,
  kind: i.kind,
  at: i.at,
  end: i.end,
  scope: i.scope,
  detectedAt: i.detectedAt,
  detectedBy: i.detectedBy,
  vms: i.vms.map(recovery),
});

/** The summary's `dr`, or null when the run had none. */
export function summariseDr(dr: DrResult | null): SummaryDr | null {
  if (dr === null) return null;
  return {
    incidents: dr.incidents.map(incident),
    pastEnd: dr.pastEnd.map((e) => ({ event: e.event, kind: e.kind, at: e.at })),
    drills: dr.drills.map((d) => ({
      plan: d.plan,
      at: d.at,
      rtoSeconds: round(d.rtoSeconds, 3),
      groups: d.groups.map((g) => ({
        index: g.index,
        vms: g.vms,
        startSeconds: round(g.startSeconds, 3),
        endSeconds: round(g.endSeconds, 3),
      })),
    })),
    replication: dr.replication.map((g) => ({
      group: g.group,
      vms: g.vms,
      peakRpoSeconds: five(g.peakRpoSeconds),
      overLimit: [...g.overLimit],
      rpoTargetSeconds: round(g.rpoTargetSeconds, 3),
      bandwidthForTarget: g.bandwidthForTarget,
      daysOverTarget: g.daysOverTarget,
    })),
    byGroup: dr.byGroup.map((g) => ({
      group: g.group,
      recoveries: g.recoveries,
      unrecovered: g.unrecovered,
      rpoSeconds: five(g.rpoSeconds),
      rtoSeconds: five(g.rtoSeconds),
    })),
    worst: dr.worst.map((w) => ({
      vm: w.vm,
      incident: w.incident,
      rpoSeconds: s3(w.rpoSeconds),
      rtoSeconds: s3(w.rtoSeconds),
    })),
    points: dr.points.map((p) => ({
      vm: p.vm,
      group: p.group,
      at: p.at,
      crashConsistent: p.crashConsistent,
      appConsistent: p.appConsistent,
      oldest: p.oldest,
      latest: p.latest,
      bands: p.bands.map((b) => ({
        fromSeconds: b.fromSeconds,
        toSeconds: b.toSeconds,
        oneEverySeconds: b.oneEverySeconds,
        crashConsistent: b.crashConsistent,
        appConsistent: b.appConsistent,
      })),
      stoppedAt: p.stoppedAt,
    })),
  };
}

/** The summary's `objectives`, in judged order. */
export function summariseObjectives(list: readonly ObjectiveResult[]): ObjectiveResult[] {
  return list.map((o) => ({
    scope: o.scope,
    metric: o.metric,
    targetSeconds: round(o.targetSeconds, 3),
    worstSeconds: s3(o.worstSeconds),
    judged: o.judged,
    failed: o.failed,
    failedVms: o.failedVms,
    pass: o.pass,
    status: o.status,
    failing: [...o.failing],
    evidence: o.evidence,
    schedule: {
      judged: o.schedule.judged,
      failed: o.schedule.failed,
      worstSeconds: s3(o.schedule.worstSeconds),
      worstVm: o.schedule.worstVm,
      failing: [...o.schedule.failing],
      evidence: o.schedule.evidence,
    },
  }));
}
