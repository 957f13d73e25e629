import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DrawAhead } from '../../../models/backup/draws.js';

describe('DrawAhead', () => {
  it('should always hand out each draw function’s values in the order it makes them', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat({ max: 2 }), { maxLength: 100 }),
        (block, asks) => {
          const made = [0, 0, 0];
          const ahead = new DrawAhead(
            [0, 1, 2].map((k) => () => k * 1000 + made[k]++),
            block,
          );
          const taken = [0, 0, 0];
          for (const k of asks) expect(ahead.take(k)).toBe(k * 1000 + taken[k]++);
          // Never more than a block ahead of what was taken.
          for (let k = 0; k < 3; k++) expect(made[k] - taken[k]).toBeLessThan(block);
        },
      ),
    );
  });

  it('draws a block at a time', () => {
    let calls = 0;
    const ahead = new DrawAhead([() => ++calls], 4);
    expect(calls).toBe(0);
    expect(ahead.take(0)).toBe(1);
    expect(calls).toBe(4);
    for (let i = 2; i <= 5; i++) expect(ahead.take(0)).toBe(i);
    expect(calls).toBe(8);
  });
});
