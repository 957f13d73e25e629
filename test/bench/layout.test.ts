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

// columnar-full (bench/layout-full.ts) adds the model's reported features to the columnar
// sketch; its figures must agree with the sketch's where the features change nothing, and
// with each other where they do.
describe('layout bench, columnar-full', () => {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;

  it('stores what the columnar sketch stores when every transfer lands the day it starts', () => {
    // 20 VMs (2 a vault): 400 MB/s of transfers on a 5 GB/s link and 2 of 100 slots taken, so
    // no job waits, none finds the one before still in flight, and every point lands the
    // morning of its day, as the sketch's do. Then the chain holds the same points with the
    // same content and tiers, so the stored bytes and point-days are the sketch's: a point
    // landed with the wrong tiers, a transfer lost or landed twice, a snapshot counted twice or
    // not at all, would change them. The series' last values must add up to the same bytes (a
    // change not recorded would not).
    const columnar = runLayout(20, 400, 'columnar');
    const full = runLayout(20, 400, 'columnar-full');
    expect(full.stored).toBe(columnar.stored);
    expect(full.pointDays).toBe(columnar.pointDays);
    const f = full.full!;
    expect(f.seriesLast).toBe(full.stored);
    expect(f).toMatchObject({ scheduled: 8000, snapshots: 8000, succeeded: 8000, transfers: 8000 });
    expect(f).toMatchObject({ failedBusy: 0, failedTransient: 0, inFlight: 0, gaps: 8000 - 20 });
    // A daily job starts 03:00 + up to the 2 h start window and its snapshot takes 2–15 min:
    // a wait for the next usable snapshot is a day and at most 2 h 15 min, and over 7,980
    // such windows the worst comes near that (a start early in the window, the next late in
    // it): above a day and 1.5 h. A window's arithmetic gone wrong (from the wrong instant,
    // the narrowest kept rather than the widest, the open window at the end miscounted)
    // leaves this range.
    expect(f.worstLocalMs).toBeGreaterThan(DAY + 1.5 * HOUR);
    expect(f.worstLocalMs).toBeLessThanOrEqual(DAY + 2 * HOUR + 15 * 60_000);
    expect(f.worstVaultMs).toBeGreaterThanOrEqual(f.worstLocalMs - 15 * 60_000);
    // The first (full) copy of 281.6 GiB at its 20 MB/s cap: about 4.2 hours.
    expect(f.transferMaxMs).toBeGreaterThan(4 * HOUR);
    expect(f.transferMaxMs).toBeLessThan(4.5 * HOUR);
  });

  it('counts every job once when the link and the slots are saturated', () => {
    // 2,000 VMs: 200 a vault for 100 slots, and day 0's 2,000 full copies (605 TB) need 34 h of
    // the 40 Gbps link: the first 1,000 share it at 5 MB/s each (a quarter of their cap) for
    // 16.8 h, then the 1,000 that waited for a slot, still in flight at day 1's slot, whose
    // jobs fail with job-in-progress (no snapshot). Each attempt
    // is then exactly one of: landed, failed, or in flight at the end, and each snapshot is a
    // landed or in-flight job: a job counted twice or lost (a landing told twice, a busy VM
    // snapshotting anyway) breaks these sums.
    const run = runLayout(2000, 5, 'columnar-full');
    const f = run.full!;
    expect(f.scheduled).toBe(2000 * 5);
    expect(f.failedBusy).toBeGreaterThan(0);
    expect(f.failedTransient).toBe(0); // the fleet's failure rate is 0: nothing is drawn
    expect(f.transfers).toBe(f.succeeded);
    // Day 0's copies are all in by about 34 h, so days 2–4's 6,000 jobs (incrementals of
    // minutes) succeed too: fewer means slots never came back or waiters were never granted.
    expect(f.succeeded).toBeGreaterThan(3 * 2000);
    expect(f.succeeded + f.failedBusy + f.failedTransient + f.inFlight).toBe(f.scheduled);
    expect(f.snapshots).toBe(f.succeeded + f.inFlight);
    expect(f.gaps).toBe(f.snapshots - 2000);
    // A duration counts from the slot's grant (as the model's): 16.8 h shared, not 4.2 h at the cap.
    expect(f.transferMaxMs).toBeGreaterThan(16 * HOUR);
    expect(f.transferMaxMs).toBeLessThan(17.5 * HOUR);
    expect(f.seriesLast).toBe(run.stored);
    // No point lapses in 5 days (the daily tier keeps 30), so the chains hold every landed
    // point, each adding its delta from the one before: what its transfer carried (the
    // snapshot's delta). A point landed with the VM's live content rather than its snapshot's
    // (a day later for the jobs that waited) would not add up.
    expect(f.standardStored).toBe(f.bytesTransferred);
  });

  it('computes the same figures twice', () => {
    const once = runLayout(20, 60, 'columnar-full');
    const twice = runLayout(20, 60, 'columnar-full');
    expect(twice.full).toEqual(once.full);
    expect(twice.stored).toBe(once.stored);
  });
});
