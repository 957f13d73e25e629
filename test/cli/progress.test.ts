// The progress bar's rules: only on a TTY, never with --quiet, only once a run has taken
// more than a second, stopped once; and simulate() reports progress once per day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Bar,
  createProgress,
  etaText,
  formatDuration,
  replicationProgress,
} from '../../cli/progress.js';
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

describe('the ETA (issue 21: never NaN)', () => {
  it('scales the time so far by what is left', () => {
    // A quarter done in 30 s: three quarters left take 90 s.
    expect(etaText(30_000, 0.25)).toBe('ETA 1m 30s');
    expect(etaText(1000, 0)).toBe('ETA …');
    expect(etaText(0, 0.5)).toBe('ETA …');
    expect(etaText(5000, 1)).toBe('ETA 0s');
    expect(formatDuration(59_400)).toBe('59s');
    expect(formatDuration(3_600_000 * 2 + 7 * 60_000)).toBe('2h 07m');
    expect(formatDuration(86_400_000 * 3 + 3_600_000 * 4)).toBe('3d 04h');
    expect(formatDuration(86_400_000 * 100)).toBe('over 99d');
  });

  it('should never show NaN, Infinity or a negative time, whatever it is told', () => {
    const any = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1, 0, 1e-300));
    fc.assert(
      fc.property(any, any, (elapsed, fraction) => {
        expect(etaText(elapsed, fraction)).toMatch(
          /^ETA (…|over 99d|\d+s|\d+m \d\ds|\d+h \d\dm|\d\d?d \d\dh)$/,
        );
      }),
    );
  });

  it('is handed to the bar with every update', () => {
    let t = 0;
    const payloads: string[] = [];
    const bar: Bar = {
      start: (_total, _value, payload) => payloads.push(payload?.eta ?? ''),
      update: (_value, payload) => payloads.push(payload?.eta ?? ''),
      stop: () => {},
    };
    const p = createProgress(tty, { quiet: false, label: 'x', now: () => t, makeBar: () => bar });
    t = 2000;
    p.update(0.5);
    t = 3000;
    p.update(0.75);
    expect(payloads).toEqual(['ETA 2s', 'ETA 1s']);
  });
});

describe('replicationProgress', () => {
  it('draws done/total with a percentage and an ETA on a terminal, erases it at the end', () => {
    let t = 0;
    let text = '';
    const stream = { write: (s: string) => (text += s), isTTY: true };
    const p = replicationProgress(stream, 'sweep', () => t);
    t = 4000;
    p.update(10, 40);
    t = 4050;
    p.update(11, 40);
    t = 8000;
    p.update(40, 40);
    p.end();
    // 10 of 40 in 4 s: 30 more take 12 s. The update 50 ms later is not drawn; the last always is.
    expect(text).toBe(
      '\r\x1b[2Ksweep: 10/40 replications (25.0%), ETA 12s\r\x1b[2Ksweep: 40/40 replications (100.0%), ETA 0s\r\x1b[2K',
    );
  });

  it('draws nothing off a terminal', () => {
    let text = '';
    const p = replicationProgress({ write: (s: string) => (text += s) }, 'sweep', () => 5000);
    p.update(1, 2);
    p.end();
    expect(text).toBe('');
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
