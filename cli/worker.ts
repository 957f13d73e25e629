// The sweep worker: a worker thread of the pool (cli/pool.ts) runs one chunk of
// replications per task and calls exactly what the in-process path calls
// (cli/replicate.ts). The scenarios come once per thread as the pool's workerData, already
// loaded and normalised by the main thread: plain data, which structured cloning copies
// exactly, and loading them again in every thread would cost more than many replications.
// Each thread imports the subsystems they use itself (models/subsystems.ts), once.

import Tinypool from 'tinypool';
import type { Scenario } from '../models/scenario/types.js';
import { loadSubsystems } from '../models/subsystems.js';
import type { Replication } from '../reports/sweep-part.js';
import { type ReplicationTask, runReplications } from './replicate.js';

/** What the pool hands every worker thread once. */
export interface WorkerData {
  /** The selected runs, in order. */
  scenarios: Scenario[];
}

/** Tinypool's entry: runs the task's replications and returns their figures in index order. */
export default async function replicate(task: ReplicationTask): Promise<Replication[]> {
  const { scenarios } = Tinypool.workerData as WorkerData;
  await loadSubsystems(scenarios);
  return runReplications(scenarios, task);
}
