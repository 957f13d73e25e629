// Running many replications, in this thread or across worker threads (tinypool). The
// replications are cut into small chunks handed out as workers free up; results are put
// back in replication-index order, so what comes out does not depend on how many workers
// there were or which finished first.
//
// The worker entry is cli/worker.ts. Built, it is dist/cli/worker.js beside this module.
// Run from source (vitest, tsx), this module is a .ts file: the worker then starts from a
// tiny data: module that registers tsx's loader in the thread before importing worker.ts
// (on Node 20 a loader registered in the main thread does not reach worker threads).

import { availableParallelism } from 'node:os';
import Tinypool from 'tinypool';
import type { Scenario } from '../models/scenario/types.js';
import type { Replication } from '../reports/sweep-part.js';
import { type ReplicationTask, runReplications } from './replicate.js';
import type { WorkerData } from './worker.js';

/** What to replicate: the selected runs of a loaded scenario, in order. */
export interface ScenarioSource {
  scenarios: Scenario[];
}

/** How to run: worker threads (1 = in this thread) and a progress callback. */
export interface PoolOptions {
  workers: number;
  onProgress?: (done: number, total: number) => void;
}

/** Worker threads a sweep uses by default: one per core this process may use. */
export const defaultWorkers = (): number => availableParallelism();

/** Runs the task's replications and returns their figures, in index order. */
export async function replicate(
  source: ScenarioSource,
  task: ReplicationTask,
  opts: PoolOptions,
): Promise<Replication[]> {
  const total = task.indices.length;
  const workers = Math.min(opts.workers, total);
  if (workers <= 1) {
    const out: Replication[] = [];
    for (const index of task.indices) {
      out.push(...runReplications(source.scenarios, { ...task, indices: [index] }));
      opts.onProgress?.(out.length, total);
    }
    return out;
  }
  const pool = new Tinypool({
    filename: workerFilename(),
    minThreads: workers,
    maxThreads: workers,
    isolateWorkers: false,
    // A larger young generation: a replication allocates briskly and dies young, and with
    // the default 16 MiB the two threads' scavenges (and their GC helper threads) compete
    // for the same two cores.
    resourceLimits: { maxYoungGenerationSizeMb: 96 },
    workerData: { scenarios: source.scenarios } satisfies WorkerData,
  });
  let done = 0;
  try {
    const chunks = chunk(task.indices, chunkSize(total, workers));
    const results = await Promise.all(
      chunks.map(async (indices) => {
        const reps = (await pool.run({ ...task, indices } satisfies ReplicationTask)) as Replication[];
        done += reps.length;
        opts.onProgress?.(done, total);
        return reps;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}

// Small chunks keep both threads busy to the end (the last chunk is the idle tail); about
// 16 per worker, at most 50 replications each.
const chunkSize = (total: number, workers: number) =>
  Math.max(1, Math.min(50, Math.ceil(total / (workers * 16))));

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The worker module tinypool loads: the built sibling, or worker.ts through tsx when running from source. */
function workerFilename(): string {
  const self = import.meta.url;
  if (!self.endsWith('.ts')) return new URL('./worker.js', self).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./worker.ts', self).href;
  const boot = [
    `const { register } = await import(${JSON.stringify(tsx)});`,
    'register();',
    `const worker = await import(${JSON.stringify(entry)});`,
    'export default worker.default;',
  ].join('\n');
  return `data:text/javascript,${encodeURIComponent(boot)}`;
}
