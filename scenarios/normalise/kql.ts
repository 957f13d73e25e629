// KQL in a scenario (issue 19): a log alert rule's `query:` read against the tables rules can
// read (models/signals.ts), its shape checked (models/kql/alert.ts), its bin matched to the
// rule's period; every problem an issue at the query's own line and column in the file, with
// the offset in the query.

import { singleColumn } from '../../models/kql/aggregates.js';
import { type AlertQuery, readAlertQuery } from '../../models/kql/alert.js';
import type { KqlProblem } from '../../models/kql/problems.js';
import type { LogMeasure } from '../../models/monitor/types.js';
import { ALERT_SCHEMA, DIAGNOSTICS_ONLY } from '../../models/signals.js';
import { DIAG_MSG, kqlMessage, type QueryPlace } from '../messages-kql.js';
import { formatPath, type PathSegment } from '../source.js';
import { formatDuration } from '../units.js';
import type { Context } from './context.js';

/** Records each problem of the query at `path` as an issue at its character, naming the query offset. */
export function addKqlProblems(
  ctx: Context,
  path: readonly PathSegment[],
  problems: readonly KqlProblem[],
  place: QueryPlace,
): void {
  for (const p of problems) {
    const { line, column } = ctx.source.charAt?.(path, p.at) ?? ctx.source.locate(path);
    ctx.issues.push({
      code: p.code === 'unknown-table' || p.code === 'unknown-column' ? 'unknown-signal' : 'invalid-query',
      severity: 'error',
      path: formatPath(path),
      file: ctx.source.file,
      line,
      column,
      message: `${kqlMessage(p, place)} (query offset ${p.at})`,
    });
  }
}

/** A query rule's parts: the checked query, its table, measure and split. */
export interface QueryRuleParts {
  query: AlertQuery;
  table: string;
  measure: LogMeasure;
  splitBy: string[];
}

/**
 * Reads a rule's `query:`; null after recording its issues. `splitBy` is the rule's own (only
 * for a query without summarize), `diagnostics` the tables the scenario's diagnostics send
 * (null: the scenario has no diagnostics section; undefined: not a scenario, a test case).
 */
export function readQueryRule(
  ctx: Context,
  text: string,
  path: readonly PathSegment[],
  splitBy: readonly string[],
  diagnostics: ReadonlySet<string> | null | undefined,
): QueryRuleParts | null {
  const at = [...path, 'query'];
  const { alert, problems } = readAlertQuery(text, ALERT_SCHEMA);
  if (alert === null) {
    addKqlProblems(ctx, at, problems, 'rule');
    return null;
  }
  const summarize = alert.query.ops.find((op) => op.op === 'summarize');
  if (summarize !== undefined && splitBy.length > 0) {
    addKqlProblems(
      ctx,
      at,
      [{ code: 'alert', at: summarize.at, reason: 'split-with-summarize', name: '' }],
      'rule',
    );
    return null;
  }
  if (
    diagnostics !== undefined &&
    DIAGNOSTICS_ONLY.has(alert.table) &&
    diagnostics?.has(alert.table) !== true
  ) {
    ctx.add('unknown-signal', at, DIAG_MSG.notSent(alert.table));
    return null;
  }
  const agg = summarize?.op === 'summarize' ? summarize.aggs[0] : undefined;
  const measure: LogMeasure =
    alert.aggregation === 'count'
      ? { aggregation: 'count' }
      : { aggregation: alert.aggregation, field: singleColumn(agg?.args[0]) ?? agg?.fn ?? 'value' };
  return {
    query: alert,
    table: alert.table,
    measure,
    splitBy: summarize === undefined ? [...splitBy] : alert.splitBy,
  };
}

/** Checks that the query's bin(TimeGenerated, …) is the rule's period; records an issue when not. */
export function checkBin(
  ctx: Context,
  parts: QueryRuleParts,
  path: readonly PathSegment[],
  period: number,
): boolean {
  const bin = parts.query.bin;
  if (bin === null || bin.size === period) return true;
  addKqlProblems(
    ctx,
    [...path, 'query'],
    [{ code: 'alert', at: bin.at, reason: 'bin-size', name: formatDuration(period) }],
    'rule',
  );
  return false;
}
