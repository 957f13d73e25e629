// RunResult → an ordered list of named numbers ("figures"): what comparisons and Monte
// Carlo sweeps aggregate. Every figure has a stable dotted name, a unit and a value
// rounded to that unit's precision; the list is sorted by section, then by name in code-unit
// order, so it never depends on a locale or on the order results came in. A model that adds
// a result adds its figures here once, and compare, sweep and merge pick them up.
//
//   storage.{end,peak}.<tier>, storage.diskSnapshots.{end,peak}          bytes
//   points.{end,peak}.<kind>           recovery points, summed over policies      count
//   cost.perMonth[.<meter>], cost.perYear, cost.total                    money
//   cost.by.<dimension>.<key>          over the run, only with { costBy: true } (compare)  money
//   jobs.<counter>, jobs.failed.<cause>, jobs.bytesTransferred           count / bytes
//   transfer.<policy>.{p95,max}        vault-transfer durations                  seconds
//   dr.incidents, dr.<group>.{rpo,rto}.{p50,p95,p99,max}, dr.<group>.{recoveries,unrecovered}
//   replication.<group>.peakRpo.{p95,max}                                 seconds
//   alerts.<rule>.{fired,notifications}                                  count
//   operations.{succeeded,blocked,failed}, security.<alert rule>.fired   count
//   attack.{points,lost,needUndelete}, attack.bytes     what survived an attack   count / bytes
//   objective.<metric>.<scope>.{pass,failed,target}   pass is 1 or 0, target in seconds

import type { CostDimension, Meter } from '../models/pricing/types.js';
import type { PointCounts, RunResult, Summary5, TierBytes } from '../models/results/types.js';
import {
  formatBytes,
  formatCount,
  formatMoney,
  formatSeconds,
  groupThousands,
  METER_ORDER,
  round,
} from './format.js';

/** What a figure counts; decides its precision and how reports format it. */
export type FigureUnit = 'bytes' | 'count' | 'money' | 'seconds' | 'pass';

/** One named number of a run. */
export interface Figure {
  name: string;
  unit: FigureUnit;
  value: number;
}

/** Decimals a figure (and its statistics) keeps, per unit. */
export const UNIT_DECIMALS: Readonly<Record<FigureUnit, number>> = {
  bytes: 0,
  count: 3,
  money: 2,
  seconds: 3,
  pass: 4,
};

/**
 * Units that measure an amount of something (counts, bytes, money): never negative, so no
 * interval of one goes below zero, and 0 in a replication that lacks the figure (a cause of
 * failure that did not occur there failed 0 times). Seconds and pass figures are statistics
 * of something that may not exist in a replication; they count only where present.
 */
export const AMOUNT_UNITS: ReadonlySet<FigureUnit> = new Set<FigureUnit>(['count', 'bytes', 'money']);

/** Sections in report order; a figure's section is its name up to the first dot. */
export const FIGURE_SECTIONS = [
  'storage',
  'points',
  'cost',
  'jobs',
  'transfer',
  'exposure',
  'dr',
  'replication',
  'alerts',
  'operations',
  'security',
  'attack',
  'objective',
] as const;

const sectionRank = (name: string): number => {
  const i = (FIGURE_SECTIONS as readonly string[]).indexOf(name.slice(0, name.indexOf('.')));
  return i < 0 ? FIGURE_SECTIONS.length : i;
};

/** The total order of figure names: by section (FIGURE_SECTIONS), then by code unit. */
export function compareFigureNames(a: string, b: string): number {
  const d = sectionRank(a) - sectionRank(b);
  if (d !== 0) return d;
  return a < b ? -1 : a > b ? 1 : 0;
}

const TIERS: (keyof TierBytes)[] = ['snapshot', 'standard', 'archive', 'softDeleted'];
const POINT_KINDS: (keyof PointCounts)[] = [
  'snapshot',
  'vault',
  'archive',
  'daily',
  'weekly',
  'monthly',
  'yearly',
  'onDemand',
];
const JOB_COUNTERS = ['scheduled', 'attempts', 'succeeded', 'failed', 'retried'] as const;

/** Which optional figures figuresOf adds. */
export interface FigureOptions {
  /** Per cost dimension (vault, policy, region, meter, item), each key's cost over the run: what compare shows. */
  costBy?: boolean;
}

