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

/** The worst windows of one VM's points, kept as jobs finish: two numbers per kind, no history. */
export class Exposure {
  private lastLocal = -1;
  private lastVault = -1;
  private local: Window | null = null;
  private vault: Window | null = null;

  /** A snapshot of data instant `takenAt` became usable at `usableAt`. */
  snapshot(takenAt: number, usableAt: number): void {
    if (this.lastLocal >= 0) this.local = widest(this.local, this.lastLocal, usableAt);
    this.lastLocal = Math.max(this.lastLocal, takenAt);
  }

  /** A vault point of data instant `takenAt` landed at `landedAt`. */
  vaultPoint(takenAt: number, landedAt: number): void {
    if (this.lastVault >= 0) this.vault = widest(this.vault, this.lastVault, landedAt);
    this.lastVault = Math.max(this.lastVault, takenAt);
  }

  /**
   * Carries on from another item's windows (the same VM protected by another item, after it
   * moved to another region): its worst windows so far, and the next point's window opens at
   * the last point it had.
   */
  continueFrom(before: Exposure): void {
    this.lastLocal = before.lastLocal;
    this.lastVault = before.lastVault;
    this.local = before.local;
    this.vault = before.vault;
  }

  /** The worst window for a failure of the VM, counting the open one up to `end` (null: no point ever). */
  localWindow(end: number): Window | null {
    return this.lastLocal < 0 ? null : widest(this.local, this.lastLocal, end);
  }

  /** The worst window between vault points (landing instants), up to `end`, plus `lag` for the copy to reach the paired region. */
  vaultWindow(end: number, lag = 0): Window | null {
    if (this.lastVault < 0) return null;
    const w =
      this.vault === null ? null : { ...this.vault, ms: this.vault.ms + lag, to: this.vault.to + lag };
    return widest(w, this.lastVault, Math.max(end, this.lastVault));
  }
}

function widest(current: Window | null, from: number, to: number): Window {
  const ms = to - from;
  return current !== null && current.ms >= ms ? current : { ms, from, to };
}
