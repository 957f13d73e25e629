// Hand-built RunResults for the cost reports: a run is its cost lines, and everything else
// the reports read from `cost` (months, per-meter totals, the splits by dimension, the price
// citations) is derived here the way the cost model defines it, so a test states only lines.

import { METER_UNITS as UNITS } from '../../models/pricing/monthly.js';
import type {
  CostDimension,
  CostLine,
  CostShare,
  Meter,
  MeterCost,
  MeterUnit,
  PriceCitation,
} from '../../models/pricing/types.js';
import { METERS } from '../../models/pricing/types.js';
import type { RunResult } from '../../models/results/types.js';

/** A vault-standard line of rsv-prod in March 2026; `over` changes any field (amount follows quantity × unitPrice unless given). */
export function aLine(over: Partial<CostLine> = {}): CostLine {
  const meter = over.meter ?? 'vaultStandard';
  const quantity = over.quantity ?? 100;
  const unitPrice = over.unitPrice ?? 0.056;
  return {
    month: '2026-03',
    meter,
    sku: 'Standard GRS Data Stored',
    vault: 'rsv-prod',
    policy: 'daily-30',
    region: 'eastus',
    item: null,
    resource: `vaults/${over.vault ?? 'rsv-prod'}/policies/${over.policy ?? 'daily-30'}`,
    quantity,
    unit: UNITS[meter],
    unitPrice,
    amount: quantity * unitPrice,
    price: 'vaultStorage.GRS',
    rule: 'average stored GB over the days of the month inside the run',
    ...over,
  };
}

const zero = (unit: MeterUnit): MeterCost => ({ amount: 0, quantity: 0, unit });
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function keyOf(l: CostLine, d: CostDimension): string {
  if (d === 'vault') return l.vault ?? '(none)';
  if (d === 'item') return l.item ?? '(none)';
  return l[d];
}

function split(lines: readonly CostLine[], d: CostDimension): CostShare[] {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(keyOf(l, d), (sums.get(keyOf(l, d)) ?? 0) + l.amount);
  return [...sums]
    .map(([key, amount]) => ({ key, amount }))
    .sort((a, b) => b.amount - a.amount || byCode(a.key, b.key));
}

/** Options of a hand-built run. */
export interface RunOver {
  scenario?: string;
  variant?: string;
  start?: string;
  end?: string;
  currency?: string;
  prices?: PriceCitation[];
  notes?: string[];
}

/** A RunResult whose cost is exactly `lines`; its total is their sum in order. */
export function aRun(lines: CostLine[], over: RunOver = {}): RunResult {
  const start = over.start ?? '2026-03-01T00:00:00.000Z';
  const end = over.end ?? '2026-04-01T00:00:00.000Z';
  const months = [...new Set(lines.map((l) => l.month))].sort(byCode).map((month) => {
    const meters = Object.fromEntries(METERS.map((m) => [m, zero(UNITS[m])])) as Record<Meter, MeterCost>;
    let total = 0;
    for (const l of lines)
      if (l.month === month) {
        const m = meters[l.meter];
        meters[l.meter] = { amount: m.amount + l.amount, quantity: m.quantity + l.quantity, unit: m.unit };
        total += l.amount;
      }
    return { month, from: 0, to: 0, fraction: 1, meters, total };
  });
  const totals = Object.fromEntries(METERS.map((m) => [m, zero(UNITS[m])])) as Record<Meter, MeterCost>;
  for (const l of lines) {
    const m = totals[l.meter];
    totals[l.meter] = { amount: m.amount + l.amount, quantity: m.quantity + l.quantity, unit: m.unit };
  }
  const total = lines.reduce((s, l) => s + l.amount, 0);
  const paths = [...new Set(lines.map((l) => l.price))].sort(byCode);
  const prices =
    over.prices ??
    paths.map((path) => ({
      path,
      value: lines.find((l) => l.price === path)?.unitPrice ?? 0,
      unit: 'USD per GB-month',
      source: 'docs/reference.md §8.3 (secondary)',
      date: '2026-04',
    }));
  const vaults = [...new Set(lines.map((l) => l.vault).filter((v): v is string => v !== null))].sort(byCode);
  const tiers = { snapshot: 0, standard: 0, archive: 0, softDeleted: 0 };
  return {
    scenario: over.scenario ?? 'costs',
    variant: over.variant ?? 'base',
    seed: 1,
    start,
    end,
    days: (Date.parse(end) - Date.parse(start)) / 86_400_000,
    eventsProcessed: 0,
    fingerprint: '0',
    vaults: vaults.map((name) => ({
      name,
      region: 'eastus',
      redundancy: 'GRS',
      crossRegionRestore: false,
      items: 0,
      storage: { end: tiers, peak: tiers },
      points: {
        end: { snapshot: 0, vault: 0, archive: 0, daily: 0, weekly: 0, monthly: 0, yearly: 0, onDemand: 0 },
        peak: { snapshot: 0, vault: 0, archive: 0, daily: 0, weekly: 0, monthly: 0, yearly: 0, onDemand: 0 },
      },
      daily: {
        day: [],
        snapshot: [],
        standard: [],
        archive: [],
        softDeleted: [],
        snapshotPoints: [],
        vaultPoints: [],
        archivePoints: [],
      },
    })),
    storage: { end: tiers, peak: tiers, diskSnapshots: { end: 0, peak: 0 } },
    jobs: [],
    cost: {
      currency: over.currency ?? 'USD',
      months,
      summary: {
        totals,
        total,
        monthsCovered: months.length,
        averagePerMonth: months.length === 0 ? 0 : total / months.length,
        yearlyRunRate: months.length === 0 ? 0 : (12 * total) / months.length,
        runRateBasis: 'average',
      },
      lines,
      by: {
        vault: split(lines, 'vault'),
        policy: split(lines, 'policy'),
        region: split(lines, 'region'),
        meter: split(lines, 'meter'),
        item: split(lines, 'item'),
      },
      prices,
      notes: over.notes ?? [],
    },
    dr: null,
    objectives: [],
    alerts: null,
    kept: [],
    diskFull: [],
    guarantees: [],
  };
}
