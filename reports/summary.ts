// RunResult[] → the summary.json object: what a run produced, without per-day series, with
// every number rounded deterministically (bytes and counts as integers, money to cents,
// quantities to 3 decimals) and every key in a fixed order, so the file is byte-stable.
// Its shape is published as SUMMARY_SCHEMA (summary.schema.ts); bump schemaVersion when it breaks.

import type { CostDimension, Meter, MeterUnit, MonthCost, PriceCitation } from '../models/pricing/types.js';
import type { OperationsResult } from '../models/results/operations.js';
import type { RestoresResult } from '../models/results/restores.js';
import type {
  AlertsResult,
  DiskFull,
  JobResult,
  ObjectiveResult,
  PointCounts,
  RunResult,
  TierBytes,
  VaultResult,
} from '../models/results/types.js';
import { centsAddingUp, limitShares } from './cost-shares.js';
import { COST_DIMENSION_ORDER, METER_ORDER, round, roundSummary5 } from './format.js';
import { scenarioFileName } from './scenario-file.js';
import { summariseAlerts } from './summary-alerts.js';
import { type SummaryDr, summariseDr, summariseObjectives } from './summary-dr.js';
import { summariseOperations } from './summary-operations.js';
import { summariseRestores } from './summary-restores.js';
import { type SummaryWorkloads, summariseWorkloads } from './summary-workloads.js';

/** The summary's format version, as in its schema's `$id`. */
export const SUMMARY_SCHEMA_VERSION = 2;

/** One meter's line in a summary: amount in cents, quantity to 3 decimals. */
export interface SummaryMeter {
  amount: number;
  quantity: number;
  unit: MeterUnit;
}

/** One calendar month of cost in a summary. */
export interface SummaryMonth {
  month: string;
  fraction: number;
  meters: Record<Meter, SummaryMeter>;
  total: number;
}

/** One key's share of a run's cost along a dimension, in cents. */
export interface SummaryShare {
  key: string;
  amount: number;
}

/** A price-table entry a run used, with its citation; `assumption` is null for a sourced number. */
export interface SummaryPrice {
  path: string;
  value: number;
  unit: string;
  source: string;
  date: string;
  assumption: string | null;
}

/** A run's cost in a summary. */
export interface SummaryCost {
  currency: string;
  months: SummaryMonth[];
  totals: Record<Meter, SummaryMeter>;
  total: number;
  monthsCovered: number;
  averagePerMonth: number;
  yearlyRunRate: number;
  runRateBasis: string;
  /** Per dimension, each key's cost over the run in cents adding up to `total`, largest first; items: the top 20 and one row for the rest. */
  by: Record<CostDimension, SummaryShare[]>;
  /** The price-table entries the run's cost lines used, by path. */
  prices: SummaryPrice[];
  /** What a reader of the bill should know (e.g. regions priced at the default table). */
  notes: string[];
}

/** A vault in a summary: its RunResult entry without the per-day series. */
export type SummaryVault = Omit<VaultResult, 'daily'>;

/** A job group in a summary: its RunResult entry without the per-day series. */
export type SummaryJob = Omit<JobResult, 'daily'>;

/** One scenario run (base or a variant) in a summary. */
export interface SummaryRun {
  variant: string;
  seed: number;
  start: string;
  end: string;
  days: number;
  eventsProcessed: number;
  fingerprint: string;
  storage: { end: TierBytes; peak: TierBytes; diskSnapshots: { end: number; peak: number } };
  /** Disks that growth filled during the run (used bytes capped at their size from then on). */
  diskFull: DiskFull[];
  vaults: SummaryVault[];
  jobs: SummaryJob[];
  cost: SummaryCost;
  /** Disaster recovery, or null when the scenario has none. */
  dr: SummaryDr | null;
  /** Objectives judged (empty when none are set). */
  objectives: ObjectiveResult[];
  /** Alert rules and their timeline, or null when the scenario has no monitor section. */
  alerts: AlertsResult | null;
  /** Operations log, security alerts and what survived an attack; only when the scenario has operations. */
  operations?: OperationsResult;
  /** SQL databases, file shares, MABS/DPM servers (issue 17); only when the scenario has any. */
  workloads?: SummaryWorkloads;
  /** Restore jobs (issue 18); only when a restore ran. */
  restores?: RestoresResult;
}

/** The summary.json object. */
export interface Summary {
  schemaVersion: typeof SUMMARY_SCHEMA_VERSION;
  tool: { name: 'vaultsim'; version: string };
  /** The scenario by file name (no folder) and content hash (null when the caller gave none). */
  scenario: { file: string; name: string; hash: string | null };
  runs: SummaryRun[];
}

/** Builds the summary of a scenario's runs (base first, as the loader orders them). */
export function buildSummary(
  results: readonly RunResult[],
  meta: { file: string; version: string; hash?: string | null },
): Summary {
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    tool: { name: 'vaultsim', version: meta.version },
    scenario: {
      file: scenarioFileName(meta.file),
      name: results[0]?.scenario ?? '',
      hash: meta.hash ?? null,
    },
    runs: results.map(summariseRun),
  };
}

