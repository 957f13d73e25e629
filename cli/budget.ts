// The work and memory budget (issue 21): before simulating, run, compare and sweep
// estimate what they will cost (cli/work-estimate.ts) and refuse — exit 2, nothing
// simulated — what this machine cannot finish or hold, saying the estimate and the flag
// that raises the limit.
//
//   work    estimated events, all runs together; default DEFAULT_MAX_WORK, --max-work N
//           raises it, --max-work off drops both checks
//   memory  the peak of one thread against the heap Node gives it (V8's heap limit: 4 GiB
//           on a 64-bit Node 20 with 16 GiB or more, NODE_OPTIONS=--max-old-space-size
//           raises it), and all threads together against the machine's memory

import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { formatBytes, formatCount } from '../reports/format.js';
import { InputError } from './errors.js';
import type { WorkEstimate } from './work-estimate.js';

/**
 * The default work budget, in estimated events: about 1½ hours of one core, or 45 minutes of
 * a sweep on two, on the reference machine (2 cores, 24 GiB; the fleet bench ran 174,000
 * events per CPU-second there, docs/reports.md). The fleet bench (10,000 VMs × 365
 * days) estimates 7,301,000: 136 of them fit.
 */
export const DEFAULT_MAX_WORK = 1_000_000_000;

/** The limits a command is held to. */
export interface Budget {
  /** Estimated events, or null: no check at all (--max-work off). */
  maxWork: number | null;
  /** Bytes one thread may hold (V8's heap limit). */
  heapLimit: number;
  /** Bytes the machine has. */
  machineMemory: number;
}

/** The budget of this process: `maxWork` from --max-work (undefined: the default). */
export function processBudget(maxWork: number | 'off' | undefined): Budget {
  return {
    maxWork: maxWork === 'off' ? null : (maxWork ?? DEFAULT_MAX_WORK),
    heapLimit: getHeapStatistics().heap_size_limit,
    machineMemory: totalmem(),
  };
}

/** Throws InputError (exit 2) when `estimate` is beyond `budget`, with the estimate and how to raise the limit. */
export function checkBudget(estimate: WorkEstimate, budget: Budget, what: string): void {
  if (budget.maxWork === null) return;
  const size = describe(estimate);
  if (estimate.work > budget.maxWork)
    throw new InputError(
      `${what} is larger than the work budget: about ${formatCount(Math.ceil(estimate.work))} units of work (${size}), ` +
        `more than ${formatCount(budget.maxWork)} (--max-work; the default is about 1½ hours of one core). ` +
        `Raise it with --max-work ${suggest(estimate.work)}, or drop the check with --max-work off.`,
    );
  const gib = (bytes: number) => Math.ceil((bytes * 1.25) / 2 ** 30) * 1024;
  if (estimate.memoryPerThread > budget.heapLimit)
    throw new InputError(
      `${what} needs about ${formatBytes(estimate.memoryPerThread)} of memory (${size}); ` +
        `Node gives this process ${formatBytes(budget.heapLimit)}. If the machine has the memory, run it with ` +
        `NODE_OPTIONS=--max-old-space-size=${gib(estimate.memoryPerThread)}; or drop the check with --max-work off.`,
    );
  if (estimate.memory > budget.machineMemory)
    throw new InputError(
      `${what} needs about ${formatBytes(estimate.memory)} of memory with its worker threads (${size}); ` +
        `this machine has ${formatBytes(budget.machineMemory)}. Use fewer --workers, or drop the check with --max-work off.`,
    );
}

// "3,650,000 item-days, 7,300,000 jobs, 590,000 recovery points kept at peak, 1 run".
function describe(e: WorkEstimate): string {
  const n = (x: number) => formatCount(Math.ceil(x));
  return [
    `${n(e.itemDays)} VM-days`,
    `${n(e.jobs)} backup jobs`,
    `${n(e.peakPoints)} recovery points kept at peak`,
    `${n(e.runs)} run${e.runs === 1 ? '' : 's'}`,
  ].join(', ');
}

// A round --max-work value at or above `work`: two significant digits, rounded up, in
// e-notation from a million on (2,531,000,000 → "2.6e9"), else the whole number.
function suggest(work: number): string {
  if (work < 1e6) return String(Math.ceil(work));
  const exponent = Math.floor(Math.log10(work));
  const mantissa = Math.ceil((work / 10 ** exponent) * 10) / 10;
  return `${mantissa}e${exponent}`;
}
