// A minimal backup World for driving one process directly in tests: instant jobs, no
// jitter, starting 2026-01-01T00:00:00Z (a Thursday).
import { makeSampler } from '../../engine/distributions.js';
import { createStreams } from '../../engine/random.js';
import { Simulation } from '../../engine/simulation.js';
import { type BytesPerSec, millis } from '../../engine/units.js';
import type { TraceRecord, World } from '../../models/backup/world.js';

/** Epoch ms of 2026-01-01T00:00:00Z, the tests' simulation origin. */
export const JAN1 = Date.parse('2026-01-01T00:00:00Z');

/** A World running to `horizon` (ms) with zero start windows and zero-length snapshots. */
export function aWorld(horizon: number, seed = 1, trace: ((r: TraceRecord) => void) | null = null): World {
  return {
    sim: new Simulation(),
    streams: createStreams(seed),
    origin: JAN1,
    horizon,
    jobs: {
      startWindow: millis(0),
      snapshotDuration: { kind: 'constant', value: 0 },
      initialThroughput: 1 as BytesPerSec,
      incrementalThroughput: 1 as BytesPerSec,
    },
    snapshotDuration: makeSampler({ kind: 'constant', value: 0 }),
    trace,
  };
}
