// A KQL query as a log search alert rule's condition (docs/reference.md §7.3). Azure runs
// the query over each period of the lookback; the rule's evaluator (models/monitor) keeps
// per-minute buckets of one measure per split series, so a rule's query must have that shape:
//
//   Table | where / extend / project … | summarize <one aggregation> by <columns>[, bin(TimeGenerated, p)]
//
// or no summarize at all (the measure is then the count of rows, "Table rows"). The
// aggregation is count(), countif(), sum(), avg(), min() or max(); the by columns split the
// rule (at most six, §7.3); bin(TimeGenerated, p) names the aggregation granularity, which
// must be the rule's period (lookback / violations.of). Everything else — a second summarize,
// top, order, take, dcount, a where on ago() (the lookback is the time range) — is a problem
// naming what is not allowed and where, never a different rule.

import type { Expr, Operator, Query } from './ast.js';
import { parseQuery } from './parser.js';
import { planQuery } from './plan.js';
import { KqlError, type KqlProblem } from './problems.js';
import { compileExpr, type Scope } from './scalar.js';
import type { Row, Schema } from './values.js';

/** The evaluator's aggregations (models/monitor/types.ts Aggregation). */
export type AlertAggregation = 'count' | 'total' | 'average' | 'minimum' | 'maximum';

/** A query checked to be an alert condition: plain data, kept in the scenario's rule. */
export interface AlertQuery {
  /** The query as written. */
  text: string;
  query: Query;
  table: string;
  aggregation: AlertAggregation;
  /** The split columns (summarize's by, less the bin), in order. */
  splitBy: string[];
  /** bin(TimeGenerated, size) of summarize's by, or null. */
  bin: { size: number; at: number } | null;
}

/** Most split dimensions of a log alert rule (§7.3). */
export const MAX_ALERT_SPLIT = 6;

const AGGREGATIONS: Readonly<Record<string, AlertAggregation>> = {
  count: 'count',
  countif: 'total',
  sum: 'total',
  avg: 'average',
  min: 'minimum',
  max: 'maximum',
};

/** Reads `text` as an alert rule's query over `schema`; every problem comes back (parse errors: the first). */
export function readAlertQuery(
  text: string,
  schema: Schema,
): { alert: AlertQuery | null; problems: KqlProblem[] } {
  let query: Query;
  try {
    query = parseQuery(text);
  } catch (error) {
    if (error instanceof KqlError) return { alert: null, problems: error.problems };
    throw error;
  }
  const { plan, problems } = planQuery(query, schema, Number.NaN);
  if (plan === null) return { alert: null, problems };
  const out: KqlProblem[] = [];
  if (plan.clockReadAt !== null)
    out.push({ code: 'alert', at: plan.clockReadAt, reason: 'time-function', name: '' });
  const last = query.ops.findIndex((op) => op.op === 'summarize');
  query.ops.forEach((op, i) => {
    if (op.op === 'where' || op.op === 'extend' || op.op === 'project') {
      if (last >= 0 && i > last)
        out.push({ code: 'alert', at: op.at, reason: 'after-summarize', name: op.op });
    } else if (op.op !== 'summarize' || i !== last)
      out.push({
        code: 'alert',
        at: op.at,
        reason: i > last && last >= 0 ? 'after-summarize' : 'operator',
        name: op.op,
      });
  });
  const summarize = last < 0 ? null : (query.ops[last] as Extract<Operator, { op: 'summarize' }>);
  let aggregation: AlertAggregation = 'count';
  const splitBy: string[] = [];
  let bin: AlertQuery['bin'] = null;
  if (summarize !== null) {
    if (summarize.aggs.length !== 1)
      out.push({ code: 'alert', at: summarize.at, reason: 'measures', name: String(summarize.aggs.length) });
    const agg = summarize.aggs[0];
    if (agg !== undefined) {
      const how = AGGREGATIONS[agg.fn];
      if (how === undefined) out.push({ code: 'alert', at: agg.at, reason: 'aggregate', name: agg.fn });
      else aggregation = how;
    }
    let unnamed = 0;
    for (const b of summarize.by) {
      const size = binSize(b.expr);
      if (size === 'other') out.push({ code: 'alert', at: b.at, reason: 'bin-column', name: '' });
      else if (size !== null && bin === null) bin = { size, at: b.expr.at };
      else if (size !== null) out.push({ code: 'alert', at: b.at, reason: 'bin-column', name: '' });
      else splitBy.push(b.name ?? (b.expr.k === 'name' ? b.expr.name : `Column${++unnamed}`));
    }
    if (splitBy.length > MAX_ALERT_SPLIT)
      out.push({ code: 'alert', at: summarize.at, reason: 'split-limit', name: String(splitBy.length) });
  }
  if (out.length > 0) return { alert: null, problems: out };
  return { alert: { text, query, table: query.table.name, aggregation, splitBy, bin }, problems: [] };
}

// bin(TimeGenerated, <timespan literal>) → its size; a bin or floor of anything else → 'other'; not a bin → null.
function binSize(e: Expr): number | 'other' | null {
  if (e.k !== 'call' || (e.fn !== 'bin' && e.fn !== 'floor')) return null;
  const [col, size] = e.args;
  if (col?.k !== 'name' || col.name !== 'TimeGenerated' || size?.k !== 'lit' || size.type !== 'timespan')
    return 'other';
  return size.value as number;
}

/** One row's part in the rule: its split dimensions and the measure's input (1 a row for count), or null when filtered out. */
export type AlertRowMapper = (row: Row) => { dims: Row; value: number } | null;

/** Compiles a checked alert query into a row mapper over `schema`. */
export function alertRows(alert: AlertQuery, schema: Schema): AlertRowMapper {
  const last = alert.query.ops.findIndex((op) => op.op === 'summarize');
  const before = last < 0 ? alert.query.ops : alert.query.ops.slice(0, last);
  const { plan, problems } = planQuery({ ...alert.query, ops: before }, schema, Number.NaN);
  if (plan === null) throw new KqlError(problems);
  const rowwise = plan.rowwise();
  const scope: Scope = {
    columns: new Map(plan.columns.map((c) => [c.name, c.type])),
    lets: new Map(),
    problems: [],
    clock: { now: Number.NaN, readAt: null },
  };
  const summarize = last < 0 ? null : (alert.query.ops[last] as Extract<Operator, { op: 'summarize' }>);
  const split = (summarize?.by ?? [])
    .filter((b) => binSize(b.expr) === null)
    .map((b, i) => ({ name: alert.splitBy[i], fn: compileExpr(b.expr, scope).fn }));
  const agg = summarize?.aggs[0];
  const measure = agg === undefined || agg.fn === 'count' ? null : compileExpr(agg.args[0], scope).fn;
  const counting = agg?.fn === 'countif';
  return (input) => {
    const row = rowwise(input);
    if (row === null) return null;
    let value = 1;
    if (measure !== null) {
      const v = measure(row);
      if (counting) value = v === true ? 1 : 0;
      else if (typeof v === 'number' && !Number.isNaN(v)) value = v;
      else return null;
    }
    // Without summarize the rule's own splitBy names columns of the row.
    if (summarize === null) return { dims: row, value };
    const dims: Row = {};
    for (const s of split) dims[s.name] = s.fn(row);
    return { dims, value };
  };
}
