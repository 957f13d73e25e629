// The progress bar's rules: only on a TTY, never with --quiet, only once a run has taken
// more than a second, stopped once; and simulate() reports progress once per day.
import { describe, expect, it } from 'vitest';
import { type Bar, createProgress } from '../../cli/progress.js';
import { simulate } from '../../models/simulate.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { TINY } from '../reports/fixture.js';

function fakeBar() {
  const calls: string[] = [];
  const bar: Bar = {
    start: (total, value) => calls.push(`start ${value}/${total}`),
    update: (value) => calls.push(`update ${value}`),
    stop: () => calls.push('stop'),
  };
  return { calls, makeBar: () => bar };
}

const tty = { write: () => true, isTTY: true };

describe('createProgress', () => {
  it('draws nothing before a second has passed, then a bar until stopped', () => {
    let t = 0;
    const { calls, makeBar } = fakeBar();
    const p = createProgress(tty, { quiet: false, label: 'x', now: () => t, makeBar });
    p.update(0.1);
    t = 999;
    p.update(0.2);
    expect(calls).toEqual([]);
    t = 1000;
    p.update(0.3);
    p.update(0.5);
    p.stop();
    p.stop();
    p.update(0.9);
    expect(calls).toEqual(['start 300/1000', 'update 500', 'stop']);
  });

  it('never draws for a run that ends within the second, off a terminal, or with --quiet', () => {
    for (const [stream, quiet] of [
      [tty, false],
      [{ write: () => true }, false],
      [{ write: () => true, isTTY: false }, false],
      [tty, true],
    ] as const) {
      let t = 0;
      const { calls, makeBar } = fakeBar();
      const p = createProgress(stream, { quiet, label: 'x', now: () => t, makeBar });
      // A short run: done before the delay; the others: long, but not to be shown.
      if (stream === tty && !quiet) p.update(1);
      else {
        t = 5000;
        p.update(0.5);
      }
      p.stop();
      expect(calls).toEqual([]);
    }
  });
});

describe('SimulateOptions.onProgress', () => {
  it('is told the fraction done once per simulated day, ending at 1', () => {
    const loaded = loadScenarioText(TINY, 'tiny.yaml');
    if (!loaded.ok) throw new Error('tiny.yaml does not load');
    const seen: number[] = [];
    simulate(loaded.scenarios[0], { onProgress: (f) => seen.push(f) });
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => (i + 1) / 10));
  });
});
