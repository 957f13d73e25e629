// A parsed query checked against the tables it may read and compiled into stages that rows
// stream through: where, extend and project a row at a time; summarize, top and order at the
// end. Only what a stage needs is kept (summarize: one accumulator per group; top: N rows; take:
// N rows), so a query over a fleet-year of rows holds its answer, not its input. Results are
// cut at 500,000 rows, Kusto's default `truncationmaxrecords`.

import type { Assign, KType, Operator, Query, SortKey, Value } from './ast.js';
import type { KqlProblem } from './problems.js';
import { type Compiled, compileExpr, type Scope } from './scalar.js';
import { compileSummarize } from './summarize.js';
import { type Column, type Row, type Schema, sortCompare } from './values.js';

/** Kusto's default result limit (`truncationmaxrecords`). */
export const MAX_RESULT_ROWS = 500_000;

/** A query's answer: its columns, its rows (values in column order), and whether it was cut. */
export interface QueryResult {
  columns: Column[];
  rows: Value[][];
  truncated: boolean;
}

/** Receives rows one at a time, then the end. */
export interface Sink {
  push(row: Row): void;
  end(): void;
}

/** Feeds one run of a planned query: push the table's rows, then finish. */
export interface QueryRun {
  push(row: Row): void;
  finish(): QueryResult;
}

/** A checked, compiled query. */
export interface Plan {
  /** The table it reads. */
  table: string;
  /** Its result's columns. */
  columns: Column[];
  /** Where the query first reads the clock (ago, now), or null: an alert query must not. */
  clockReadAt: number | null;
  /** Starts a run. */
  start(): QueryRun;
  /**
   * For a query of row-at-a-time operators only (where, extend, project): each input row's
   * output row, or null when a where drops it.
   */
  rowwise(): (row: Row) => Row | null;
}

/** Builds a stage that feeds `next`. */
export type StageFactory = (next: Sink) => Sink;

/** Checks `query` against `schema` with now() = `now` (epoch ms); problems come back, all of them. */
export function planQuery(
  query: Query,
  schema: Schema,
  now: number,
): { plan: Plan | null; problems: KqlProblem[] } {
  const problems: KqlProblem[] = [];
  const scope: Scope = { columns: new Map(), lets: new Map(), problems, clock: { now, readAt: null } };
  const lets = new Map<string, { type: KType; value: Value }>();
  for (const l of query.lets) {
    const c = compileExpr(l.expr, { ...scope, lets });
    if (c.type !== null) lets.set(l.name, { type: c.type, value: c.fn({}) });
  }
  const tableColumns = schema.get(query.table.name);
  if (tableColumns === undefined) {
    problems.push({
      code: 'unknown-table',
      at: query.table.at,
      name: query.table.name,
      known: [...schema.keys()],
    });
    return { plan: null, problems };
  }
  let columns: Column[] = [...tableColumns];
  const stages: StageFactory[] = [];
  for (const op of query.ops) {
    const step = compileOperator(op, columns, {
      ...scope,
      lets,
      columns: new Map(columns.map((c) => [c.name, c.type])),
    });
    if (step === null) break;
    columns = step.columns;
    stages.push(step.stage);
  }
  if (problems.length > 0) return { plan: null, problems };
  const out = columns;
  return {
    problems,
    plan: {
      table: query.table.name,
      columns: out,
      clockReadAt: scope.clock.readAt,
      start: () => {
        const rows: Value[][] = [];
        let truncated = false;
        const collect: Sink = {
          push: (r) => {
            if (rows.length < MAX_RESULT_ROWS) rows.push(out.map((c) => r[c.name] ?? null));
            else truncated = true;
          },
          end: () => {},
        };
        const head = stages.reduceRight<Sink>((next, make) => make(next), collect);
        return {
          push: (r) => head.push(r),
          finish: () => {
            head.end();
            return { columns: out, rows, truncated };
          },
        };
      },
      rowwise: () => {
        let captured: Row | null = null;
        const capture: Sink = {
          push: (r) => {
            captured = r;
          },
          end: () => {},
        };
        const head = stages.reduceRight<Sink>((next, make) => make(next), capture);
        return (r) => {
          captured = null;
          head.push(r);
          return captured;
        };
      },
    },
  };
}

