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
  const { indices, ...rest } = task;
  const from = indices[0] ?? 0;
  if (indices.some((index, k) => index !== from + k)) throw new Error('replicate takes contiguous indices');
  const out: Replication[] = [];
  await replicateStream(source, { ...rest, from, to: from + indices.length }, opts, (r) => out.push(r));
  return out;
}

/** Replications [from, to) with a task's seed rule: a range, so a sweep of 10⁷ holds no list of indices. */
export type ReplicationRange = Omit<ReplicationTask, 'indices'> & { from: number; to: number };

/**
 * Runs the task's replications and hands each to `consume` as soon as every earlier one
 * has been handed over, so a caller that aggregates as they come (a sweep) holds only the
 * chunks in flight, never all N (issue 21). A few chunks per worker are in flight at once.
 */
export async function replicateStream(
  source: ScenarioSource,
  range: ReplicationRange,
  opts: PoolOptions,
  consume: (r: Replication) => void,
): Promise<void> {
  const { from, to, ...task } = range;
  const total = to - from;
  const workers = Math.min(opts.workers, total);
  let done = 0;
  if (workers <= 1) {
    for (let index = from; index < to; index++) {
      for (const r of runReplications(source.scenarios, { ...task, indices: [index] })) consume(r);
      opts.onProgress?.(++done, total);
      // Let timers run (the progress line redraws every second) between replications.
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
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
  const size = chunkSize(total, workers);
  const chunks = Math.ceil(total / size);
  const finished = new Map<number, Replication[]>();
  let next = 0;
  let emitted = 0;
  try {
    // Each lane takes the next chunk when its last one is done: 4 lanes a worker keep the
    // threads busy while the chunks waiting to be handed over stay few.
    const lane = async () => {
      while (next < chunks) {
        const k = next++;
        const first = from + k * size;
        const indices = Array.from({ length: Math.min(size, to - first) }, (_, i) => first + i);
        const reps = (await pool.run({ ...task, indices } satisfies ReplicationTask)) as Replication[];
        finished.set(k, reps);
        done += reps.length;
        opts.onProgress?.(done, total);
        for (let ready = finished.get(emitted); ready !== undefined; ready = finished.get(emitted)) {
          finished.delete(emitted++);
          for (const r of ready) consume(r);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(chunks, workers * 4) }, lane));
  } finally {
    await pool.destroy();
  }
}

// Small chunks keep both threads busy to the end (the last chunk is the idle tail); about
// 16 per worker, at most 50 replications each.
const chunkSize = (total: number, workers: number) =>
  Math.max(1, Math.min(50, Math.ceil(total / (workers * 16))));

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
