// `vaultsim demo`: the kernel at work until the simulator exists. N machines each push a
// nightly backup of lognormal size over one shared link (processor sharing), at most a
// few at a time (a pool). Built only from the library API, and deterministic: the same
// seed prints the same text, with no wall-clock figure in it.

import { quantileSorted } from 'simple-statistics';
import { createStreams, Link, lognormalFromMeanSd, MS, makeSampler, Pool, Simulation } from '../../index.js';
import { formatDuration, humanSize } from '../../scenarios/units.js';

/** What the demo was asked to run. */
export interface DemoOptions {
  vms: number;
  days: number;
  seed: number;
}

/** What the demo printed (`--json` writes exactly this object). */
export interface DemoResult {
  vms: number;
  days: number;
  seed: number;
  transfers: number;
  bytes: number;
  /** Request-to-done time of the nightly transfers, in ms (queueing included). */
  durationMs: { p50: number; p95: number; max: number };
  events: number;
  fingerprint: string;
}

const GiB = 1024 ** 3;
const MEAN_SIZE = 20 * GiB;
const SD_SIZE = 15 * GiB;
const LINK_BYTES_PER_SEC = 125_000_000; // 1 Gbps
const SLOTS = 4;
const NIGHTLY_AT = 22 * MS.hour;
const JITTER_MS = 30 * MS.minute;

/** Runs the demo simulation and returns its figures. */
export function runDemo(options: DemoOptions): DemoResult {
  const sim = new Simulation();
  const streams = createStreams(options.seed);
  const link = new Link(sim, { name: 'uplink', capacity: LINK_BYTES_PER_SEC });
  const pool = new Pool(sim, { name: 'slots', slots: SLOTS });
  const drawSize = makeSampler(lognormalFromMeanSd(MEAN_SIZE, SD_SIZE));
  const durations: number[] = [];
  let bytes = 0;

  const machine = (id: string): void => {
    const sizes = streams.get(`${id}/size`);
    const starts = streams.get(`${id}/start`);
    const night = (day: number) => (s: Simulation) => {
      const requested = s.now;
      const size = Math.round(drawSize(sizes));
      pool.acquire((_, lease) => {
        link.start(size, (done) => {
          durations.push(done.now - requested);
          bytes += size;
          lease.release();
        });
      });
      if (day + 1 < options.days)
        s.at((day + 1) * MS.day + NIGHTLY_AT + starts.int(0, JITTER_MS), night(day + 1), id);
    };
    sim.at(NIGHTLY_AT + starts.int(0, JITTER_MS), night(0), id);
  };
  for (let i = 1; i <= options.vms; i++) machine(`machine-${String(i).padStart(3, '0')}`);
  sim.run();

  const sorted = durations.sort((a, b) => a - b);
  const q = (p: number) => (sorted.length === 0 ? 0 : Math.round(quantileSorted(sorted, p)));
  return {
    ...options,
    transfers: sorted.length,
    bytes,
    durationMs: { p50: q(0.5), p95: q(0.95), max: q(1) },
    events: sim.processed,
    fingerprint: sim.fingerprint(),
  };
}

// Whole seconds read better than 1h2m3s417ms.
const seconds = (ms: number): string => formatDuration(Math.round(ms / MS.second) * MS.second);

/** The demo's figures as text. */
export function renderDemo(r: DemoResult): string {
  return [
    `vaultsim demo: ${r.vms} machines, ${r.days} nights, seed ${r.seed}`,
    `  each pushes a nightly backup (lognormal, mean ${humanSize(MEAN_SIZE)}) at 22:00-22:30 over one`,
    `  1Gbps link shared fairly, ${SLOTS} at a time`,
    `transfers    ${r.transfers} (${humanSize(r.bytes)})`,
    `duration     p50 ${seconds(r.durationMs.p50)}  p95 ${seconds(r.durationMs.p95)}  max ${seconds(r.durationMs.max)}`,
    `events       ${r.events}`,
    `fingerprint  ${r.fingerprint}`,
    '',
  ].join('\n');
}
