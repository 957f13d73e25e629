// A run's usage priced: every charge as a cost line (backup-lines.ts, site-recovery.ts), then
// the same lines summed per calendar month and meter, over the horizon, and per dimension
// (vault, policy, region, meter, item). Every figure is a sum of lines, so the splits add up to
// the total by construction.

import type { Series } from '../../engine/series.js';
import {
  diskSnapshotLines,
  earlyDeletionLines,
  protectedInstanceLines,
  softDeleteLines,
  storageLines,
} from './backup-lines.js';
import { type MonthSpan, pricingContext } from './context.js';
import { DEFAULT_PRICES } from './defaults.js';
import { fileShareLines } from './files-lines.js';
import { computeLines, siteRecoveryLines } from './site-recovery.js';
import {
  COST_DIMENSIONS,
  type CostDimension,
  type CostInput,
  type CostLine,
  type CostShare,
  type CostSummary,
  METERS,
  type Meter,
  type MeterCost,
  type MeterUnit,
  type MonthCost,
  type PriceCitation,
  type PriceTable,
} from './types.js';

/** The unit each meter's quantity is counted in. */
export const METER_UNITS: Readonly<Record<Meter, MeterUnit>> = {
  protectedInstances: 'instance-month',
  vaultStandard: 'GB-month',
  vaultArchive: 'GB-month',
  snapshots: 'GB-month',
  softDelete: 'GB-month',
  archiveEarlyDeletion: 'GB-month',
  diskSnapshots: 'GB-month',
  asrInstances: 'instance-month',
  asrReplicaDisks: 'GB-month',
  asrCache: 'GB-month',
  asrRecoveryPoints: 'GB-month',
  asrTransfer: 'GB',
  failoverCompute: 'hour',
  drillCompute: 'hour',
  fileShareSnapshots: 'GB-month',
};

/** A run's whole bill: the lines, per month, over the horizon, per dimension, and what it cites. */
export interface PricedRun {
  readonly currency: string;
  readonly lines: CostLine[];
  readonly months: MonthCost[];
  readonly summary: CostSummary;
  readonly by: Record<CostDimension, CostShare[]>;
  readonly prices: PriceCitation[];
  readonly notes: string[];
}

/**
 * Prices a run's usage (see backup-lines.ts and site-recovery.ts for each meter's rule).
 * Throws RangeError on input no bill could come from: a backwards interval, negative bytes,
 * Cross Region Restore on a non-GRS vault.
 */
export function priceRun(input: CostInput, prices: PriceTable = DEFAULT_PRICES): PricedRun {
  checkInput(input);
  const ctx = pricingContext(input, prices);
  const lines = [
    ...protectedInstanceLines(input, ctx),
    ...storageLines(input, ctx),
    ...softDeleteLines(input, ctx),
    ...earlyDeletionLines(input, ctx),
    ...diskSnapshotLines(input, ctx),
    ...siteRecoveryLines(input, ctx),
    ...computeLines(input, ctx),
    ...fileShareLines(input, ctx),
  ].sort(byLineOrder);
  const months = monthsFromLines(ctx.months, lines);
  const defaulted = ctx.defaultRegions();
  const notes =
    defaulted.length === 0
      ? []
      : [
          `${defaulted.length === 1 ? 'region' : 'regions'} ${defaulted.join(', ')} priced at the default table ` +
            '(no pricing.regions entry): the cited list prices in cost.prices',
        ];
  return {
    currency: prices.currency,
    lines,
    months,
    summary: costSummary(months),
    by: costBreakdown(lines),
    prices: ctx.citations(),
    notes,
  };
}

/** The cost of each UTC calendar month of the horizon, per meter with its quantity, unrounded. */
export function monthlyCosts(input: CostInput, prices: PriceTable = DEFAULT_PRICES): MonthCost[] {
  return priceRun(input, prices).months;
}

const METER_INDEX = new Map<string, number>(METERS.map((m, i) => [m, i]));

