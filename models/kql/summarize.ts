// summarize … by …: its output columns (the by columns, then each aggregation's) and its stage,
// which keeps one accumulator per group and emits the groups at the end, in the order they
// first appeared (Kusto leaves the order open; a fixed one keeps answers byte-identical).

import { type CompiledAggregate, compileAggregate, singleColumn } from './aggregates.js';
import type { KType, Operator, Value } from './ast.js';
import type { StageFactory } from './plan.js';
import { compileExpr, type Scope } from './scalar.js';
import type { Column, Row } from './values.js';

/** summarize: by columns then aggregations as the output; one accumulator per group, emitted at the end in order of first appearance. */
export function compileSummarize(
  op: Extract<Operator, { op: 'summarize' }>,
  columns: Column[],
  scope: Scope,
): { columns: Column[]; stage: StageFactory } | null {
  let unnamed = 0;
  const by = op.by.map((a) => ({
    name: a.name ?? singleColumn(a.expr) ?? `Column${++unnamed}`,
    at: a.at,
    c: compileExpr(a.expr, scope),
  }));
  const aggs = op.aggs.map((a) => compileAggregate(a, scope, columns));
  if (by.some((b) => b.c.type === null) || aggs.some((a) => a === null)) return null;
  const byNames = new Set(by.map((b) => b.name));
  const compiled = aggs as CompiledAggregate[];
  // arg_max(x, *) brings every column, but not again the ones `by` already names.
  const aggColumns = compiled.map((a) =>
    a.columns.map((c, i) => ({ ...c, keep: i === 0 || !byNames.has(c.name) })),
  );
  const out: Column[] = [
    ...by.map((b) => ({ name: b.name, type: b.c.type as KType })),
    ...aggColumns.flatMap((cs) => cs.filter((c) => c.keep).map(({ name, type }) => ({ name, type }))),
  ];
  const seen = new Set<string>();
  for (const c of out) {
    if (seen.has(c.name)) scope.problems.push({ code: 'duplicate-column', at: op.at, name: c.name });
    seen.add(c.name);
  }
  return {
    columns: out,
    stage: (next) => {
      const groups = new Map<string, { keys: Value[]; accs: ReturnType<CompiledAggregate['make']>[] }>();
      return {
        push: (r) => {
          const keys = by.map((b) => b.c.fn(r));
          const id = JSON.stringify(keys);
          let g = groups.get(id);
          if (g === undefined) {
            g = { keys, accs: compiled.map((a) => a.make()) };
            groups.set(id, g);
          }
          for (const acc of g.accs) acc.add(r);
        },
        end: () => {
          // Without by, an empty input still gives one row (count() = 0).
          if (groups.size === 0 && by.length === 0)
            groups.set('', { keys: [], accs: compiled.map((a) => a.make()) });
          for (const g of groups.values()) {
            const row: Row = {};
            by.forEach((b, i) => {
              row[b.name] = g.keys[i];
            });
            g.accs.forEach((acc, i) => {
              const values = acc.values();
              aggColumns[i].forEach((c, j) => {
                if (c.keep) row[c.name] = values[j];
              });
            });
            next.push(row);
          }
          next.end();
        },
      };
    },
  };
}
