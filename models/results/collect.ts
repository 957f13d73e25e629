// The end of a run: ledgers, samples and job statistics → one plain RunResult.

import { quantileSorted } from 'simple-statistics';
import type { Series } from '../../engine/series.js';
import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import type { JobStats } from '../backup/stats.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { ProtectedItem, VaultRuntime } from '../backup/world.js';
import { utcOffsetAt } from '../calendar.js';
import type { ScheduleFigure } from '../dr/schedule.js';
import { DEFAULT_PRICES, mergePrices } from '../pricing/defaults.js';
import { priceRun } from '../pricing/monthly.js';
import { tagIndex, tagLines } from '../pricing/tags.js';
import type { ComputeRun, CostInput, PriceTable, ReplicatedVmUsage } from '../pricing/types.js';
import type { Scenario } from '../scenario/types.js';
import { filledDisks } from '../workload/growth.js';
import type { OperationsResult } from './operations.js';
import { storagePeaks } from './peaks.js';
import type { RestoresResult } from './restores.js';
import type {
  AlertsResult,
  DrResult,
  JobKind,
  JobResult,
  KeptPoints,
  ObjectiveResult,
  PointCounts,
  RunResult,
  Summary5,
  TierBytes,
  VaultDaily,
  VaultResult,
} from './types.js';
import type { WorkloadsResult } from './workloads.js';

/** One job group's samples: each day's recovery points and the cumulative succeeded and failed attempts at its end. */
export interface GroupSamples {
  points: PointCounts[];
  succeeded: number[];
  failed: number[];
}

/** What the daily sampler gathered during a run. */
export interface Sampled {
  vaults: Map<string, VaultDaily & { points: PointCounts[] }>;
  groups: Map<string, GroupSamples>;
  /** Per item: the days billed as protected (disjoint spans, `from`–`to` their bounds) and its size. */
  protectedSize: Map<
    string,
    { from: number; to: number; spans: { from: number; to: number }[]; used: Series }
  >;
}

/** Everything collectResult reads. */
export interface RunState {
  scenario: Scenario;
  seed: number;
  sim: Simulation;
  vaults: Map<string, VaultRuntime>;
  groups: Map<string, { stats: JobStats; items: ProtectedItem[]; kind: JobKind }>;
  sampled: Sampled;
  prices?: PriceTable;
  diskSnapshots?: Series;
  /** Managed-disk snapshot bytes per fleet group, for billing by group and region. */
  snapshotGroups?: ReadonlyMap<string, { region: string; bytes: Series }>;
  /** Site Recovery and recovered-VM usage, when the scenario has disaster recovery. */
  billing?: { replicated: readonly ReplicatedVmUsage[]; compute: readonly ComputeRun[] } | null;
  dr?: DrResult | null;
  objectives?: ObjectiveResult[];
  alerts?: AlertsResult | null;
  /** Per VM, what the protection schedule guarantees. */
  guarantees?: ScheduleFigure[];
  /** The operations log, security alerts and attack survivors, when the scenario has operations. */
  operations?: OperationsResult;
  /** SQL databases, file shares, MABS/DPM servers (issue 17), when the scenario has any. */
  workloads?: WorkloadsResult;
  /** Restore jobs (issue 18), when any ran. */
  restores?: RestoresResult;
}

/** Builds the run's result; key order is fixed so JSON output is byte-stable. */
export function collectResult(run: RunState): RunResult {
  const { scenario, sim } = run;
  const vaults = [...run.vaults.values()].map((v) => vaultResult(v, run.sampled.vaults.get(v.spec.name)!));
  const prices = run.prices ?? mergePrices(DEFAULT_PRICES, scenario.prices);
  const {
    currency,
    months,
    summary,
    lines: priced,
    by,
    prices: cited,
    notes,
  } = priceRun(costInput(run), prices);
  // FOCUS Tags: each line charging one tagged VM or fleet group carries its tags (pricing/tags.ts).
  const lines = tagLines(priced, tagIndex(scenario.vms));
  return {
    scenario: scenario.name,
    variant: scenario.variant,
    seed: run.seed,
    start: new Date(scenario.start).toISOString(),
    end: new Date(scenario.start + scenario.duration).toISOString(),
    days: scenario.duration / MS.day,
    eventsProcessed: sim.processed,
    fingerprint: sim.fingerprint(),
    vaults,
    storage: {
      end: sumTiers(vaults.map((v) => v.storage.end)),
      // The same definition as each vault's peak (peaks.ts): one vault's run peak is its own.
      peak: storagePeaks([...run.vaults.values()].map((v) => v.ledger)),
      diskSnapshots: {
        end: run.diskSnapshots?.last() ?? 0,
        peak: run.diskSnapshots?.max() ?? 0,
      },
    },
    // Growth capped at a disk's size (workload/growth.ts): say which disks filled, and when.
    diskFull: filledDisks(scenario.vms, scenario.duration).map(({ at, ...d }) => ({
      ...d,
      from: new Date(scenario.start + at).toISOString(),
    })),
    jobs: [...run.groups].map(([name, g]) => jobResult(name, g, run.sampled.groups.get(name)!)),
    cost: { currency, months, summary, lines, by, prices: cited, notes },
    dr: run.dr ?? null,
    objectives: run.objectives ?? [],
    alerts: run.alerts ?? null,
    kept: keptPoints(run.groups, run.scenario),
    guarantees: run.guarantees ?? [],
    ...(run.operations === undefined ? {} : { operations: run.operations }),
    ...(run.workloads === undefined ? {} : { workloads: run.workloads }),
    ...(run.restores === undefined ? {} : { restores: run.restores }),
  };
}

