// One replication of a scenario: every selected run (base, variants) simulated with the
// replication's seed, flattened into figures. The worker threads and the in-process path
// (one worker) both call this, so what a replication yields cannot depend on where it ran.

import { deriveSeed } from '../engine/random.js';
import type { Scenario } from '../models/scenario/types.js';
import { simulate } from '../models/simulate.js';
import { figuresOf } from '../reports/figures.js';
import type { Replication } from '../reports/sweep-part.js';

/** The seed of replication r of a sweep whose scenario seed is `seed`. */
export function replicationSeed(seed: number, r: number): number {
  return deriveSeed(seed, 'replication', r);
}

/** Which replications to run and how their seeds are chosen. */
export interface ReplicationTask {
  /** Replication indices, ascending. */
  indices: number[];
  /** The scenario seed (the file's, or --seed). */
  seed: number;
  /** true: replication r runs with replicationSeed(seed, r); false: with `seed` itself (a single plain run). */
  derive: boolean;
  /** Add the cost.by.<dimension>.<key> figures (compare shows them; sweeps leave them out). */
  costBy?: boolean;
}

/** Runs replications of `scenarios` (the selected runs, in order) and returns their figures, in index order. */
export function runReplications(scenarios: readonly Scenario[], task: ReplicationTask): Replication[] {
  return task.indices.map((index) => {
    const seed = task.derive ? replicationSeed(task.seed, index) : task.seed;
    return {
      index,
      seed,
      runs: scenarios.map((s) => ({
        variant: s.variant,
        figures: figuresOf(simulate(s, { seed }), { costBy: task.costBy === true }),
      })),
    };
  });
}