function compare(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

// Month, then meter (report order), then resource, policy, item, SKU and unit price: a total order.
function byLineOrder(a: CostLine, b: CostLine): number {
  return (
    compare(a.month, b.month) ||
    METER_INDEX.get(a.meter)! - METER_INDEX.get(b.meter)! ||
    compare(a.resource, b.resource) ||
    compare(a.policy, b.policy) ||
    compare(a.item, b.item) ||
    compare(a.region, b.region) ||
    compare(a.sku, b.sku) ||
    a.unitPrice - b.unitPrice
  );
}

function monthsFromLines(spans: readonly MonthSpan[], lines: readonly CostLine[]): MonthCost[] {
  const tallies = new Map(spans.map((s) => [s.month, emptyTally()]));
  for (const l of lines) {
    const t = tallies.get(l.month)![l.meter];
    t.amount += l.amount;
    t.quantity += l.quantity;
  }
  return spans.map((span) => {
    const meters = withUnits(tallies.get(span.month)!);
    return {
      month: span.month,
      from: span.from,
      to: span.to,
      fraction: (span.to - span.from) / span.length,
      meters,
      total: sumAmounts(meters),
    };
  });
}

/** Per dimension, each key's cost over the lines, largest first (ties by key); null keys are "(none)". */
export function costBreakdown(lines: readonly CostLine[]): Record<CostDimension, CostShare[]> {
  const out = {} as Record<CostDimension, CostShare[]>;
  for (const dim of COST_DIMENSIONS) {
    const sums = new Map<string, number>();
    for (const l of lines) {
      const key = l[dim] ?? '(none)';
      sums.set(key, (sums.get(key) ?? 0) + l.amount);
    }
    out[dim] = [...sums]
      .map(([key, amount]) => ({ key, amount }))
      .sort((a, b) => b.amount - a.amount || compare(a.key, b.key));
  }
  return out;
}

/** Totals per meter over the months, the average per month, and a yearly run rate (last full month × 12). */
export function costSummary(months: readonly MonthCost[]): CostSummary {
  const tally = emptyTally();
  let monthsCovered = 0;
  for (const m of months) {
    monthsCovered += m.fraction;
    for (const meter of METERS) {
      tally[meter].amount += m.meters[meter].amount;
      tally[meter].quantity += m.meters[meter].quantity;
    }
  }
  const totals = withUnits(tally);
  const total = sumAmounts(totals);
  const averagePerMonth = monthsCovered > 0 ? total / monthsCovered : 0;
  // The last full month is the steadiest basis: a partial month would scale a fraction of a bill.
  let full: MonthCost | undefined;
  for (const m of months) if (m.fraction === 1) full = m;
  return {
    totals,
    total,
    monthsCovered,
    averagePerMonth,
    yearlyRunRate: full === undefined ? averagePerMonth * 12 : full.total * 12,
    runRateBasis: full === undefined ? 'average' : full.month,
  };
}

type Tally = Record<Meter, { amount: number; quantity: number }>;

function emptyTally(): Tally {
  const tally = {} as Tally;
  for (const meter of METERS) tally[meter] = { amount: 0, quantity: 0 };
  return tally;
}

function withUnits(tally: Tally): Record<Meter, MeterCost> {
  const out = {} as Record<Meter, MeterCost>;
  for (const meter of METERS) out[meter] = { ...tally[meter], unit: METER_UNITS[meter] };
  return out;
}

function sumAmounts(meters: Record<Meter, MeterCost>): number {
  let total = 0;
  for (const meter of METERS) total += meters[meter].amount;
  return total;
}

function checkInput(input: CostInput): void {
  const interval = (what: string, from: number, to: number): void => {
    if (!Number.isFinite(from) || !Number.isFinite(to) || to < from) {
      throw new RangeError(`${what}: expected finite from <= to, got [${from}, ${to})`);
    }
  };
  const nonNegative = (what: string, series: Series | undefined): void => {
    if (series !== undefined && series.min() < 0) {
      throw new RangeError(`${what}: bytes must be >= 0, series "${series.name}" reaches ${series.min()}`);
    }
  };
  if (!Number.isFinite(input.origin ?? 0))
    throw new RangeError(`cost input: origin ${input.origin} is not finite`);
  interval('cost horizon', input.start, input.end);
  for (const v of input.vaults) {
    for (const part of v.parts)
      for (const tier of ['standard', 'archive', 'snapshot'] as const)
        nonNegative(`vault "${v.name}" ${part.policy} ${tier}`, part[tier]);
    for (const e of v.softDeleted) {
      interval(`vault "${v.name}" soft-deleted "${e.item}"`, e.deletedAt, e.purgeAt);
      if (e.leftAt !== undefined)
        interval(`vault "${v.name}" soft-deleted "${e.item}" stay`, e.deletedAt, e.leftAt);
      if (!(e.bytes >= 0))
        throw new RangeError(`vault "${v.name}" soft-deleted "${e.item}": bytes ${e.bytes} < 0`);
    }
  }
  for (const p of input.protectedItems) {
    interval(`protected item "${p.item}"`, p.from, p.to);
    let end = p.from;
    for (const span of p.spans ?? []) {
      interval(`protected item "${p.item}" span`, span.from, span.to);
      if (span.from < end || span.to > p.to)
        throw new RangeError(
          `protected item "${p.item}": spans must be disjoint, in order, within [from, to]`,
        );
      end = span.to;
    }
    nonNegative(`protected item "${p.item}" used`, p.used);
  }
  for (const g of input.diskSnapshots ?? []) nonNegative(`disk snapshots of ${g.group}`, g.bytes);
  for (const d of input.archiveEarlyDeletions) {
    if (!Number.isFinite(d.at) || !(d.bytes >= 0) || !(d.daysCharged >= 0)) {
      throw new RangeError(`archive early deletion "${d.item}": expected a finite time and bytes, days >= 0`);
    }
  }
}
