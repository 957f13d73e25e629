// Site Recovery's resource-specific tables (docs/reference.md §16.4), from what the
// disaster-recovery model recorded: an ASRJobs row per completed failover of a VM (the job
// starts once detection and waiting are over and ends when the VM runs) and per test failover
// of a recovery plan (a drill); an ASRReplicatedItems row per replicated VM per day. The
// status values ('Protected', 'FailedOver', 'Ready', 'NotReady') are assumptions: the data
// model names the columns, not their values.

import { MS } from '../../engine/units.js';
import type { DrResult } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import { emptyRow, jobGuid, type LogRow } from './rows.js';
import { ASR_ITEMS_TABLE, ASR_JOBS_TABLE } from './tables.js';

/** The Site Recovery rows of a run, jobs then items, each in time order; only the tables asked for. */
export function siteRecoveryRows(
  scenario: Scenario,
  dr: DrResult | null,
  tables: ReadonlySet<string>,
): [string, LogRow][] {
  const origin = scenario.start;
  const sim = (iso: string) => Date.parse(iso) - origin;
  const failovers: { vm: string; start: number; end: number; to: string }[] = [];
  for (const incident of dr?.incidents ?? [])
    for (const v of incident.vms) {
      if (v.path !== 'failover' || v.recoveredAt === null) continue;
      const end = sim(v.recoveredAt);
      const start = sim(incident.at) + (v.phases.detection + v.phases.waiting) * 1000;
      failovers.push({ vm: v.vm, start, end, to: v.region });
    }
  const drills = (dr?.drills ?? []).map((d) => ({
    plan: d.plan,
    start: sim(d.at),
    end: sim(d.at) + d.rtoSeconds * 1000,
  }));
  const out: [string, LogRow][] = [];
  if (tables.has(ASR_JOBS_TABLE)) {
    const jobs = [
      ...failovers.map((f) => ({
        operation: 'Failover',
        status: 'Succeeded' as const,
        start: f.start,
        end: f.end,
        item: f.vm,
        source: f.vm,
        sourceType: 'ReplicatedItem',
        description: `failed over to ${f.to}`,
      })),
      ...drills.map((d) => ({
        operation: 'Test failover',
        status: 'Succeeded' as const,
        start: d.start,
        end: d.end,
        item: null,
        source: d.plan,
        sourceType: 'RecoveryPlan',
        description: `test failover of recovery plan ${d.plan}`,
      })),
    ].sort((a, b) => a.end - b.end || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
    jobs.forEach((j, i) => {
      out.push([ASR_JOBS_TABLE, asrJobRow(origin, i + 1, j)]);
    });
  }
  if (tables.has(ASR_ITEMS_TABLE)) out.push(...replicatedItems(scenario, failovers, drills));
  return out;
}

// One row per replicated VM per daily round.
function replicatedItems(
  scenario: Scenario,
  failovers: readonly { vm: string; end: number; to: string }[],
  drills: readonly { plan: string; end: number }[],
): [string, LogRow][] {
  const vms = scenario.vms.filter((vm) => vm.replicate !== null);
  const plansOf = new Map<string, string[]>();
  for (const p of scenario.recoveryPlans)
    for (const g of p.groups) for (const vm of g.vms) plansOf.set(vm, [...(plansOf.get(vm) ?? []), p.name]);
  const out: [string, LogRow][] = [];
  const days = Math.ceil(scenario.duration / MS.day);
  for (let k = 1; k <= days; k++) {
    const t = Math.min(k * MS.day, scenario.duration);
    for (const vm of vms) {
      const failed = failovers.find((f) => f.vm === vm.id && f.end <= t);
      const plans = plansOf.get(vm.id) ?? [];
      const tested = drills
        .filter((d) => plans.includes(d.plan) && d.end <= t)
        .reduce((m, d) => Math.max(m, d.end), -1);
      const row = asrItemRow(scenario.start, t, {
        vm: vm.id,
        status: failed === undefined ? 'Protected' : 'FailedOver',
        readiness: failed === undefined ? 'Ready' : 'NotReady',
        active: failed === undefined ? vm.region : failed.to,
        primary: vm.region,
        recovery: vm.replicate!.to,
        os: vm.os === 'windows' ? 'Windows' : 'Linux',
        lastTestFailover: tested < 0 ? null : tested,
      });
      out.push([ASR_ITEMS_TABLE, row]);
    }
  }
  return out;
}

/** An ASRJobs row (times sim ms). */
export function asrJobRow(
  origin: number,
  seq: number,
  j: {
    operation: string;
    status: 'Succeeded' | 'Failed';
    start: number;
    end: number;
    item: string | null;
    source: string;
    sourceType: string;
    description: string;
  },
): LogRow {
  const row = emptyRow(ASR_JOBS_TABLE);
  row.TimeGenerated = origin + j.end;
  row.OperationName = j.operation;
  row.JobUniqueId = jobGuid(seq, 'a5e00000');
  row.Status = j.status;
  row.StartTime = origin + j.start;
  row.EndTime = origin + j.end;
  row.DurationMs = j.end - j.start;
  row.ResultDescription = j.description;
  row.ReplicatedItemUniqueId = j.item;
  row.ReplicatedItemFriendlyName = j.item;
  row.ReplicationScenario = 'AzureToAzure';
  row.SourceFriendlyName = j.source;
  row.SourceType = j.sourceType;
  return row;
}

/** An ASRReplicatedItems row (times sim ms). */
export function asrItemRow(
  origin: number,
  t: number,
  r: {
    vm: string;
    status: string;
    readiness: string;
    active: string;
    primary: string;
    recovery: string;
    os: string;
    lastTestFailover: number | null;
  },
): LogRow {
  const row = emptyRow(ASR_ITEMS_TABLE);
  row.TimeGenerated = origin + t;
  row.ReplicatedItemUniqueId = r.vm;
  row.ReplicatedItemFriendlyName = r.vm;
  row.ReplicationStatus = r.status;
  row.ReplicationHealthErrors = '';
  row.FailoverReadiness = r.readiness;
  row.ProtectionInfo = r.status;
  row.ActiveLocation = r.active;
  row.LastHeartbeat = origin + t;
  row.LastRpoCalculatedTime = origin + t;
  row.LastSuccessfulTestFailoverTime = r.lastTestFailover === null ? null : origin + r.lastTestFailover;
  row.OSFamily = r.os;
  row.PrimaryFabricName = r.primary;
  row.RecoveryFabricName = r.recovery;
  row.RecoveryRegion = r.recovery;
  row.DatasourceType = 'AzureVm';
  row.SourceResourceId = r.vm;
  return row;
}
