// A query from text to answer: parse, check against the tables, then stream rows through.

import { parseQuery } from './parser.js';
import { type Plan, planQuery, type QueryResult } from './plan.js';
import { KqlError, type KqlProblem } from './problems.js';
import type { Row, Schema } from './values.js';

/** Parses and checks `text` over `schema`, now() being `now` (epoch ms); the plan, or every problem. */
export function prepareQuery(
  text: string,
  schema: Schema,
  now: number,
): { plan: Plan | null; problems: KqlProblem[] } {
  try {
    return planQuery(parseQuery(text), schema, now);
  } catch (error) {
    if (error instanceof KqlError) return { plan: null, problems: error.problems };
    throw error;
  }
}

/** Runs a plan over rows of its table. */
export function runPlan(plan: Plan, rows: Iterable<Row>): QueryResult {
  const run = plan.start();
  for (const r of rows) run.push(r);
  return run.finish();
}
