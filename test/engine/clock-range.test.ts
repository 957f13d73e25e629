// The clock's range (issue 21): times are integer ms from 0 to MAX_TIME = 2^53 − 1, where
// arithmetic on doubles is exact; scheduling past it is refused with the limit named, and a
// transfer whose finish lies past it is never scheduled (it would never be reached).
import { describe, expect, it } from 'vitest';
import { Link } from '../../engine/link.js';
import { MAX_TIME, Simulation } from '../../engine/simulation.js';

describe('the clock range', () => {
  it('is 2^53 − 1 ms, about 285,420 years', () => {
    expect(MAX_TIME).toBe(2 ** 53 - 1);
    // 9,007,199,254,740,991 ms / (1000 × 86,400 × 365.25) = 285,420.9 Julian years.
    expect(Math.floor(MAX_TIME / (1000 * 86_400 * 365.25))).toBe(285_420);
  });

  it('schedules up to MAX_TIME and refuses past it, naming the range', () => {
    const sim = new Simulation();
    expect(() => sim.at(MAX_TIME, () => {})).not.toThrow();
    expect(() => sim.at(MAX_TIME + 1, () => {})).toThrow(`passes the clock's range (${MAX_TIME} ms)`);
    sim.at(1000, () => {});
    sim.step();
    expect(() => sim.after(MAX_TIME, () => {})).toThrow(
      `delay ${MAX_TIME} ms from 1000 passes the clock's range (${MAX_TIME} ms)`,
    );
    expect(() => sim.run(2 ** 60)).toThrow("passes the clock's range");
  });

  it('leaves a link transfer finishing past the range unscheduled, and the run goes on', () => {
    const sim = new Simulation();
    // 1 bit/s = 0.125 B/s: 2^53 bytes take 2^56 s, far past the clock's range.
    const link = new Link(sim, { name: 'crawl', capacity: 0.125 });
    let done = false;
    link.start(2 ** 53, () => {
      done = true;
    });
    sim.run(1_000_000);
    expect(done).toBe(false);
    expect(sim.now).toBe(1_000_000);
  });
});
