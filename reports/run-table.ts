// Replications as a table, one row per replication: what `compare` needs to pair each
// variant's value with the base's of the same replication. (Sweeps summarise as they go
// instead, reports/figure-summary.ts, so they never hold a row per replication.)

import type { Figure, FigureUnit } from './figures.js';
import { compareFigureNames } from './figures.js';

/** One replication's figures, per run (base, then variants in the file's order). */
export interface Replication {
  /** 0-based replication index r. */
  index: number;
  /** The seed it ran with: deriveSeed(scenario seed, 'replication', r). */
  seed: number;
  runs: { variant: string; figures: Figure[] }[];
}

/** One run's figures over replications: values[k][j] is figure j of the k-th replication (null: absent). */
export interface RunTable {
  variant: string;
  currency: string;
  figures: { name: string; unit: FigureUnit }[];
  values: (number | null)[][];
}

/** Tabulates replications (in index order) per run: `variants[i]` is run i, `currencies[i]` its currency. */
export function tabulate(
  replications: readonly Replication[],
  variants: readonly string[],
  currencies: readonly string[],
): RunTable[] {
  return variants.map((variant, i) =>
    tabulateRun(
      variant,
      currencies[i],
      replications.map((r) => r.runs[i].figures),
    ),
  );
}

// The union of the figure names (in figure order) and one row of values per replication.
function tabulateRun(variant: string, currency: string, perRep: Figure[][]): RunTable {
  const units = new Map<string, FigureUnit>();
  for (const figs of perRep) for (const f of figs) if (!units.has(f.name)) units.set(f.name, f.unit);
  const names = [...units.keys()].sort(compareFigureNames);
  const column = new Map(names.map((n, j) => [n, j]));
  const values = perRep.map((figs) => {
    const row: (number | null)[] = names.map(() => null);
    for (const f of figs) row[column.get(f.name)!] = f.value;
    return row;
  });
  return { variant, currency, figures: names.map((name) => ({ name, unit: units.get(name)! })), values };
}
