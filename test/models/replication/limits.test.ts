// §5.2 churn limits and §5.7 reprotect timing, worked by hand.
import { describe, expect, it } from 'vitest';
import { MS } from '../../../engine/units.js';
import {
  churnLimit,
  effectiveUpload,
  HIGH_CHURN_LIMIT,
  MB,
  NORMAL_CHURN_LIMIT,
} from '../../../models/replication/limits.js';
import { AUTO_SCALE, failbackDuration, reprotectDuration } from '../../../models/replication/reprotect.js';

const GiB = 2 ** 30;

describe('churn limits', () => {
  it("reads the tables' MB as 2^20 bytes: 2 MB/s for a day is 168.75 GiB, the table's 168 GB per disk", () => {
    expect((2 * MB * 86_400) / GiB).toBe(168.75);
    expect(NORMAL_CHURN_LIMIT).toBe(54 * 1_048_576);
    expect(HIGH_CHURN_LIMIT).toBe(100 * 1_048_576);
    expect(churnLimit(false)).toBe(NORMAL_CHURN_LIMIT);
    expect(churnLimit(true)).toBe(HIGH_CHURN_LIMIT);
  });

  it('caps the upload at the limit and flags a peak write rate above it', () => {
    expect(effectiveUpload(null, false, 60 * MB)).toEqual({ rate: 54 * MB, limit: 54 * MB, overLimit: true });
    expect(effectiveUpload(200 * MB, true, 60 * MB)).toEqual({
      rate: 100 * MB,
      limit: 100 * MB,
      overLimit: false,
    });
    expect(effectiveUpload(10 * MB, false, 54 * MB)).toEqual({
      rate: 10 * MB,
      limit: 54 * MB,
      overLimit: false,
    });
    expect(() => effectiveUpload(-1, false, 0)).toThrow(/bandwidth/);
  });
});

describe('reprotect timing', () => {
  it('adds checksum, differential transfer, processing and auto-scale (§5.7)', () => {
    // Initial replication 2 h; 100 GiB differing at 200 MiB/s disk throughput:
    // transfer = 102,400 MiB / (0.23 × 200 MiB/s) = 2226.087 s; processing = (7200 + 2226.087) / 5
    // = 1885.217 s; auto-scale 1500 s; total 12,811.304 s.
    const r = reprotectDuration({
      initialReplication: 2 * MS.hour,
      differentialBytes: 100 * GiB,
      diskThroughput: 200 * MB,
      sourceAvailable: true,
    });
    expect(r.checksum).toBe(7200_000);
    expect(r.transfer).toBeCloseTo(2226_087, 0);
    expect(r.processing).toBeCloseTo(1885_217.4, 0);
    expect(r.autoScale).toBe(AUTO_SCALE);
    expect(AUTO_SCALE).toBe(25 * MS.minute);
    expect(r.total).toBeCloseTo(12_811_304.3, 0);
  });

  it('falls back to a full initial replication when the source data is gone', () => {
    const r = reprotectDuration({
      initialReplication: 3 * MS.hour,
      differentialBytes: GiB,
      diskThroughput: 100 * MB,
      sourceAvailable: false,
    });
    expect(r).toEqual({
      checksum: 0,
      transfer: 0,
      processing: 0,
      autoScale: 0,
      fullReplication: 3 * MS.hour,
      total: 3 * MS.hour,
    });
  });

  it('fails back in as long as the failover took (§5.4)', () => {
    expect(failbackDuration(9 * MS.minute)).toBe(9 * MS.minute);
    expect(() => failbackDuration(-1)).toThrow(RangeError);
  });
});
