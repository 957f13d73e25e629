import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue } from '../../engine/event-queue.js';
import { Simulation } from '../../engine/simulation.js';

describe('Simulation', () => {
  it('runs events in time order, ties in scheduling order', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.at(20, () => seen.push('b'));
    sim.at(10, () => seen.push('a'));
    for (let i = 0; i < 12; i++) sim.at(30, () => seen.push(`t${i}`));
    sim.run();
    // The 11th simultaneous event runs after the 10th (no string-id comparison).
    expect(seen).toEqual([
      'a',
      'b',
      't0',
      't1',
      't2',
      't3',
      't4',
      't5',
      't6',
      't7',
      't8',
      't9',
      't10',
      't11',
    ]);
    expect(sim.now).toBe(30);
    expect(sim.processed).toBe(14);
  });

  it('schedules after a delay from now, from inside a handler', () => {
    const sim = new Simulation();
    const times: number[] = [];
    sim.at(100, (s) => s.after(50, (t) => times.push(t.now)));
    sim.run();
    expect(times).toEqual([150]);
  });

  it('zero-delay events scheduled by a handler run after events already due at that time', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    sim.at(5, (s) => {
      seen.push('first');
      s.after(0, () => seen.push('zero-delay'));
    });
    sim.at(5, () => seen.push('second'));
    sim.run();
    expect(seen).toEqual(['first', 'second', 'zero-delay']);
  });

  it('cancels lazily: a cancelled event never runs and is not counted', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const id = sim.at(10, () => seen.push(10));
    sim.at(20, () => seen.push(20));
    expect(sim.pending).toBe(2);
    expect(sim.cancel(id)).toBe(true);
    expect(sim.cancel(id)).toBe(false);
    expect(sim.pending).toBe(1);
    expect(sim.peek()).toBe(20);
    sim.run();
    expect(seen).toEqual([20]);
    expect(sim.processed).toBe(1);
  });

  it('a stale id does not cancel the event that reused its slot', () => {
    const sim = new Simulation();
    const seen: string[] = [];
    const old = sim.at(1, () => seen.push('old'));
    sim.run();
    sim.at(5, () => seen.push('new'));
    expect(sim.cancel(old)).toBe(false);
    sim.run();
    expect(seen).toEqual(['old', 'new']);
  });

  it('run(until) processes events at until, stops exactly there and leaves later ones', () => {
    const sim = new Simulation();
    const seen: number[] = [];
    for (const t of [5, 10, 11]) sim.at(t, (s) => seen.push(s.now));
    sim.run(10);
    expect(seen).toEqual([5, 10]);
    expect(sim.now).toBe(10);
    expect(sim.peek()).toBe(11);
    sim.run(1000);
    expect(sim.now).toBe(1000);
    expect(sim.peek()).toBe(Number.POSITIVE_INFINITY);
  });

  it('step() processes one event and peek() shows the next', () => {
    const sim = new Simulation();
    sim.at(3, () => {});
    sim.at(7, () => {});
    expect(sim.step()).toBe(true);
    expect(sim.now).toBe(3);
    expect(sim.peek()).toBe(7);
    expect(sim.step()).toBe(true);
    expect(sim.step()).toBe(false);
  });

  it('stop() from a handler ends run() after that event', () => {
    const sim = new Simulation();
    sim.at(1, (s) => s.stop());
    sim.at(2, () => {});
    sim.run(100);
    expect(sim.now).toBe(1);
    expect(sim.pending).toBe(1);
  });

  it('fingerprints the processed (time, tag) sequence', () => {
    const build = (tagB: string) => {
      const sim = new Simulation();
      sim.at(1, () => {}, 'a');
      sim.at(2, () => {}, tagB);
      sim.run();
      return sim.fingerprint();
    };
    expect(build('b')).toBe(build('b'));
    expect(build('b')).not.toBe(build('c'));
    expect(build('b')).toMatch(/^[0-9a-f]{16}$/);
  });

  it('folds noted values into the fingerprint', () => {
    const build = (value: number) => {
      const sim = new Simulation();
      sim.at(1, (s) => s.note('total', value), 'a');
      sim.run();
      return sim.fingerprint();
    };
    expect(build(5)).toBe(build(5));
    expect(build(5)).not.toBe(build(6));
    expect(() => new Simulation().note('x', Number.NaN)).toThrow('note "x" needs a finite value, got NaN');
  });

  it('names the value and the rule on misuse', () => {
    const sim = new Simulation();
    sim.at(2000, () => {});
    sim.run();
    expect(() => sim.after(-5, () => {})).toThrow('negative delay -5 ms');
    expect(() => sim.at(1000, () => {})).toThrow('schedule in the past: 1000 < now 2000');
    expect(() => sim.at(2000.5, () => {})).toThrow('time must be an integer number of ms, got 2000.5');
    expect(() => sim.after(Number.NaN, () => {})).toThrow('delay must be an integer number of ms, got NaN');
    expect(() => sim.run(10)).toThrow('run until 10 is before now 2000');
    expect(() => new Simulation({ start: -1 })).toThrow('start must be >= 0 ms, got -1');
  });

  // Model-based: the kernel's pop order must equal a sorted-array model under any
  // interleaving of schedule / cancel / step.
  type Model = { entries: { time: number; seq: number; label: number; live: boolean }[]; popped: number[] };
  type Real = { sim: Simulation; ids: number[]; popped: number[] };

  class Schedule implements fc.Command<Model, Real> {
    constructor(readonly delay: number) {}
    check = () => true;
    run(m: Model, r: Real): void {
      const label = m.entries.length;
      m.entries.push({ time: r.sim.now + this.delay, seq: label, label, live: true });
      r.ids.push(r.sim.after(this.delay, () => r.popped.push(label)));
    }
    toString = () => `after(${this.delay})`;
  }
  class Cancel implements fc.Command<Model, Real> {
    constructor(readonly pick: number) {}
    check = (m: Readonly<Model>) => m.entries.length > 0;
    run(m: Model, r: Real): void {
      const i = this.pick % m.entries.length;
      const entry = m.entries[i];
      const expected = entry.live && !m.popped.includes(entry.label);
      expect(r.sim.cancel(r.ids[i])).toBe(expected);
      entry.live = false;
    }
    toString = () => `cancel(#${this.pick})`;
  }
  class Step implements fc.Command<Model, Real> {
    check = () => true;
    run(m: Model, r: Real): void {
      const due = m.entries
        .filter((e) => e.live && !m.popped.includes(e.label))
        .sort((a, b) => a.time - b.time || a.seq - b.seq);
      const before = r.sim.now;
      const stepped = r.sim.step();
      expect(stepped).toBe(due.length > 0);
      if (due.length > 0) {
        m.popped.push(due[0].label);
        expect(r.sim.now).toBe(due[0].time);
      }
      expect(r.sim.now).toBeGreaterThanOrEqual(before);
      expect(r.popped).toEqual(m.popped);
    }
    toString = () => 'step()';
  }

  it('should always pop in the order of a sorted-array model under schedule/cancel/step', () => {
    const commands = [
      fc.integer({ min: 0, max: 50 }).map((d) => new Schedule(d)),
      fc.nat().map((p) => new Cancel(p)),
      fc.constant(new Step()),
    ];
    fc.assert(
      fc.property(fc.commands(commands, { size: '+1' }), (cmds) => {
        fc.modelRun(
          () => ({
            model: { entries: [], popped: [] },
            real: { sim: new Simulation(), ids: [], popped: [] },
          }),
          cmds,
        );
      }),
    );
  });

  it('should never move the clock backwards, and run(until) should always stop exactly at until', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { maxLength: 200 }),
        fc.integer({ min: 0, max: 12_000 }),
        (times, until) => {
          const sim = new Simulation();
          let last = 0;
          let backwards = false;
          for (const t of times)
            sim.at(t, (s) => {
              if (s.now < last) backwards = true;
              last = s.now;
              // Handlers schedule more work, sometimes at the same instant.
              if (s.processed % 3 === 0) s.after(s.processed % 7, () => {});
            });
          sim.run(until);
          expect(backwards).toBe(false);
          expect(sim.now).toBe(until);
          expect(sim.peek()).toBeGreaterThan(until);
        },
      ),
    );
  });
});

describe('EventQueue', () => {
  it('should always pop (time, seq) pairs in sorted order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 500 }), (times) => {
        const q = new EventQueue();
        times.forEach((t, seq) => {
          q.push(t, seq, seq);
        });
        const popped: number[] = [];
        while (q.size > 0) popped.push(q.pop());
        const expected = times.map((t, seq) => ({ t, seq })).sort((a, b) => a.t - b.t || a.seq - b.seq);
        expect(popped).toEqual(expected.map((e) => e.seq));
      }),
    );
  });

  it('returns -1 when popping an empty queue', () => {
    expect(new EventQueue().pop()).toBe(-1);
  });
});