/** The cost dimensions in report order (models/pricing COST_DIMENSIONS; reports import model types only). */
export const COST_BY_DIMENSIONS: readonly CostDimension[] = ['vault', 'policy', 'region', 'meter', 'item'];

/** The prefix of the cost-by-dimension figures: `cost.by.<dimension>.<key>`. */
export const COST_BY_PREFIX = 'cost.by.';

/** Flattens a run's results into its figures, sorted by compareFigureNames. */
export function figuresOf(r: RunResult, options: FigureOptions = {}): Figure[] {
  const out: Figure[] = [];
  const add = (name: string, unit: FigureUnit, value: number) => {
    // A figure is a finite number or absent: JSON cannot carry NaN or Infinity.
    if (Number.isFinite(value)) out.push({ name, unit, value: round(value, UNIT_DECIMALS[unit]) });
  };
  storageFigures(r, add);
  costFigures(r, add);
  // Item keys can number thousands, so sweeps (thousands of replications) leave them out.
  if (options.costBy === true)
    for (const d of COST_BY_DIMENSIONS)
      for (const share of r.cost.by[d]) add(`${COST_BY_PREFIX}${d}.${share.key}`, 'money', share.amount);
  jobFigures(r, add);
  drFigures(r, add);
  operationFigures(r, add);
  for (const rule of r.alerts?.rules ?? []) {
    add(`alerts.${rule.rule}.fired`, 'count', rule.fired);
    add(`alerts.${rule.rule}.notifications`, 'count', rule.notificationsSent);
  }
  for (const o of r.objectives) {
    const base = `objective.${o.metric}.${o.scope}`;
    // A skipped objective has no pass figure: a sweep's pass rate counts only runs that judged it.
    if (o.status !== 'skip') add(`${base}.pass`, 'pass', o.pass ? 1 : 0);
    add(`${base}.skipped`, 'count', o.status === 'skip' ? 1 : 0);
    add(`${base}.failed`, 'count', o.failedVms);
    add(`${base}.target`, 'seconds', o.targetSeconds);
  }
  return dedupeSorted(out);
}

type Add = (name: string, unit: FigureUnit, value: number) => void;

function storageFigures(r: RunResult, add: Add): void {
  for (const which of ['end', 'peak'] as const) {
    for (const tier of TIERS) add(`storage.${which}.${tier}`, 'bytes', r.storage[which][tier]);
    add(`storage.diskSnapshots.${which}`, 'bytes', r.storage.diskSnapshots[which]);
    // Run-level points are the sum over policies (as the run table shows them).
    for (const kind of POINT_KINDS)
      add(
        `points.${which}.${kind}`,
        'count',
        r.jobs.reduce((s, j) => s + j.points[which][kind], 0),
      );
  }
}

function costFigures(r: RunResult, add: Add): void {
  const s = r.cost.summary;
  add('cost.perMonth', 'money', s.averagePerMonth);
  add('cost.perYear', 'money', s.yearlyRunRate);
  add('cost.total', 'money', s.total);
  const perMonth = (m: Meter) => (s.monthsCovered > 0 ? s.totals[m].amount / s.monthsCovered : 0);
  for (const m of METER_ORDER) add(`cost.perMonth.${m}`, 'money', perMonth(m));
}

function jobFigures(r: RunResult, add: Add): void {
  for (const c of JOB_COUNTERS)
    add(
      `jobs.${c}`,
      'count',
      r.jobs.reduce((s, j) => s + j[c], 0),
    );
  add(
    'jobs.bytesTransferred',
    'bytes',
    r.jobs.reduce((s, j) => s + j.bytesTransferred, 0),
  );
  const causes = new Map<string, number>();
  for (const j of r.jobs)
    for (const [cause, n] of Object.entries(j.failedByCause)) causes.set(cause, (causes.get(cause) ?? 0) + n);
  for (const [cause, n] of causes) add(`jobs.failed.${cause}`, 'count', n);
  for (const j of r.jobs) {
    if (j.transferSeconds.count === 0) continue;
    add(`transfer.${j.policy}.p95`, 'seconds', j.transferSeconds.p95);
    add(`transfer.${j.policy}.max`, 'seconds', j.transferSeconds.max);
  }
  for (const j of r.jobs) {
    if (j.rpoExposureSeconds.count === 0) continue;
    add(`exposure.${j.policy}.p95`, 'seconds', j.rpoExposureSeconds.p95);
    add(`exposure.${j.policy}.max`, 'seconds', j.rpoExposureSeconds.max);
  }
}

