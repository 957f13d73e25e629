// `vaultsim explain cost`: the cost lines behind a figure of a run, each with its meter, its
// quantity and unit, the unit price and where that price comes from (the price table's
// citation: list price with its date, an assumption, or the scenario's override), and the
// rule that counted the quantity; then their total. Pure: a RunResult and filters in, an
// object (what --json prints) and its text out.

import type { CostLine, Meter, PriceCitation } from '../models/pricing/types.js';
import type { RunResult } from '../models/results/types.js';
import { listOf } from './explain-rpo.js';
import { formatDecimals, formatMoney, formatUnitPrice, METER_LABELS, METER_ORDER } from './format.js';

/** Which lines to explain: every given filter must match (none given: every line). */
export interface CostFilter {
  vault?: string;
  /** UTC calendar month, "YYYY-MM". */
  month?: string;
  item?: string;
  meter?: string;
}

/** Where a line's unit price comes from. */
export interface ExplainedPrice {
  path: string;
  value: number;
  unit: string;
  source: string;
  date: string;
  assumption: string | null;
  /** Whether the scenario set the number (a bare override, cited as "override"). */
  override: boolean;
}

/** One cost line with its price's citation. */
export interface ExplainedLine {
  month: string;
  meter: Meter;
  sku: string;
  vault: string | null;
  policy: string;
  region: string;
  item: string | null;
  resource: string;
  quantity: number;
  unit: string;
  unitPrice: number;
  amount: number;
  /** The price-table path of the unit price. */
  price: string;
  /** Its citation, or null when the run recorded none for the path. */
  citation: ExplainedPrice | null;
  rule: string;
}

/** What `explain cost` prints: the selected lines and their total (amounts unrounded). */
export interface CostExplanation {
  scenario: string;
  variant: string;
  seed: number;
  currency: string;
  filter: { vault: string | null; month: string | null; item: string | null; meter: string | null };
  lines: ExplainedLine[];
  /** Sum of the selected lines' amounts. */
  total: number;
  /** The run's whole cost, for scale. */
  runTotal: number;
}

const sorted = (values: Iterable<string | null>): string[] =>
  [...new Set([...values].filter((v): v is string => v !== null))].sort((a, b) =>
    a < b ? -1 : a > b ? 1 : 0,
  );

/** The filters that name nothing in the run, one message each (listing what exists); empty when all are fine. */
export function costFilterProblems(result: RunResult, filter: CostFilter): string[] {
  const lines = result.cost.lines;
  const problems: string[] = [];
  if (filter.vault !== undefined) {
    const vaults = sorted([...result.vaults.map((v) => v.name), ...lines.map((l) => l.vault)]);
    if (!vaults.includes(filter.vault))
      problems.push(`--vault ${filter.vault}: no such vault in the run (vaults: ${listOf(vaults)}).`);
  }
  if (filter.month !== undefined) {
    const months = result.cost.months.map((m) => m.month);
    if (!/^\d{4}-\d{2}$/.test(filter.month))
      problems.push(`--month ${filter.month}: expected a month as YYYY-MM (the run has ${listOf(months)}).`);
    else if (!months.includes(filter.month))
      problems.push(`--month ${filter.month}: the run does not cover that month (it has ${listOf(months)}).`);
  }
  if (filter.item !== undefined) {
    const items = sorted(lines.map((l) => l.item));
    if (!items.includes(filter.item))
      problems.push(`--item ${filter.item}: no cost line is for that item (items: ${listOf(items)}).`);
  }
  if (filter.meter !== undefined && !(METER_ORDER as string[]).includes(filter.meter))
    problems.push(`--meter ${filter.meter}: no such meter (meters: ${METER_ORDER.join(', ')}).`);
  return problems;
}

const matches = (l: CostLine, f: CostFilter): boolean =>
  (f.vault === undefined || l.vault === f.vault) &&
  (f.month === undefined || l.month === f.month) &&
  (f.item === undefined || l.item === f.item) &&
  (f.meter === undefined || l.meter === f.meter);

const citation = (p: PriceCitation | undefined): ExplainedPrice | null =>
  p === undefined
    ? null
    : {
        path: p.path,
        value: p.value,
        unit: p.unit,
        source: p.source,
        date: p.date,
        assumption: p.assumption ?? null,
        override: p.source === 'override',
      };

/** The lines of `result` that match `filter`, each with its price's citation, and their total. */
export function explainCost(result: RunResult, filter: CostFilter): CostExplanation {
  const prices = new Map(result.cost.prices.map((p) => [p.path, p]));
  const lines = result.cost.lines
    .filter((l) => matches(l, filter))
    .map((l) => ({ ...l, citation: citation(prices.get(l.price)) }));
  return {
    scenario: result.scenario,
    variant: result.variant,
    seed: result.seed,
    currency: result.cost.currency,
    filter: {
      vault: filter.vault ?? null,
      month: filter.month ?? null,
      item: filter.item ?? null,
      meter: filter.meter ?? null,
    },
    lines,
    total: lines.reduce((sum, l) => sum + l.amount, 0),
    runTotal: result.cost.summary.total,
  };
}

function priceText(p: ExplainedPrice | null, path: string): string {
  if (p === null) return `${path} (no citation recorded)`;
  const origin = p.override ? 'scenario override' : `${p.source}, ${p.date}`;
  const assumption = p.assumption === null ? '' : `; assumption: ${p.assumption}`;
  return `${p.path} = ${p.value} ${p.unit}: ${origin}${assumption}`;
}

function describeFilter(f: CostExplanation['filter']): string {
  const parts = [
    f.vault === null ? null : `vault ${f.vault}`,
    f.month === null ? null : `month ${f.month}`,
    f.item === null ? null : `item ${f.item}`,
    f.meter === null ? null : `meter ${f.meter}`,
  ].filter((p) => p !== null);
  return parts.length === 0 ? 'every cost line' : `cost lines of ${parts.join(', ')}`;
}

/** The explanation as the text `explain cost` prints: a block per line, then the total. */
export function renderCostExplanation(e: CostExplanation): string {
  const money = (n: number) => formatMoney(n, e.currency);
  const out = [`${e.scenario} (${e.variant}, seed ${e.seed}): ${describeFilter(e.filter)}`, ''];
  for (const l of e.lines) {
    const where = [
      l.vault === null ? null : `vault ${l.vault}`,
      `policy ${l.policy}`,
      l.item === null ? null : `item ${l.item}`,
      `region ${l.region}`,
    ].filter((p) => p !== null);
    out.push(
      `${l.month}  ${METER_LABELS[l.meter]}: ${l.sku}`,
      `  for       ${where.join(', ')} (${l.resource})`,
      `  quantity  ${formatDecimals(l.quantity, 0, 3)} ${l.unit} × ${formatUnitPrice(l.unitPrice, e.currency)} = ${money(l.amount)}`,
      `  price     ${priceText(l.citation, l.price)}`,
      `  rule      ${l.rule}`,
      '',
    );
  }
  const n = e.lines.length;
  out.push(
    n === 0
      ? `No cost line matches; the run cost ${money(e.runTotal)} in all.`
      : `Total of ${n} line${n === 1 ? '' : 's'}: ${money(e.total)} (the run: ${money(e.runTotal)}).`,
  );
  return `${out.join('\n')}\n`;
}
