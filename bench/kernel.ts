// The kernel bench: the classic hold model (N pending events; pop the earliest, push one
// at now + Exp(mean)) run through the kernel and, in the same process, through a bare
// typed-array binary heap and two published heaps, so figures are compared within one
// run and never against a stored absolute.

import FlatQueue from 'flatqueue';
import { Heap } from 'heap-js';
import { createStreams, EventQueue, makeSampler, Simulation } from '../index.js';
import { type BenchResult, clock, heapUsed } from './measure.js';

const MEAN_DELAY_MS = 1000;
const DELAY_TABLE = 1 << 20;

/** Pre-drawn integer Exp(1 s) delays, shared by every contender so they do the same work. */
function delayTable(): Int32Array {
  const rng = createStreams(1).get('bench/hold/delays');
  const exp = makeSampler({ kind: 'exponential', mean: MEAN_DELAY_MS });
  const table = new Int32Array(DELAY_TABLE);
  for (let i = 0; i < DELAY_TABLE; i++) table[i] = Math.round(exp(rng));
  return table;
}

type Contender = (
  n: number,
  events: number,
  delays: Int32Array,
) => { seconds: number; bytes: number; check: number };

/** The kernel: handlers, lazy-cancel slots, fingerprint and all. */
const kernel: Contender = (n, events, delays) => {
  const before = heapUsed();
  const sim = new Simulation();
  let k = 0;
  let done = 0;
  const hold = (s: Simulation) => {
    if (++done >= events) s.stop();
    s.after(delays[k++ & (DELAY_TABLE - 1)], hold);
  };
  for (let i = 0; i < n; i++) sim.after(delays[k++ & (DELAY_TABLE - 1)], hold);
  const bytes = Math.max(sim.byteSize(), heapUsed() - before);
  const t0 = clock();
  sim.run();
  return { seconds: clock() - t0, bytes, check: sim.processed };
};

/** The kernel's own heap with nothing around it: (time, seq, slot) keys in typed arrays. */
const eventQueue: Contender = (n, events, delays) => {
  const q = new EventQueue();
  let k = 0;
  let seq = 0;
  for (let i = 0; i < n; i++) q.push(delays[k++ & (DELAY_TABLE - 1)], seq++, i);
  const t0 = clock();
  for (let e = 0; e < events; e++) {
    const now = q.topTime();
    const slot = q.pop();
    q.push(now + delays[k++ & (DELAY_TABLE - 1)], seq++, slot);
  }
  return { seconds: clock() - t0, bytes: q.byteSize(), check: events };
};

/** The floor: a bare binary heap of times in one Float64Array, no ties, no payload. */
const bareHeap: Contender = (n, events, delays) => {
  const heap = new Float64Array(n + 1);
  let size = 0;
  const push = (t: number) => {
    let i = size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p] <= t) break;
      heap[i] = heap[p];
      i = p;
    }
    heap[i] = t;
  };
  const pop = () => {
    const top = heap[0];
    const t = heap[--size];
    let i = 0;
    const half = size >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      if (c + 1 < size && heap[c + 1] < heap[c]) c++;
      if (t <= heap[c]) break;
      heap[i] = heap[c];
      i = c;
    }
    heap[i] = t;
    return top;
  };
  let k = 0;
  for (let i = 0; i < n; i++) push(delays[k++ & (DELAY_TABLE - 1)]);
  const t0 = clock();
  for (let e = 0; e < events; e++) push(pop() + delays[k++ & (DELAY_TABLE - 1)]);
  return { seconds: clock() - t0, bytes: heap.byteLength, check: events };
};

/** flatqueue: a published typed-array heap with an ids array; priority is the time only. */
const flatQueue: Contender = (n, events, delays) => {
  const q = new FlatQueue<number>();
  let k = 0;
  for (let i = 0; i < n; i++) q.push(i, delays[k++ & (DELAY_TABLE - 1)]);
  const t0 = clock();
  for (let e = 0; e < events; e++) {
    const now = q.peekValue() as number;
    const id = q.pop() as number;
    q.push(id, now + delays[k++ & (DELAY_TABLE - 1)]);
  }
  return { seconds: clock() - t0, bytes: n * 16, check: events };
};

/** heap-js: a published object heap with a comparator on (time, seq). */
const heapJs: Contender = (n, events, delays) => {
  type Item = { t: number; s: number };
  const h = new Heap<Item>((a, b) => a.t - b.t || a.s - b.s);
  let k = 0;
  let seq = 0;
  for (let i = 0; i < n; i++) h.push({ t: delays[k++ & (DELAY_TABLE - 1)], s: seq++ });
  const t0 = clock();
  for (let e = 0; e < events; e++) {
    const top = h.pop() as Item;
    h.push({ t: top.t + delays[k++ & (DELAY_TABLE - 1)], s: seq++ });
  }
  return { seconds: clock() - t0, bytes: 0, check: events };
};

// Figure names: kernel.<contender>.N=<n>.<what>; every name starts with the suite's.
const CONTENDERS: [string, Contender][] = [
  ['sim', kernel],
  ['event_queue', eventQueue],
  ['bare_heap', bareHeap],
  ['flatqueue', flatQueue],
  ['heap_js', heapJs],
];

/** Runs the hold model for each N and contender; returns flat results plus ratios. */
export function benchKernel(
  sizes: number[],
  events: number,
): { results: BenchResult[]; ratios: BenchResult[] } {
  const delays = delayTable();
  // Warm every contender up so the JIT has compiled them before anything is timed.
  for (const [, run] of CONTENDERS) run(1000, 200_000, delays);
  const results: BenchResult[] = [];
  const ratios: BenchResult[] = [];
  for (const n of sizes) {
    const rate: Record<string, number> = {};
    for (const [name, run] of CONTENDERS) {
      const best = bestOf(3, () => run(n, events, delays));
      rate[name] = best.check / best.seconds;
      results.push({
        name: `kernel.${name}.N=${n}.events_per_s`,
        value: Math.round(rate[name]),
        unit: 'events/s',
      });
      if (name === 'sim' || name === 'event_queue' || name === 'bare_heap')
        results.push({
          name: `kernel.${name}.N=${n}.bytes_per_event`,
          value: round(best.bytes / n, 1),
          unit: 'B',
        });
    }
    // The kernel's rate over the bare heap's, measured side by side: a ratio CI may judge.
    ratios.push({
      name: `kernel.sim_over_bare_heap.N=${n}`,
      value: round(rate.sim / rate.bare_heap, 3),
      unit: 'x',
    });
    for (const other of ['flatqueue', 'heap_js'])
      ratios.push({
        name: `kernel.event_queue_over_${other}.N=${n}`,
        value: round(rate.event_queue / rate[other], 3),
        unit: 'x',
      });
  }
  return { results, ratios };
}

function bestOf<T extends { seconds: number }>(times: number, run: () => T): T {
  let best = run();
  for (let i = 1; i < times; i++) {
    const next = run();
    if (next.seconds < best.seconds) best = next;
  }
  return best;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
