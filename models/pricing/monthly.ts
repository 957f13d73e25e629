// A run's usage priced per UTC calendar month (reference/azure.md §8), and the horizon's
// summary. Billing conventions, each an assumption where the reference is silent:
// - A GB-month is ∫ bytes dt / (BYTES_PER_GB × the calendar month's own length): Azure bills
//   storage as the average daily usage over the month (§4: 10 GiB for a whole 31-day month is
//   10 GB-month, shown daily as 10/31). A month cut by the horizon is prorated by the part of
//   it inside, never rescaled.
// - Protected instances are prorated by days protected in the month (§2.6, §8.1). Usage is
//   daily: each UTC day the item is protected pays fee(size) × (time protected that day /
//   month length), the size read at the last millisecond of that day it is protected (the
//   day's closing size; a whole day is 1/daysInMonth of the fee, a part day its fraction).
// - Soft-deleted data costs the vault's storage rate from `softDeleteFreeDays` after deletion
//   until it leaves soft delete (§2.3); a stay shorter than the free days costs nothing.
// - An archive early deletion is charged whole in the month it happens (§2.4): GB × archive
//   price × days left / 30 (see EARLY_DELETION_DAYS_PER_MONTH).
// - Instant-restore snapshots and other disk snapshots are priced per GB-month like storage,
//   whatever the vault's redundancy (§4, §8.1).

import type { Series } from '../../engine/series.js';
import { MS } from '../../engine/units.js';
import { daysInMonth, startOfLocalDay, zonedParts, zonedToEpoch } from '../calendar.js';
import { BYTES_PER_GB, DEFAULT_PRICES } from './defaults.js';
import { EARLY_DELETION_DAYS_PER_MONTH, protectedInstanceFee, vaultStorageRate } from './meters.js';
import {
  type CostInput,
  type CostSummary,
  METERS,
  type Meter,
  type MeterCost,
  type MeterUnit,
  type MonthCost,
  type PriceTable,
  type ProtectedItemUsage,
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
};

/** One calendar month's part inside the horizon, on the input's timeline. */
interface MonthSpan {
  month: string;
  from: number;
  to: number;
  /** Length of the whole calendar month in ms. */
  length: number;
}

type Tally = Record<Meter, { amount: number; quantity: number }>;

/**
 * The cost of each UTC calendar month from `input.start` to `input.end`, per meter with its
 * quantity, unrounded (see the header for the billing conventions; `roundCents` for display).
 * Throws RangeError on input no bill could come from: a backwards interval, negative bytes,
 * Cross Region Restore on a non-GRS vault.
 */
export function monthlyCosts(input: CostInput, prices: PriceTable = DEFAULT_PRICES): MonthCost[] {
  checkInput(input);
  // 1. Each vault's rate, once (it also rejects CRR on a non-GRS vault).
  const rates = input.vaults.map((v) => vaultStorageRate(v, prices));
  // 2. The months the horizon touches, then each month's meters.
  return monthsOf(input).map((span) => {
    const tally = emptyTally();
    addStorage(tally, input, rates, span, prices);
    addSoftDelete(tally, input, rates, span, prices);
    addProtectedInstances(tally, input, span, prices);
    addEarlyDeletions(tally, input, span, prices);
    return toMonthCost(span, tally);
  });
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
  const totals = lines(tally);
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
    for (const tier of ['standard', 'archive', 'snapshot'] as const)
      nonNegative(`vault "${v.name}" ${tier}`, v[tier]);
    for (const e of v.softDeleted) {
      interval(`vault "${v.name}" soft-deleted "${e.item}"`, e.deletedAt, e.purgeAt);
      if (!(e.bytes >= 0))
        throw new RangeError(`vault "${v.name}" soft-deleted "${e.item}": bytes ${e.bytes} < 0`);
    }
  }
  for (const p of input.protectedItems) {
    interval(`protected item "${p.item}"`, p.from, p.to);
    nonNegative(`protected item "${p.item}" used`, p.used);
  }
  nonNegative('disk snapshots', input.diskSnapshots);
  for (const d of input.archiveEarlyDeletions) {
    if (!Number.isFinite(d.at) || !(d.bytes >= 0) || !(d.daysCharged >= 0)) {
      throw new RangeError(`archive early deletion "${d.item}": expected a finite time and bytes, days >= 0`);
    }
  }
}