// Per Azure VM policy, its first item's live vault points: a sample of what the policy keeps.
// Instants are in the policy's time zone, so their dates are the policy's calendar dates.
function keptPoints(groups: RunState['groups'], scenario: Scenario): KeptPoints[] {
  const out: KeptPoints[] = [];
  for (const [policy, g] of groups) {
    const item = g.items[0];
    if (g.kind !== 'azure-vm' || !(item instanceof VmBackup)) continue;
    const timeZone = scenario.policies.find((p) => p.name === policy)?.schedule.timeZone ?? 'UTC';
    const iso = (ms: number) => zonedIso(ms, timeZone);
    out.push({
      policy,
      item: item.id,
      points: item
        .keptPoints()
        .map((p) => ({ at: iso(p.createdAt), tiers: p.tiers, expires: iso(p.expiresAt) })),
    });
  }
  return out;
}

// What pricing reads: each vault's storage per policy (its ledger's parts), soft-deleted and
// early-deleted data with the policy of its item, protected items with vault and policy,
// disk snapshots per fleet group, and Site Recovery usage.
function costInput(run: RunState): CostInput {
  const { scenario } = run;
  const vaults = [...run.vaults.values()];
  const policyOf = new Map<string, string>();
  for (const [policy, g] of run.groups) for (const item of g.items) policyOf.set(item.id, policy);
  const vaultOf = new Map<string, string>();
  for (const v of vaults) for (const item of v.items) vaultOf.set(item.id, v.spec.name);
  const items = [...run.sampled.protectedSize].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const policy = (item: string) => policyOf.get(item) ?? '(none)';
  return {
    origin: scenario.start,
    start: 0,
    end: scenario.duration,
    vaults: vaults.map((v) => ({
      name: v.spec.name,
      region: v.spec.region,
      redundancy: v.spec.redundancy,
      crossRegionRestore: v.spec.crossRegionRestore,
      parts: vaultParts(v),
      softDeleted: v.ledger.softDeleteHistory().map((e) => ({
        item: e.item,
        policy: policy(e.item),
        bytes: e.bytes,
        deletedAt: e.deletedAt,
        purgeAt: e.purgeAt,
        ...(e.leftAt === undefined ? {} : { leftAt: e.leftAt }),
      })),
    })),
    protectedItems: items.map(([item, u]) => ({
      item,
      vault: vaultOf.get(item) ?? '(none)',
      policy: policy(item),
      from: u.from,
      to: u.to,
      spans: u.spans,
      used: u.used,
    })),
    archiveEarlyDeletions: vaults.flatMap((v) =>
      v.ledger.earlyDeletions().map((e) => ({
        item: e.item,
        vault: v.spec.name,
        policy: policy(e.item),
        at: e.deletedAt,
        bytes: e.bytes,
        daysCharged: e.daysCharged,
      })),
    ),
    diskSnapshots: [...(run.snapshotGroups ?? new Map<string, { region: string; bytes: Series }>())].map(
      ([group, g]) => ({ group, region: g.region, bytes: g.bytes }),
    ),
    replicated: run.billing?.replicated ?? [],
    compute: run.billing?.compute ?? [],
  };
}

// A vault's storage per policy: its ledger's parts, or the whole vault under its one policy.
function vaultParts(v: VaultRuntime): CostInput['vaults'][number]['parts'] {
  const names = v.ledger.partNames();
  const parts = names.length > 0 ? names : ['(none)'];
  return parts.map((policy, k) => ({
    policy,
    standard: v.ledger.partSeries('standard', k),
    archive: v.ledger.partSeries('archive', k),
    snapshot: v.ledger.partSeries('snapshot', k),
    // Issue 17: a file-share policy's snapshots are share snapshots (files-lines.ts bills them).
    ...(policy.startsWith('files:') ? { shareSnapshots: true } : {}),
  }));
}

