// The data-loss windows a backup schedule guarantees (issue 15): if a failure struck at the
// worst instant, how much data would be lost. A window runs from a point's data instant to the
// instant the next point becomes usable: for a failure of the VM, the next instant-restore
// snapshot (usable when phase 1 ends, docs/reference.md §1.1); for an outage of the region,
// the next vault point (usable in the paired region only through Cross Region Restore, up to
// 12 hours after it lands, §2.2). Failed jobs make no point, so their days widen the window.

/** The worst window of one kind: its length and the data instant and usable instant that bound it (sim ms). */
export interface Window {
  readonly ms: number;
  /** Data instant of the point before the window. */
  readonly from: number;
  /** When the next point became usable (or the end of protection, for the last window). */
  readonly to: number;
}

// The numbers of an Exposure, at `at` in a Float64Array: the data instants of the latest
// snapshot and vault point (−1 before the first), then each kind's worst window as (ms, from,
// to), ms NaN while there is none. In numbers rather than objects so that a VM keeps them in
// the array it reads at every job anyway (VmBackup's nums): one less object to fetch per job.
const LAST_LOCAL = 0;
const LAST_VAULT = 1;
const LOCAL = 2;
const VAULT = 5;

/** How many numbers an Exposure keeps (its stretch of a caller's Float64Array). */
export const EXPOSURE_NUMBERS = 8;

/** Sets an Exposure's numbers at `at` in `buf` to "no point yet". */
export function clearExposure(buf: Float64Array, at: number): void {
  buf[at + LAST_LOCAL] = -1;
  buf[at + LAST_VAULT] = -1;
  buf.fill(Number.NaN, at + LOCAL, at + EXPOSURE_NUMBERS);
}

/** Exposure.snapshot on the numbers at `at` in `buf` (allocates nothing). */
export function exposureSnapshot(buf: Float64Array, at: number, takenAt: number, usableAt: number): void {
  const last = buf[at + LAST_LOCAL];
  if (last >= 0) widen(buf, at + LOCAL, last, usableAt);
  buf[at + LAST_LOCAL] = Math.max(last, takenAt);
}

/** Exposure.vaultPoint on the numbers at `at` in `buf` (allocates nothing). */
export function exposureVaultPoint(buf: Float64Array, at: number, takenAt: number, landedAt: number): void {
  const last = buf[at + LAST_VAULT];
  if (last >= 0) widen(buf, at + VAULT, last, landedAt);
  buf[at + LAST_VAULT] = Math.max(last, takenAt);
}

// The window (from, to) replaces the one at `w` when it is wider (a tie keeps the earlier).
function widen(buf: Float64Array, w: number, from: number, to: number): void {
  const ms = to - from;
  if (buf[w] >= ms) return;
  buf[w] = ms;
  buf[w + 1] = from;
  buf[w + 2] = to;
}

// The window at `w`, or null while there is none.
function windowAt(buf: Float64Array, w: number): Window | null {
  return Number.isNaN(buf[w]) ? null : { ms: buf[w], from: buf[w + 1], to: buf[w + 2] };
}

/**
 * The worst windows of one VM's points, kept as jobs finish: two numbers per kind, no history.
 * Its numbers live at `at` in `buf` (a VM's own array; a fresh one when not given), where the
 * exposureSnapshot and exposureVaultPoint functions update them without the object.
 */
export class Exposure {
  constructor(
    private readonly buf: Float64Array = new Float64Array(EXPOSURE_NUMBERS),
    private readonly at = 0,
  ) {
    clearExposure(buf, at);
  }

  /** A snapshot of data instant `takenAt` became usable at `usableAt`. */
  snapshot(takenAt: number, usableAt: number): void {
    exposureSnapshot(this.buf, this.at, takenAt, usableAt);
  }

  /** A vault point of data instant `takenAt` landed at `landedAt`. */
  vaultPoint(takenAt: number, landedAt: number): void {
    exposureVaultPoint(this.buf, this.at, takenAt, landedAt);
  }

  /**
   * Carries on from another item's windows (the same VM protected by another item, after it
   * moved to another region): its worst windows so far, and the next point's window opens at
   * the last point it had.
   */
  continueFrom(before: Exposure): void {
    this.buf.set(before.buf.subarray(before.at, before.at + EXPOSURE_NUMBERS), this.at);
  }

  /** The worst window for a failure of the VM, counting the open one up to `end` (null: no point ever). */
  localWindow(end: number): Window | null {
    const last = this.buf[this.at + LAST_LOCAL];
    return last < 0 ? null : widest(windowAt(this.buf, this.at + LOCAL), last, end);
  }

  /** The worst window between vault points (landing instants), up to `end`, plus `lag` for the copy to reach the paired region. */
  vaultWindow(end: number, lag = 0): Window | null {
    const last = this.buf[this.at + LAST_VAULT];
    if (last < 0) return null;
    const vault = windowAt(this.buf, this.at + VAULT);
    const w = vault === null ? null : { ...vault, ms: vault.ms + lag, to: vault.to + lag };
    return widest(w, last, Math.max(end, last));
  }
}

function widest(current: Window | null, from: number, to: number): Window {
  const ms = to - from;
  return current !== null && current.ms >= ms ? current : { ms, from, to };
}
