// Disks obey their size (issue 21): growth compounds yearly and stops at the provisioned size,
// and fullAt says, to the ms, from when a disk is full.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/units.js';
import { filledDisks, fullAt, GROWTH_YEAR, grownUsed, usedAt } from '../../../models/workload/growth.js';

const GIB = 1024 ** 3;
const TIB = 1024 * GIB;

describe('growth capped at the disk size', () => {
  it('grows 100 GiB at 1000% a year to the 1 TiB size and stops there', () => {
    const disk = { used: 100 * GIB, growth: 10, size: TIB };
    // Half a year: 100 GiB × 11^0.5 = 331.66 GiB, below the size.
    expect(usedAt(disk, GROWTH_YEAR / 2)).toBe(Math.round(100 * GIB * Math.sqrt(11)));
    // Full when 100 GiB × 11^(t / 365 d) = 1024 GiB: t = ln(10.24) / ln(11) years
    // = 2.32630 / 2.39790 = 0.970141 years = 354.10 days (30,594,433,672 ms).
    const full = fullAt(disk);
    expect(full / MS.day).toBeCloseTo(354.1022, 3);
    expect(usedAt(disk, full - 1)).toBeLessThan(TIB);
    expect(usedAt(disk, full)).toBe(TIB);
    // Ten years on it is still 1 TiB, not 100 GiB × 11^10 = 2.4 EiB.
    expect(usedAt(disk, 10 * GROWTH_YEAR)).toBe(TIB);
  });

  it('fills the enhanced-hourly data disk 3.58 years in: 800 GiB at 30% a year on 2 TiB', () => {
    // 800 GiB × 1.3^(t / 365 d) = 2048 GiB: t = ln(2.56) / ln(1.3) = 0.940007 / 0.262364
    // = 3.58283 years = 1307.734 days: 2026-01-01 + 1307.734 d = 2029-07-31T17:36:51Z.
    const full = fullAt({ used: 800 * GIB, growth: 0.3, size: 2 * TIB });
    expect(new Date(Date.parse('2026-01-01T00:00:00Z') + full).toISOString()).toBe(
      '2029-07-31T17:36:51.120Z',
    );
  });

  it('never fills a disk without growth, and a full disk from the start is full at 0', () => {
    expect(fullAt({ used: 10, growth: 0, size: 100 })).toBe(Number.POSITIVE_INFINITY);
    expect(fullAt({ used: 0, growth: 5, size: 100 })).toBe(Number.POSITIVE_INFINITY);
    expect(fullAt({ used: 10, growth: 5, size: Number.POSITIVE_INFINITY })).toBe(Number.POSITIVE_INFINITY);
    expect(fullAt({ used: 100, growth: 0.1, size: 100 })).toBe(0);
    expect(grownUsed(100, 0.1, 100, GROWTH_YEAR)).toBe(100);
  });

  it('lists the filled disks per group and instant, in fleet order, once per group', () => {
    const disk = (name: string, used: number, growth: number) => ({ name, used, growth, size: 1000 });
    const vms = [
      { group: 'web', disks: [disk('os', 1000, 0), disk('data-1', 500, 1)] },
      { group: 'web', disks: [disk('os', 1000, 0), disk('data-1', 500, 1)] },
      { group: 'db', disks: [disk('os', 999, 0.0001)] },
      { group: 'app', disks: [disk('os', 100, 1)] },
    ];
    // web data-1 doubles in about a year. db: 999 × 1.0001^y ≥ 999.5 after ~5 years,
    // beyond the 2-year horizon. app: 100 × 2^y = 1000 after log2(10) = 3.32 years, beyond.
    const filled = filledDisks(vms, 2 * GROWTH_YEAR);
    expect(filled).toEqual([
      { group: 'web', disk: 'data-1', vms: 2, size: 1000, at: fullAt(vms[0].disks[1]) },
    ]);
    // Whole bytes: 500 × 2^y rounds to 1000 from 999.5 on, so y = log2(1.999) = 0.999278 years.
    expect(filled[0].at / GROWTH_YEAR).toBeCloseTo(Math.log2(1.999), 6);
  });

  it('should never let used bytes pass the size, and fullAt should be the first full ms', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.double({ min: 1e-4, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 2 ** 45 }),
        fc.integer({ min: 0, max: 100 * 365 * MS.day }),
        (used, growth, extra, t) => {
          const disk = { used, growth, size: used + extra };
          expect(usedAt(disk, t)).toBeLessThanOrEqual(disk.size);
          expect(usedAt(disk, t)).toBeGreaterThanOrEqual(used);
          const full = fullAt(disk);
          if (Number.isFinite(full)) {
            expect(usedAt(disk, full)).toBe(disk.size);
            expect(usedAt(disk, full - 1)).toBeLessThan(disk.size);
          }
          expect(usedAt(disk, t) === disk.size).toBe(t >= full);
        },
      ),
    );
  });
});