function vaultResult(v: VaultRuntime, daily: VaultDaily & { points: PointCounts[] }): VaultResult {
  const { points, ...series } = daily;
  const ledger = v.ledger;
  return {
    name: v.spec.name,
    region: v.spec.region,
    redundancy: v.spec.redundancy,
    crossRegionRestore: v.spec.crossRegionRestore,
    items: v.items.length,
    storage: {
      end: {
        snapshot: ledger.total('snapshot'),
        standard: ledger.total('standard'),
        archive: ledger.total('archive'),
        softDeleted: ledger.total('softDeleted'),
      },
      peak: storagePeaks([ledger]),
    },
    points: { end: points.at(-1) ?? zeroPoints(), peak: peakPoints(points) },
    daily: series,
  };
}

function jobResult(
  name: string,
  g: { stats: JobStats; items: ProtectedItem[]; kind: JobKind },
  sampled: GroupSamples,
): JobResult {
  const s = g.stats;
  const { points } = sampled;
  return {
    policy: name,
    kind: g.kind,
    items: g.items.length,
    scheduled: s.scheduled,
    attempts: s.attempts,
    succeeded: s.succeeded,
    failed: s.failed,
    failedByCause: s.failures(),
    retried: s.retried,
    snapshots: s.snapshotsTaken,
    vaultTransfers: s.vaultTransfers,
    bytesTransferred: s.bytesTransferred,
    transferSeconds: summarise(s.sortedDurations(), 1 / 1000),
    rpoExposureSeconds: summarise(s.sortedGaps(), 1 / 1000),
    points: { end: points.at(-1) ?? zeroPoints(), peak: peakPoints(points) },
    daily: {
      day: sampled.succeeded.map((_, i) => i + 1),
      succeeded: perDay(sampled.succeeded),
      failed: perDay(sampled.failed),
    },
  };
}

/** An instant as ISO-8601 local time with its UTC offset: 2026-06-01T22:30:00.000-04:00 (Z for UTC). */
export function zonedIso(epochMs: number, timeZone: string): string {
  const offset = utcOffsetAt(epochMs, timeZone);
  const local = new Date(epochMs + offset).toISOString().slice(0, -1);
  if (offset === 0) return `${local}Z`;
  const minutes = Math.abs(offset) / 60_000;
  const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
  const mm = String(minutes % 60).padStart(2, '0');
  return `${local}${offset < 0 ? '-' : '+'}${hh}:${mm}`;
}

// Cumulative end-of-day counts → counts per day (samples are taken at the end of days 1, 2, …).
const perDay = (cumulative: number[]): number[] =>
  cumulative.map((c, i) => c - (i === 0 ? 0 : cumulative[i - 1]));

/** Count, mean, p50/p95/p99 and max of sorted values, scaled (e.g. ms → s), rounded to ms precision. */
export function summarise(sorted: Float64Array, scale = 1): Summary5 {
  const n = sorted.length;
  if (n === 0) return { count: 0, mean: 0, p50: 0, p95: 0, p99: 0, max: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  // quantileSorted reads only length and indices, so the typed array serves as it is (a copy
  // into a plain array cost a fleet-year's collect about 0.7 s for 3.65 M transfers).
  const values = sorted as unknown as number[];
  const r = (x: number) => Math.round(x * scale * 1000) / 1000;
  return {
    count: n,
    mean: r(sum / n),
    p50: r(quantileSorted(values, 0.5)),
    p95: r(quantileSorted(values, 0.95)),
    p99: r(quantileSorted(values, 0.99)),
    max: r(sorted[n - 1]),
  };
}

/** A fresh all-zero count of recovery points. */
export const zeroPoints = (): PointCounts => ({
  snapshot: 0,
  vault: 0,
  archive: 0,
  daily: 0,
  weekly: 0,
  monthly: 0,
  yearly: 0,
  onDemand: 0,
});

function peakPoints(samples: PointCounts[]): PointCounts {
  const peak = zeroPoints();
  for (const s of samples)
    for (const k of Object.keys(peak) as (keyof PointCounts)[]) peak[k] = Math.max(peak[k], s[k]);
  return peak;
}

function sumTiers(list: TierBytes[]): TierBytes {
  const out = { snapshot: 0, standard: 0, archive: 0, softDeleted: 0 };
  for (const t of list) for (const k of Object.keys(out) as (keyof TierBytes)[]) out[k] += t[k];
  return out;
}