function summariseRun(r: RunResult): SummaryRun {
  return {
    variant: r.variant,
    seed: r.seed,
    start: r.start,
    end: r.end,
    days: round(r.days, 6),
    eventsProcessed: r.eventsProcessed,
    fingerprint: r.fingerprint,
    storage: {
      end: tiers(r.storage.end),
      peak: tiers(r.storage.peak),
      diskSnapshots: { end: round(r.storage.diskSnapshots.end), peak: round(r.storage.diskSnapshots.peak) },
    },
    diskFull: r.diskFull.map((d) => ({
      group: d.group,
      disk: d.disk,
      vms: d.vms,
      size: d.size,
      from: d.from,
    })),
    vaults: r.vaults.map(vault),
    jobs: r.jobs.map(job),
    cost: cost(r.cost),
    dr: summariseDr(r.dr),
    objectives: summariseObjectives(r.objectives),
    alerts: summariseAlerts(r.alerts),
    ...(r.operations === undefined ? {} : { operations: summariseOperations(r.operations) }),
    ...(r.workloads === undefined ? {} : { workloads: summariseWorkloads(r.workloads) }),
    ...(r.restores === undefined ? {} : { restores: summariseRestores(r.restores) }),
  };
}

const tiers = (t: TierBytes): TierBytes => ({
  snapshot: round(t.snapshot),
  standard: round(t.standard),
  archive: round(t.archive),
  softDeleted: round(t.softDeleted),
});

const points = (p: PointCounts): PointCounts => ({
  snapshot: p.snapshot,
  vault: p.vault,
  archive: p.archive,
  daily: p.daily,
  weekly: p.weekly,
  monthly: p.monthly,
  yearly: p.yearly,
  onDemand: p.onDemand,
});

function vault(v: VaultResult): SummaryVault {
  return {
    name: v.name,
    region: v.region,
    redundancy: v.redundancy,
    crossRegionRestore: v.crossRegionRestore,
    items: v.items,
    storage: { end: tiers(v.storage.end), peak: tiers(v.storage.peak) },
    points: { end: points(v.points.end), peak: points(v.points.peak) },
  };
}

const seconds = roundSummary5;

// Causes sorted by code unit, never by locale, so the order is the same everywhere.
const byCause = (causes: Record<string, number>): Record<string, number> =>
  Object.fromEntries(Object.entries(causes).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function job(j: JobResult): SummaryJob {
  return {
    policy: j.policy,
    kind: j.kind,
    items: j.items,
    scheduled: j.scheduled,
    attempts: j.attempts,
    succeeded: j.succeeded,
    failed: j.failed,
    failedByCause: byCause(j.failedByCause),
    retried: j.retried,
    snapshots: j.snapshots,
    vaultTransfers: j.vaultTransfers,
    bytesTransferred: round(j.bytesTransferred),
    transferSeconds: seconds(j.transferSeconds),
    rpoExposureSeconds: seconds(j.rpoExposureSeconds),
    points: { end: points(j.points.end), peak: points(j.points.peak) },
  };
}

function meters(m: Readonly<Record<Meter, { amount: number; quantity: number; unit: MeterUnit }>>) {
  const out = {} as Record<Meter, SummaryMeter>;
  for (const name of METER_ORDER)
    out[name] = {
      amount: round(m[name].amount, 2),
      quantity: round(m[name].quantity, 3),
      unit: m[name].unit,
    };
  return out;
}

const month = (m: MonthCost): SummaryMonth => ({
  month: m.month,
  fraction: round(m.fraction, 6),
  meters: meters(m.meters),
  total: round(m.total, 2),
});

// Totals are rounded from the unrounded sums, so they may differ by a cent from the sum of rounded months.
function cost(c: RunResult['cost']): SummaryCost {
  const s = c.summary;
  return {
    currency: c.currency,
    months: c.months.map(month),
    totals: meters(s.totals),
    total: round(s.total, 2),
    monthsCovered: round(s.monthsCovered, 6),
    averagePerMonth: round(s.averagePerMonth, 2),
    yearlyRunRate: round(s.yearlyRunRate, 2),
    runRateBasis: s.runRateBasis,
    by: costBy(c),
    prices: c.prices.map(price),
    notes: [...c.notes],
  };
}

// Each dimension's shares in cents adding up exactly to the rounded total (largest remainder).
function costBy(c: RunResult['cost']): Record<CostDimension, SummaryShare[]> {
  const out = {} as Record<CostDimension, SummaryShare[]>;
  for (const d of COST_DIMENSION_ORDER) {
    const shares = limitShares(c.by[d], d);
    const cents = centsAddingUp(
      shares.map((s) => s.amount),
      round(c.summary.total, 2),
    );
    out[d] = shares.map((s, i) => ({ key: s.key, amount: cents[i] }));
  }
  return out;
}

const price = (p: PriceCitation): SummaryPrice => ({
  path: p.path,
  value: p.value,
  unit: p.unit,
  source: p.source,
  date: p.date,
  assumption: p.assumption ?? null,
});
