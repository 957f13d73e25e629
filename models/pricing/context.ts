// What every meter's pricing function shares: the calendar months of the horizon, the price
// of an entry in a region (the region's own table when it has one, else the default), and a
// record of every entry used, so the bill can cite each unit price's source.

import { MS } from '../../engine/units.js';
import { daysInMonth, zonedParts, zonedToEpoch } from '../calendar.js';
import type { CostInput, PriceCitation, Priced, PriceTable, RegionPrices } from './types.js';

/** One calendar month's part inside the horizon, on the input's timeline. */
export interface MonthSpan {
  /** "YYYY-MM". */
  readonly month: string;
  readonly from: number;
  readonly to: number;
  /** Length of the whole calendar month in ms. */
  readonly length: number;
}

/** A unit price and the price-table path it was read from. */
export interface UnitPrice {
  readonly value: number;
  readonly path: string;
}

/** The months, prices and citations shared by the meters' pricing functions. */
export interface PricingContext {
  readonly origin: number;
  readonly months: readonly MonthSpan[];
  readonly currency: string;
  /**
   * The entry at `path` (dot-separated, e.g. "vaultStorage.GRS", "siteRecovery.replicaDisk.premium",
   * "compute.sizes.Standard_D4s_v5") for `region`: from `regions.<region>` when the table has
   * that region, else the default. Records the citation. Throws on a path with no entry.
   */
  price(region: string, path: string): UnitPrice;
  /** Whether the entry exists for the region (e.g. a VM size's price). */
  has(region: string, path: string): boolean;
  /** The citations recorded so far, sorted by path. */
  citations(): PriceCitation[];
  /** Regions priced with the default table though the scenario gave no entry for them, sorted. */
  defaultRegions(): string[];
}

/** The calendar months of the input's horizon, each cut to its part inside. */
export function monthsOf(input: Pick<CostInput, 'origin' | 'start' | 'end'>): MonthSpan[] {
  const origin = input.origin ?? 0;
  const startOf = (year: number, month: number): number =>
    zonedToEpoch({ year, month, day: 1, hour: 0, minute: 0 }, 'UTC') - origin;
  const out: MonthSpan[] = [];
  for (let t = input.start; t < input.end; ) {
    const { year, month } = zonedParts(origin + t, 'UTC');
    const next = startOf(year, month + 1);
    out.push({
      month: `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`,
      from: t,
      to: Math.min(next, input.end),
      length: daysInMonth(year, month) * MS.day,
    });
    t = next;
  }
  return out;
}

function leaf(table: RegionPrices, path: string): Priced | undefined {
  let node: unknown = table;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  const p = node as Priced | undefined;
  return p !== undefined && typeof p.value === 'number' ? p : undefined;
}

/** A pricing context over `prices` for the input's horizon. */
export function pricingContext(input: CostInput, prices: PriceTable): PricingContext {
  const used = new Map<string, PriceCitation>();
  const defaulted = new Set<string>();
  const tableOf = (region: string): { table: RegionPrices; prefix: string } => {
    const own = Object.hasOwn(prices.regions, region) ? prices.regions[region] : undefined;
    if (own !== undefined) return { table: own, prefix: `regions.${region}.` };
    defaulted.add(region);
    return { table: prices, prefix: '' };
  };
  return {
    origin: input.origin ?? 0,
    months: monthsOf(input),
    currency: prices.currency,
    price(region, path) {
      const { table, prefix } = tableOf(region);
      const p = leaf(table, path);
      if (p === undefined) throw new RangeError(`prices: no entry ${prefix}${path}`);
      const full = prefix + path;
      if (!used.has(full)) used.set(full, { path: full, ...p });
      return { value: p.value, path: full };
    },
    has(region, path) {
      return leaf(tableOf(region).table, path) !== undefined;
    },
    citations() {
      return [...used.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    },
    defaultRegions() {
      return [...defaulted].sort();
    },
  };
}
