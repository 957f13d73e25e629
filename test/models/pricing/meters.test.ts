import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/units.js';
import {
  archiveEarlyDeletionDaysLeft,
  archiveEarlyDeletionFee,
  BYTES_PER_GB,
  DEFAULT_PRICES,
  protectedInstanceFee,
  protectedInstanceUnits,
  roundCents,
  vaultStorageRate,
} from '../../../models/pricing/index.js';

const GB = BYTES_PER_GB;

describe('protected-instance tiers (docs/reference.md §8.2)', () => {
  it.each([
    // [used bytes, label, tier, units, fee]
    [0, '0 bytes: still one small instance', 'small', 1, 5],
    [50 * GB, '50 GB: the largest small instance', 'small', 1, 5],
    [50 * GB + 1, '50 GB + 1 byte: one 500-GB block', 'blocks', 1, 10],
    [500 * GB, '500 GB: still one block ("500GB … $10")', 'blocks', 1, 10],
    [501 * GB, '501 GB: ceil(501/500) = 2 blocks', 'blocks', 2, 20],
    [1000 * GB, '1,000 GB: exactly 2 blocks', 'blocks', 2, 20],
    [1000 * GB + 1, '1,000 GB + 1 byte: 3 blocks', 'blocks', 3, 30],
    [1300 * GB, '1.3 TB: ceil(1300/500) = ceil(2.6) = 3 blocks (UK example, 3 × £6.109)', 'blocks', 3, 30],
    [2000 * GB, '2,000 GB: 4 blocks × $10 = $40 ("2000GB … $40")', 'blocks', 4, 40],
  ] as const)('%d bytes → %s', (used, _label, tier, units, fee) => {
    expect(protectedInstanceUnits(used)).toEqual({ tier, units });
    expect(protectedInstanceFee(used, DEFAULT_PRICES)).toBe(fee);
  });

  it('rejects negative or non-finite sizes', () => {
    expect(() => protectedInstanceFee(-1)).toThrow(RangeError);
    expect(() => protectedInstanceFee(Number.NaN)).toThrow(RangeError);
  });

  it('should never charge less for a larger instance', () => {
    fc.assert(
      fc.property(fc.nat({ max: 20_000 * GB }), fc.nat({ max: 2_000 * GB }), (a, extra) => {
        expect(protectedInstanceFee(a + extra)).toBeGreaterThanOrEqual(protectedInstanceFee(a));
      }),
    );
  });

  it('should always charge $5 up to 50 GB and $10 per started 500 GB above', () => {
    fc.assert(
      fc.property(fc.nat({ max: 20_000 * GB }), (used) => {
        const expected = used <= 50 * GB ? 5 : 10 * Math.ceil(used / (500 * GB));
        expect(protectedInstanceFee(used)).toBe(expected);
      }),
    );
  });
});

describe('vault storage rate (§8.1, §8.3)', () => {
  const vault = (redundancy: 'LRS' | 'ZRS' | 'GRS', crossRegionRestore = false) => ({
    name: 'rsv',
    redundancy,
    crossRegionRestore,
  });

  it('pays its redundancy rate, or RA-GRS with Cross Region Restore', () => {
    expect(vaultStorageRate(vault('LRS'))).toBe(0.028);
    expect(vaultStorageRate(vault('ZRS'))).toBe(0.035);
    expect(vaultStorageRate(vault('GRS'))).toBe(0.056);
    expect(vaultStorageRate(vault('GRS', true))).toBe(0.0711);
  });

  it('rejects Cross Region Restore on a vault that is not GRS (§2.2)', () => {
    expect(() => vaultStorageRate(vault('LRS', true))).toThrow(/rsv.*Cross Region Restore needs GRS/);
  });
});

describe('archive early deletion (§2.4)', () => {
  it('charges the days left of 180: 200 GB deleted after 100 days → 80 days × 200 GB × price / 30', () => {
    expect(archiveEarlyDeletionDaysLeft(100 * MS.day)).toBe(80);
    // 200 GB × $0.0024 = $0.48 per month; × 80/30 = $1.28.
    expect(archiveEarlyDeletionFee(200 * GB, 80)).toBeCloseTo(1.28, 12);
  });

  it('charges nothing once the period is over, and half a day for half a day', () => {
    expect(archiveEarlyDeletionDaysLeft(180 * MS.day)).toBe(0);
    expect(archiveEarlyDeletionDaysLeft(400 * MS.day)).toBe(0);
    expect(archiveEarlyDeletionDaysLeft(179.5 * MS.day)).toBe(0.5);
    expect(archiveEarlyDeletionFee(200 * GB, 0)).toBe(0);
  });

  it('rejects negative inputs', () => {
    expect(() => archiveEarlyDeletionDaysLeft(-1)).toThrow(RangeError);
    expect(() => archiveEarlyDeletionFee(-1, 10)).toThrow(RangeError);
    expect(() => archiveEarlyDeletionFee(GB, -1)).toThrow(RangeError);
  });
});

describe('roundCents', () => {
  it('rounds half away from zero despite binary noise', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(roundCents(56.000000001)).toBe(56);
    expect(roundCents(84.903225806)).toBe(84.9);
    expect(roundCents(-2.345)).toBe(-2.35);
    expect(roundCents(0)).toBe(0);
  });

  it('should never move an amount by more than half a cent', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), (x) => {
        expect(Math.abs(roundCents(x) - x)).toBeLessThanOrEqual(0.005 + Math.abs(x) * 1e-12);
      }),
    );
  });
});
