import { describe, expect, it } from 'vitest';
import { runLayout } from '../../bench/layout.js';

// The layout bench's sketch must do the work it claims, or its timing says nothing.
describe('layout bench', () => {
  it('keeps the GFS tiers of one VM through January 2026, worked by hand', () => {
    // Runs start on Thursday 2026-01-01; the point of day d lands that morning, and the
    // tiers are counted after each midnight's cleanup (d = 0 … 30).
    // - daily 30: after day d, min(d + 1, 30) points (the first lapses 30 days after it
    //   landed, at the midnight ending day 30): 1 + 2 + … + 30 + 30 = 465 + 30 = 495;
    // - weekly: the Sundays 4, 11, 18, 25 January are days 3, 10, 17, 24, each counted from
    //   its day to day 30: 28 + 21 + 14 + 7 = 70;
    // - monthly and yearly: the first Sunday, 4 January (day 3), on days 3 … 30: 28 each.
    // Total 495 + 70 + 28 + 28 = 621.
    expect(runLayout(1, 31, 'columnar').pointDays).toBe(621);
  });

  it('computes the same figures in both layouts, and twice in one', () => {
    const figures = (layout: 'columnar' | 'objects') => {
      const { stored, pointDays } = runLayout(20, 400, layout);
      return { stored, pointDays };
    };
    const columnar = figures('columnar');
    expect(columnar.stored).toBeGreaterThan(0);
    expect(figures('objects')).toEqual(columnar);
    expect(figures('columnar')).toEqual(columnar);
  });
});
