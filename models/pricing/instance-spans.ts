// Which days a protected instance is billed (docs/model.md, Cost: "Protected-instance days").
// A day of the run — [start + (k−1)·day, start + k·day), the last one cut at the horizon — is
// billed whole when, at its close, the item holds backup data that bills the fee:
// - protected data (protected, or stopped with its data retained): the days the run recorded,
//   `ProtectedItemUsage.spans`;
// - data in soft delete, during the period's days before its last free ones — the days the
//   softDelete meter bills its storage (§2.3: "billed at the normal rate"; the source adds that
//   the rates are those of an item stopped with its data retained), at the size the item last had.
// Each is known when its day closes: a later undelete or purge changes no earlier day.

import { MS } from '../../engine/units.js';
import type { ProtectedItemUsage, SoftDeletedEntry, TimeSpan } from './types.js';

/** A soft-delete period of an item, with the free days of its vault's region. */
export interface HeldPeriod {
  readonly entry: SoftDeletedEntry;
  /** Days at the end of the period that are free (price `softDeleteFreeDays`). */
  readonly freeDays: number;
}

/** The spans an item's fee is billed over, and the part of them its data spent in soft delete. */
export interface BilledSpans {
  /** Disjoint, in time order, adjacent ones merged. */
  readonly spans: readonly TimeSpan[];
  /** The soft-delete days among them, disjoint, in time order. */
  readonly softDeleted: readonly TimeSpan[];
}

/**
 * The days whose close falls in (after, until]: the days are the run's, from `start`, the last
 * cut at `end`. Null when there is none.
 */
export function closedDays(after: number, until: number, start: number, end: number): TimeSpan | null {
  const days = Math.ceil((end - start) / MS.day);
  const close = (k: number): number => Math.min(start + k * MS.day, end);
  const first = Math.max(1, Math.floor((after - start) / MS.day) + 1);
  if (first > days || close(first) <= after) return null;
  const last = close(days) <= until ? days : Math.min(days, Math.floor((until - start) / MS.day));
  return last < first ? null : { from: start + (first - 1) * MS.day, to: close(last) };
}

/** The days a soft-delete period bills the fee: those closing after deletion and by the end of its billed part. */
export function heldDays(period: HeldPeriod, start: number, end: number): TimeSpan | null {
  const { entry, freeDays } = period;
  return closedDays(entry.deletedAt, softDeleteBilledUntil(entry, freeDays), start, end);
}

/**
 * §2.3: when a soft-deleted entry stops being billed — when it left soft delete, or at its
 * period's last `freeDays` (free), whichever is first. The softDelete meter and the
 * protected-instance days both bill up to it.
 */
export function softDeleteBilledUntil(entry: SoftDeletedEntry, freeDays: number): number {
  return Math.min(entry.leftAt ?? entry.purgeAt, entry.purgeAt - freeDays * MS.day);
}

/** An item's billed spans: its protected days and its billed soft-delete days, merged. */
export function billedSpans(
  item: ProtectedItemUsage,
  held: readonly HeldPeriod[],
  start: number,
  end: number,
): BilledSpans {
  const softDeleted = merge(held.map((p) => heldDays(p, start, end)).filter((s) => s !== null));
  const own = item.spans ?? [{ from: item.from, to: item.to }];
  return { spans: merge([...own, ...softDeleted]), softDeleted };
}

// Sorted, with overlapping or touching spans joined and empty ones dropped.
function merge(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: { from: number; to: number }[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else out.push({ from: s.from, to: s.to });
  }
  return out;
}
