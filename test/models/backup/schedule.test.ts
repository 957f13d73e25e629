// Slots: the memoised nextSlot, and the board that delivers a fleet's slots with one event per instant.
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../engine/simulation.js';
import { MS, millis } from '../../../engine/units.js';
import { cachedNextSlot, nextSlot, type Slot, SlotBoard } from '../../../models/backup/schedule.js';
import type { Schedule } from '../../../models/scenario/types.js';

const daily: Schedule = {
  frequency: 'daily',
  at: 22 * 60,
  days: [],
  every: null,
  window: millis(MS.day),
  timeZone: 'America/New_York',
};

describe('cachedNextSlot', () => {
  it('answers as nextSlot does, with the same object for the same question', () => {
    const start = Date.parse('2026-03-01T00:00:00Z');
    let after = start;
    for (let k = 0; k < 40; k++) {
      const slot = cachedNextSlot(daily, after);
      expect(slot).toEqual(nextSlot(daily, after));
      expect(cachedNextSlot(daily, after)).toBe(slot);
      after = slot.at + 1;
    }
  });
});

describe('SlotBoard', () => {
  it('delivers every booking of an instant in booking order from one kernel event', () => {
    const sim = new Simulation();
    const board = new SlotBoard(sim);
    const log: string[] = [];
    const slot: Slot = { at: 0, lastOfDay: true, windowStart: 0 };
    const target = (name: string) => ({ onSlot: (s: Slot) => log.push(`${name}@${sim.now}:${s.at}`) });
    board.book(10, target('a'), slot);
    board.book(5, target('b'), { at: 1, lastOfDay: false, windowStart: 1 });
    board.book(10, target('c'), slot);
    expect(sim.pending).toBe(2);
    sim.run();
    expect(log).toEqual(['b@5:1', 'a@10:0', 'c@10:0']);
    expect(sim.processed).toBe(2);
  });

  it('runs a batch where one event per booking would run, ties broken by scheduling order', () => {
    // Booked before another event at the same instant: the batch runs first; booked after: second.
    const sim = new Simulation();
    const board = new SlotBoard(sim);
    const log: string[] = [];
    const t = { onSlot: () => log.push('slot') };
    board.book(3, t, { at: 3, lastOfDay: true, windowStart: 3 });
    sim.at(3, () => log.push('other'));
    board.book(3, t, { at: 3, lastOfDay: true, windowStart: 3 });
    sim.at(4, () => log.push('later'));
    sim.run();
    expect(log).toEqual(['slot', 'slot', 'other', 'later']);
  });

  it('takes bookings for later instants while it delivers one', () => {
    const sim = new Simulation();
    const board = new SlotBoard(sim);
    const seen: number[] = [];
    const target = {
      onSlot: (s: Slot) => {
        seen.push(sim.now);
        if (s.at < 3)
          board.book(sim.now + 1, target, { at: s.at + 1, lastOfDay: true, windowStart: s.at + 1 });
      },
    };
    board.book(0, target, { at: 0, lastOfDay: true, windowStart: 0 });
    board.book(0, target, { at: 2, lastOfDay: true, windowStart: 2 });
    sim.run();
    expect(seen).toEqual([0, 0, 1, 1, 2, 3]);
  });
});