function monthsOf(input: CostInput): MonthSpan[] {
  const origin = input.origin ?? 0;
  const startOf = (year: number, month: number): number =>
    zonedToEpoch({ year, month, day: 1, hour: 0, minute: 0 }, 'UTC') - origin;
  const out: MonthSpan[] = [];
  for (let t = input.start; t < input.end; ) {
    const { year, month } = zonedParts(origin + t, 'UTC');
    const next = startOf(year, month + 1);
    const name = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
    out.push({
      month: name,
      from: t,
      to: Math.min(next, input.end),
      length: daysInMonth(year, month) * MS.day,
    });
    t = next;
  }
  return out;
}

// GB-months of a byte series over a span of a month.
function gbMonths(series: Series, span: MonthSpan): number {
  return series.integral(span.from, span.to) / (BYTES_PER_GB * span.length);
}

function addStorage(
  tally: Tally,
  input: CostInput,
  rates: number[],
  span: MonthSpan,
  prices: PriceTable,
): void {
  const add = (meter: Meter, quantity: number, rate: number): void => {
    tally[meter].quantity += quantity;
    tally[meter].amount += quantity * rate;
  };
  input.vaults.forEach((v, i) => {
    add('vaultStandard', gbMonths(v.standard, span), rates[i]);
    add('vaultArchive', gbMonths(v.archive, span), prices.vaultArchive.value);
    add('snapshots', gbMonths(v.snapshot, span), prices.instantRestoreSnapshot.value);
  });
  if (input.diskSnapshots !== undefined) {
    add('diskSnapshots', gbMonths(input.diskSnapshots, span), prices.diskSnapshot.value);
  }
}

function addSoftDelete(
  tally: Tally,
  input: CostInput,
  rates: number[],
  span: MonthSpan,
  prices: PriceTable,
): void {
  const free = prices.softDeleteFreeDays.value * MS.day;
  input.vaults.forEach((v, i) => {
    for (const e of v.softDeleted) {
      const billed = Math.min(e.purgeAt, span.to) - Math.max(e.deletedAt + free, span.from);
      if (billed <= 0) continue;
      const quantity = (e.bytes / BYTES_PER_GB) * (billed / span.length);
      tally.softDelete.quantity += quantity;
      tally.softDelete.amount += quantity * rates[i];
    }
  });
}

function addProtectedInstances(tally: Tally, input: CostInput, span: MonthSpan, prices: PriceTable): void {
  const origin = input.origin ?? 0;
  for (const item of input.protectedItems) {
    const from = Math.max(item.from, span.from);
    const to = Math.min(item.to, span.to);
    for (let dayStart = from; dayStart < to; ) {
      const dayEnd = startOfLocalDay(origin + dayStart, 'UTC') - origin + MS.day;
      const end = Math.min(dayEnd, to);
      const share = (end - dayStart) / span.length;
      tally.protectedInstances.quantity += share;
      tally.protectedInstances.amount +=
        share * protectedInstanceFee(closingSize(item, dayStart, end), prices);
      dayStart = end;
    }
  }
}

// An item's size at the last millisecond of [from, to) (the day's closing size).
function closingSize(item: ProtectedItemUsage, from: number, to: number): number {
  return item.used.valueAt(Math.max(from, to - 1));
}

function addEarlyDeletions(tally: Tally, input: CostInput, span: MonthSpan, prices: PriceTable): void {
  for (const d of input.archiveEarlyDeletions) {
    if (d.at < span.from || d.at >= span.to) continue;
    const quantity = (d.bytes / BYTES_PER_GB) * (d.daysCharged / EARLY_DELETION_DAYS_PER_MONTH);
    tally.archiveEarlyDeletion.quantity += quantity;
    tally.archiveEarlyDeletion.amount += quantity * prices.vaultArchive.value;
  }
}

function emptyTally(): Tally {
  const tally = {} as Tally;
  for (const meter of METERS) tally[meter] = { amount: 0, quantity: 0 };
  return tally;
}

function lines(tally: Tally): Record<Meter, MeterCost> {
  const out = {} as Record<Meter, MeterCost>;
  for (const meter of METERS) out[meter] = { ...tally[meter], unit: METER_UNITS[meter] };
  return out;
}

function sumAmounts(meters: Record<Meter, MeterCost>): number {
  let total = 0;
  for (const meter of METERS) total += meters[meter].amount;
  return total;
}

function toMonthCost(span: MonthSpan, tally: Tally): MonthCost {
  const meters = lines(tally);
  const fraction = (span.to - span.from) / span.length;
  return { month: span.month, from: span.from, to: span.to, fraction, meters, total: sumAmounts(meters) };
}
