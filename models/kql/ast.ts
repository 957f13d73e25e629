// The syntax tree of the KQL subset vaultsim reads (docs/monitoring.md, "KQL"): plain JSON-safe
// data, so a parsed alert rule travels inside a scenario (to sweep workers) as it is. Every node
// keeps `at`, its offset in the query text, for positioned errors.

/** A column or value type of the subset (Kusto's scalar types; long and real are both numbers). */
export type KType = 'string' | 'long' | 'real' | 'bool' | 'datetime' | 'timespan';

/**
 * A value at run time: text, a number (datetime: epoch ms; timespan: ms), a boolean, or null.
 * The type travels statically (check.ts), not with the value.
 */
export type Value = string | number | boolean | null;

/** Binary operators, Kusto's spelling. */
export type BinaryOp =
  | 'or'
  | 'and'
  | '=='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '=~'
  | '!~'
  | 'has'
  | '!has'
  | 'has_cs'
  | 'contains'
  | '!contains'
  | 'contains_cs'
  | 'startswith'
  | '!startswith'
  | 'startswith_cs'
  | 'endswith'
  | '!endswith'
  | '+'
  | '-'
  | '*'
  | '/'
  | '%';

/** A scalar expression. */
export type Expr =
  | { k: 'lit'; at: number; type: KType; value: Value }
  | { k: 'name'; at: number; name: string }
  | { k: 'call'; at: number; fn: string; args: Expr[] }
  | { k: 'neg'; at: number; arg: Expr }
  | { k: 'bin'; at: number; op: BinaryOp; left: Expr; right: Expr }
  | { k: 'in'; at: number; negate: boolean; ci: boolean; left: Expr; list: Expr[] };

/** `name = expr`, or a bare expression (its name derived, or null when none can be). */
export interface Assign {
  at: number;
  name: string | null;
  expr: Expr;
}

/** An aggregation call in summarize: `count()`, `sum(x)`, `arg_max(x, *)`, … */
export interface Aggregate {
  at: number;
  /** The output column name given with `name =`, or null (derived: count_, sum_x, …). */
  name: string | null;
  fn: string;
  args: Expr[];
  /** arg_max / arg_min with `*`: every column comes along. */
  star: boolean;
}

/** One sort key of order by / top. */
export interface SortKey {
  at: number;
  expr: Expr;
  /** Kusto's default is descending. */
  desc: boolean;
  /** Nulls first: Kusto's default is nulls last when descending, first when ascending. */
  nullsFirst: boolean;
}

/** A tabular operator after a pipe. */
export type Operator =
  | { op: 'where'; at: number; pred: Expr }
  | { op: 'extend'; at: number; cols: Assign[] }
  | { op: 'project'; at: number; cols: Assign[] }
  | { op: 'summarize'; at: number; aggs: Aggregate[]; by: Assign[] }
  | { op: 'top'; at: number; n: number; key: SortKey }
  | { op: 'order'; at: number; keys: SortKey[] }
  | { op: 'take'; at: number; n: number }
  | { op: 'count'; at: number };

/** A `let name = scalar;` statement. */
export interface Let {
  at: number;
  name: string;
  expr: Expr;
}

/** A whole query: let statements, a table, then operators. */
export interface Query {
  lets: Let[];
  table: { at: number; name: string };
  ops: Operator[];
}