// One operator: its output columns and its stage; null after a problem that leaves the columns unknown.
function compileOperator(
  op: Operator,
  columns: Column[],
  scope: Scope,
): { columns: Column[]; stage: StageFactory } | null {
  switch (op.op) {
    case 'where': {
      const pred = compileExpr(op.pred, scope);
      if (pred.type !== null && pred.type !== 'bool')
        scope.problems.push({
          code: 'type',
          at: op.pred.at,
          what: 'where',
          expected: 'a condition (true or false)',
          got: pred.type,
        });
      return {
        columns,
        stage: (next) => ({
          push: (r) => {
            if (pred.fn(r) === true) next.push(r);
          },
          end: () => next.end(),
        }),
      };
    }
    case 'extend':
    case 'project':
      return compileColumns(op.op, op.cols, columns, scope);
    case 'summarize':
      return compileSummarize(op, columns, scope);
    case 'top':
    case 'order': {
      const keys = (op.op === 'top' ? [op.key] : op.keys).map((k) => ({ k, c: compileExpr(k.expr, scope) }));
      const limit = op.op === 'top' ? op.n : Number.POSITIVE_INFINITY;
      return { columns, stage: (next) => sorter(keys, limit, next) };
    }
    case 'take':
      return {
        columns,
        stage: (next) => {
          let n = 0;
          return {
            push: (r) => {
              if (n++ < op.n) next.push(r);
            },
            end: () => next.end(),
          };
        },
      };
    case 'count':
      return {
        columns: [{ name: 'Count', type: 'long' }],
        stage: (next) => {
          let n = 0;
          return {
            push: () => {
              n++;
            },
            end: () => {
              next.push({ Count: n });
              next.end();
            },
          };
        },
      };
  }
}

// extend adds (or replaces in place) columns, each seeing the ones before; project keeps only its own.
function compileColumns(
  kind: 'extend' | 'project',
  cols: Assign[],
  columns: Column[],
  scope: Scope,
): { columns: Column[]; stage: StageFactory } {
  const out: Column[] = kind === 'extend' ? [...columns] : [];
  const visible = new Map(scope.columns);
  const steps: { name: string; c: Compiled }[] = [];
  let unnamed = 0;
  for (const a of cols) {
    const c = compileExpr(a.expr, { ...scope, columns: visible });
    const name = a.name ?? (a.expr.k === 'name' ? a.expr.name : `Column${++unnamed}`);
    const type: KType = c.type ?? 'string';
    const i = out.findIndex((x) => x.name === name);
    if (i >= 0 && kind === 'project') scope.problems.push({ code: 'duplicate-column', at: a.at, name });
    if (i >= 0) out[i] = { name, type };
    else out.push({ name, type });
    visible.set(name, type);
    steps.push({ name, c });
  }
  const keep = kind === 'extend';
  return {
    columns: out,
    stage: (next) => ({
      push: (r) => {
        const row: Row = keep ? { ...r } : {};
        // extend: each column sees those before it in the same operator.
        for (const s of steps) row[s.name] = s.c.fn(keep ? row : { ...r, ...row });
        next.push(row);
      },
      end: () => next.end(),
    }),
  };
}

// order by / top: rows kept (top: the best `limit`, trimmed as they come), sorted at the end; ties keep input order.
function sorter(keys: { k: SortKey; c: Compiled }[], limit: number, next: Sink): Sink {
  let rows: { r: Row; i: number }[] = [];
  let seq = 0;
  const compare = (a: { r: Row; i: number }, b: { r: Row; i: number }): number => {
    for (const { k, c } of keys) {
      const d = sortCompare(c.fn(a.r), c.fn(b.r), k.desc, k.nullsFirst);
      if (d !== 0) return d;
    }
    return a.i - b.i;
  };
  return {
    push: (r) => {
      rows.push({ r, i: seq++ });
      if (rows.length >= 2 * limit + 1024) rows = rows.sort(compare).slice(0, limit);
    },
    end: () => {
      rows.sort(compare);
      const n = Math.min(rows.length, limit);
      for (let i = 0; i < n; i++) next.push(rows[i].r);
      next.end();
    },
  };
}
