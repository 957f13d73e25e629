// Replays recorded signals through a monitor on a kernel of its own: what `vaultsim
// test-alerts` runs for each case, and what tests use to pin alert timelines.

import { createStreams } from '../../engine/random.js';
import { Simulation } from '../../engine/simulation.js';
import { Monitor, type MonitorOutcome } from './monitor.js';
import type { Fields } from './signals.js';
import type { MonitorSpec } from './types.js';

/** One recorded signal: a metric sample or a log record, emitted at its own timestamp. */
export type RecordedSignal =
  | { signal: 'metric'; name: string; dims: Fields; t: number; value: number }
  | { signal: 'log'; name: string; record: Fields; t: number };

/** Options of a replay. */
export interface ReplayOptions {
  /** Seed of the latency and webhook streams (default 1). */
  seed?: number;
  /** Epoch ms of time 0 (for processing rules in local time; default 2026-01-01T00:00:00Z). */
  origin?: number;
  /** Evaluate every rule live (default: only rules that act on the world). */
  allLive?: boolean;
}

/** Epoch ms of 2026-01-01T00:00:00Z, the default origin. */
export const REPLAY_ORIGIN = Date.UTC(2026, 0, 1);

/** Emits each signal at its timestamp, runs to `until` (ms) and returns what the monitor saw. */
export function replay(
  spec: MonitorSpec,
  signals: readonly RecordedSignal[],
  until: number,
  options: ReplayOptions = {},
): MonitorOutcome {
  const sim = new Simulation();
  const monitor = new Monitor(sim, spec, {
    streams: createStreams(options.seed ?? 1),
    origin: options.origin ?? REPLAY_ORIGIN,
    horizon: until,
    ...(options.allLive === undefined ? {} : { allLive: options.allLive }),
  });
  // Signals at one instant are emitted together, in the order given.
  const byTime = new Map<number, RecordedSignal[]>();
  for (const s of signals) {
    if (s.t > until) continue;
    const list = byTime.get(s.t);
    if (list === undefined) byTime.set(s.t, [s]);
    else list.push(s);
  }
  for (const t of [...byTime.keys()].sort((a, b) => a - b))
    sim.at(
      t,
      () => {
        for (const s of byTime.get(t)!)
          if (s.signal === 'metric') monitor.metric(s.name, s.dims, s.t, s.value);
          else monitor.log(s.name, s.record, s.t);
      },
      'replay/signal',
    );
  sim.run(until);
  return monitor.finish();
}
