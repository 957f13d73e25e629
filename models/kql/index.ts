// KQL (Kusto Query Language), the subset log search alert rules and `vaultsim query` read
// (docs/monitoring.md, "KQL"): a lexer and parser of our own (issue 19 weighed
// @kusto/language-service-next: 16 MB of transpiled C#, ~250 ms to load and ~1.4 s to its
// first parse, and no evaluator), a checker that types every expression against the tables'
// columns, and a streaming evaluator. Nothing here knows about backup.

export * from './alert.js';
export type * from './ast.js';
export { AGGREGATIONS, FUNCTIONS, KUSTO_EPOCH } from './functions.js';
export { parseDatetime, parseTimespanText, TIMESPAN_UNITS } from './lexer.js';
export { parseQuery } from './parser.js';
export { MAX_RESULT_ROWS, type Plan, planQuery, type QueryResult, type QueryRun } from './plan.js';
export * from './problems.js';
export * from './query.js';
export * from './values.js';
