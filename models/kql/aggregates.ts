// summarize's aggregations: their types, output names and accumulators. count() and countif()
// count rows; sum, avg, min and max skip nulls as Kusto does (avg, min and max of nothing are
// null, sum of nothing 0); dcount is exact here (Kusto's is an estimate within about 1%);
// arg_max / arg_min keep the row with the largest / smallest value (the first one on a tie).

import type { Aggregate, KType, Value } from './ast.js';
import { type Compiled, compileExpr, mismatch, type Scope } from './scalar.js';
import { compareValues, isNumeric, type Row } from './values.js';

/** One compiled aggregation: its output columns and a factory of accumulators. */
export interface CompiledAggregate {
  /** Output columns (one, or for arg_max / arg_min the value and the columns it brings). */
  columns: { name: string; type: KType }[];
  make(): Accumulator;
}

/** Accumulates the rows of one group; `values()` gives the output columns' values. */
export interface Accumulator {
  add(row: Row): void;
  values(): Value[];
}

/** The single column an expression reads, if it reads exactly one (for derived names); else null. */
export function singleColumn(e: Aggregate['args'][number] | undefined): string | null {
  if (e === undefined) return null;
  if (e.k === 'name') return e.name;
  if (e.k === 'call' && e.args.length > 0) return singleColumn(e.args[0]);
  return null;
}

/** Type-checks and compiles an aggregation; null after a problem. `columns` are the input's, in order. */
export function compileAggregate(
  agg: Aggregate,
  scope: Scope,
  columns: readonly { name: string; type: KType }[],
): CompiledAggregate | null {
  const args = agg.args.map((a) => compileExpr(a, scope));
  if (args.some((a) => a.type === null)) return null;
  const arity = (n: number, max = n): boolean => {
    if (args.length >= n && args.length <= max && (!agg.star || agg.fn.startsWith('arg_'))) return true;
    scope.problems.push({
      code: 'arity',
      at: agg.at,
      name: agg.fn,
      expected: n === max ? String(n) : `${n} to ${max}`,
      got: args.length,
    });
    return false;
  };
  const bad = (i: number, expected: string) => {
    mismatch(scope, agg.args[i].at, `${agg.fn}()`, expected, args[i].type!);
    return null;
  };
  const col = singleColumn(agg.args[0]);
  const named = (prefix: string) => agg.name ?? `${prefix}_${col ?? ''}`;
  const [a] = args;
  switch (agg.fn) {
    case 'count':
      if (!arity(0)) return null;
      return one(agg.name ?? 'count_', 'long', () => counter(() => true));
    case 'countif':
      if (!arity(1)) return null;
      if (a.type !== 'bool') return bad(0, 'a condition');
      return one(agg.name ?? 'countif_', 'long', () => counter((r) => a.fn(r) === true));
    case 'dcount':
      if (!arity(1, 2)) return null;
      return one(named('dcount'), 'long', () => distinct(a));
    case 'sum':
    case 'avg': {
      if (!arity(1)) return null;
      const t = a.type!;
      if (!isNumeric(t) && t !== 'timespan') return bad(0, 'a number or a timespan');
      const type: KType = agg.fn === 'avg' && t !== 'timespan' ? 'real' : t;
      return one(named(agg.fn), type, () => summing(a, agg.fn === 'avg'));
    }
    case 'min':
    case 'max': {
      if (!arity(1)) return null;
      if (a.type === 'bool') return bad(0, 'a number, datetime, timespan or string');
      const sign = agg.fn === 'max' ? 1 : -1;
      return one(named(agg.fn), a.type!, () => extreme(a, sign));
    }
    default:
      return argExtreme(agg, args, scope, columns);
  }
}

const one = (name: string, type: KType, make: () => Accumulator): CompiledAggregate => ({
  columns: [{ name, type }],
  make,
});

function counter(match: (r: Row) => boolean): Accumulator {
  let n = 0;
  return {
    add: (r) => {
      if (match(r)) n++;
    },
    values: () => [n],
  };
}

function distinct(a: Compiled): Accumulator {
  const seen = new Set<Value>();
  return {
    add: (r) => {
      const v = a.fn(r);
      if (v !== null) seen.add(v);
    },
    values: () => [seen.size],
  };
}

function summing(a: Compiled, average: boolean): Accumulator {
  let sum = 0;
  let n = 0;
  return {
    add: (r) => {
      const v = a.fn(r);
      if (typeof v !== 'number' || Number.isNaN(v)) return;
      sum += v;
      n++;
    },
    values: () => [average ? (n === 0 ? null : sum / n) : sum],
  };
}

function extreme(a: Compiled, sign: number): Accumulator {
  let best: Value = null;
  return {
    add: (r) => {
      const v = a.fn(r);
      if (v === null || (typeof v === 'number' && Number.isNaN(v))) return;
      if (best === null || sign * compareValues(v, best) > 0) best = v;
    },
    values: () => [best],
  };
}

// arg_max(x, * | c1, c2, …) / arg_min: x's column, then the columns asked for (all others with *).
function argExtreme(
  agg: Aggregate,
  args: Compiled[],
  scope: Scope,
  columns: readonly { name: string; type: KType }[],
): CompiledAggregate | null {
  if (agg.fn !== 'arg_max' && agg.fn !== 'arg_min') {
    scope.problems.push({ code: 'unsupported-function', at: agg.at, name: agg.fn });
    return null;
  }
  if (args.length < 1 || (!agg.star && args.length < 2)) {
    scope.problems.push({
      code: 'arity',
      at: agg.at,
      name: agg.fn,
      expected: '2 or more (or a value and *)',
      got: args.length,
    });
    return null;
  }
  const [x, ...rest] = args;
  if (x.type === 'bool') {
    mismatch(scope, agg.args[0].at, `${agg.fn}()`, 'a number, datetime, timespan or string', 'bool');
    return null;
  }
  const first = agg.name ?? singleColumn(agg.args[0]) ?? `${agg.fn === 'arg_max' ? 'max' : 'min'}_`;
  const out: { name: string; type: KType; get: (r: Row) => Value }[] = [
    { name: first, type: x.type!, get: x.fn },
  ];
  rest.forEach((c, i) => {
    const name = singleColumn(agg.args[i + 1]) ?? `Column${i + 1}`;
    out.push({ name, type: c.type!, get: c.fn });
  });
  if (agg.star)
    for (const c of columns)
      if (!out.some((o) => o.name === c.name))
        out.push({ name: c.name, type: c.type, get: (r) => r[c.name] ?? null });
  const sign = agg.fn === 'arg_max' ? 1 : -1;
  return {
    columns: out.map(({ name, type }) => ({ name, type })),
    make: () => {
      let best: Value = null;
      let row: Row | null = null;
      return {
        add: (r) => {
          const v = x.fn(r);
          if (v === null) return;
          if (best === null || sign * compareValues(v, best) > 0) {
            best = v;
            row = r;
          }
        },
        values: () => out.map((o) => (row === null ? null : o.get(row))),
      };
    },
  };
}