function drFigures(r: RunResult, add: Add): void {
  if (r.dr === null) return;
  add('dr.incidents', 'count', r.dr.incidents.length);
  // Faults drawn past the end: a sweep's mean is how many per replication did not happen (with
  // one drawn fault, the share of replications that lacked it).
  add('dr.pastEnd', 'count', r.dr.pastEnd.length);
  const percentiles = (name: string, s: Summary5) => {
    if (s.count === 0) return;
    add(`${name}.p50`, 'seconds', s.p50);
    add(`${name}.p95`, 'seconds', s.p95);
    add(`${name}.p99`, 'seconds', s.p99);
    add(`${name}.max`, 'seconds', s.max);
  };
  for (const g of r.dr.byGroup) {
    add(`dr.${g.group}.recoveries`, 'count', g.recoveries);
    add(`dr.${g.group}.unrecovered`, 'count', g.unrecovered);
    percentiles(`dr.${g.group}.rpo`, g.rpoSeconds);
    percentiles(`dr.${g.group}.rto`, g.rtoSeconds);
  }
  for (const g of r.dr.replication) {
    if (g.peakRpoSeconds.count === 0) continue;
    add(`replication.${g.group}.peakRpo.p95`, 'seconds', g.peakRpoSeconds.p95);
    add(`replication.${g.group}.peakRpo.max`, 'seconds', g.peakRpoSeconds.max);
  }
}

// Operations (issue 14): outcomes, security alerts fired, and what survived the attack.
function operationFigures(r: RunResult, add: Add): void {
  const ops = r.operations;
  if (ops === undefined) return;
  for (const outcome of ['succeeded', 'blocked', 'failed'] as const)
    add(`operations.${outcome}`, 'count', ops.log.filter((o) => o.outcome === outcome).length);
  const fired = new Map<string, number>();
  for (const a of ops.alerts) fired.set(a.rule, (fired.get(a.rule) ?? 0) + 1);
  for (const [rule, n] of fired) add(`security.${rule}.fired`, 'count', n);
  if (ops.attack === null) return;
  add('attack.points', 'count', ops.attack.points);
  add('attack.bytes', 'bytes', ops.attack.bytes);
  add('attack.lost', 'count', ops.attack.lost);
  add('attack.needUndelete', 'count', ops.attack.needUndelete);
}

// Sorted by name; should two results ever produce one name, the first is kept, so a name
// always means one number.
function dedupeSorted(figures: Figure[]): Figure[] {
  const sorted = figures
    .map((f, i) => ({ f, i }))
    .sort((a, b) => compareFigureNames(a.f.name, b.f.name) || a.i - b.i)
    .map((x) => x.f);
  return sorted.filter((f, i) => i === 0 || sorted[i - 1].name !== f.name);
}

/** A figure's value for people: bytes in binary units, money with its currency, durations short, pass as a percentage. */
export function formatFigure(value: number, unit: FigureUnit, currency: string): string {
  switch (unit) {
    case 'bytes':
      return formatBytes(value);
    case 'money':
      return formatMoney(value, currency);
    case 'seconds':
      return `${value < 0 ? '-' : ''}${formatSeconds(Math.abs(value))}`;
    case 'pass':
      return `${round(value * 100, 1).toFixed(1)}%`;
    default:
      return Number.isInteger(value) ? formatCount(value) : groupThousands(value, 1);
  }
}

/** A signed difference of figures: "+1.20 GiB", "-$3.00", "+5.0 pp" for pass rates, "0" when none. */
export function formatFigureDelta(delta: number, unit: FigureUnit, currency: string): string {
  if (round(delta, UNIT_DECIMALS[unit]) === 0) return '0';
  const sign = delta < 0 ? '-' : '+';
  if (unit === 'pass') return `${sign}${round(Math.abs(delta) * 100, 1).toFixed(1)} pp`;
  return `${sign}${formatFigure(Math.abs(delta), unit, currency)}`;
}
