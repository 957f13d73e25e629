// The monitor condition of one instance over runs of equal outcomes (§7.1).
import { describe, expect, it } from 'vitest';
import { applyRun, type Behaviour, newState } from '../../models/monitor/instance.js';
import { MIN } from './builders.js';

const stateful: Behaviour = { every: MIN, stateful: true, resolveChecks: 3, cadence: 5 * MIN, mute: 0 };
const stateless: Behaviour = { ...stateful, stateful: false };

function events(b: Behaviour, runs: [boolean, number][]): string[] {
  const s = newState(0);
  const out: string[] = [];
  for (const [outcome, n] of runs)
    applyRun(b, s, outcome, s.lastTick + b.every, n, (t, kind, muted) => {
      out.push(`${kind}@${t / MIN}${muted ? ' muted' : ''}`);
      return true;
    });
  return out;
}

describe('applyRun', () => {
  it('stateful: fires once at the first evaluation that holds and resolves at the third healthy one', () => {
    // Holds at 1–4, healthy at 5–6, holds at 7, healthy at 8–20 → fired 1, resolved 10.
    expect(
      events(stateful, [
        [true, 4],
        [false, 2],
        [true, 1],
        [false, 13],
      ]),
    ).toEqual(['fired@1', 'resolved@10']);
  });

  it('stateful: a run split anywhere gives the same transitions', () => {
    expect(
      events(stateful, [
        [true, 2],
        [true, 2],
        [false, 1],
        [false, 1],
        [false, 5],
      ]),
    ).toEqual(['fired@1', 'resolved@7']);
  });

  it('stateless: fires when the condition starts to hold, then every cadence while it holds', () => {
    // Holds at 1–12 (fires 1, 6, 11), healthy at 13, holds at 14–15 (fires 14 at once).
    expect(
      events(stateless, [
        [true, 12],
        [false, 1],
        [true, 2],
      ]),
    ).toEqual(['fired@1', 'fired@6', 'fired@11', 'fired@14']);
  });

  it('mute: firings within the mute period after the last acted one run no actions', () => {
    const muted: Behaviour = { ...stateless, cadence: MIN, mute: 3 * MIN };
    expect(events(muted, [[true, 5]])).toEqual([
      'fired@1',
      'fired@2 muted',
      'fired@3 muted',
      'fired@4',
      'fired@5 muted',
    ]);
  });

  it('stops when the receiver asks (a look-ahead)', () => {
    const s = newState(0);
    const seen: number[] = [];
    const done = applyRun(stateless, s, true, MIN, 100, (t) => {
      seen.push(t);
      return false;
    });
    expect(done).toBe(false);
    expect(seen).toEqual([MIN]);
  });
});
