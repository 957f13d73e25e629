// How a disk's used bytes grow: compounded yearly from the used bytes at the start, in whole
// bytes, and never past the disk's provisioned size. A disk that reaches its size is full:
// writes that would add data fail in the guest, so used bytes stay at the size and only
// churn (overwrites) goes on. That is what Azure sees of a full managed disk: a point holds
// at most the disk's size (docs/reference.md §2.6: storage counts used data, and used data
// cannot pass the provisioned size). Every model that asks "how much data is on this disk
// at t" (backup content, Site Recovery write rates, restore work) asks here.

import { MS } from '../../engine/units.js';

/** What growth needs to know of a disk (a scenario Disk fits). */
export interface GrowingDisk {
  /** Used bytes at time 0. */
  used: number;
  /** Yearly growth of used bytes (0.2 = 20% a year, compounded). */
  growth: number;
  /** Provisioned size in bytes: used bytes never pass it (Infinity: no limit, like a MARS server's data). */
  size: number;
}

/** A year of growth: 365 days (growth is a yearly rate; leap days are not modelled). */
export const GROWTH_YEAR = 365 * MS.day;

/** How much a yearly `growth` has multiplied data by t ms after the start: (1 + growth) compounded over years. */
export function growthFactor(growth: number, t: number): number {
  return (1 + growth) ** (t / GROWTH_YEAR);
}

/** Used bytes of a growing disk at t ms after the start: compounded, whole bytes, at most its size. */
export function grownUsed(used: number, growth: number, size: number, t: number): number {
  if (growth === 0) return used;
  const grown = Math.round(used * growthFactor(growth, t));
  return grown < size ? grown : Math.max(used, size);
}

/** Used bytes of `disk` at t ms after the start (grownUsed). */
export function usedAt(disk: GrowingDisk, t: number): number {
  return grownUsed(disk.used, disk.growth, disk.size, t);
}

/**
 * The first whole ms at which `disk` is full (its used bytes reach its size), or Infinity when
 * growth never fills it. 0 when it is full from the start.
 */
export function fullAt(disk: GrowingDisk): number {
  const { used, growth, size } = disk;
  if (used >= size) return 0;
  if (!(growth > 0) || !Number.isFinite(size) || used <= 0) return Number.POSITIVE_INFINITY;
  // used × (1 + g)^(t / year) = size, solved in floating point, gives a bracket; a bisection
  // then finds the first ms whose rounded used bytes reach the size (full() only turns true
  // as t grows), so fullAt agrees with usedAt to the ms however slowly the disk grows.
  const guess = Math.ceil((GROWTH_YEAR * Math.log(size / used)) / Math.log1p(growth));
  if (!Number.isFinite(guess) || guess > Number.MAX_SAFE_INTEGER / 2) return Number.POSITIVE_INFINITY;
  const full = (t: number) => grownUsed(used, growth, Number.POSITIVE_INFINITY, t) >= size;
  let hi = Math.max(1, guess);
  for (let step = 1; !full(hi); step *= 2) hi += step;
  let lo = 0;
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (full(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** One fleet group's disk filled by growth within a run (the result's DiskFull, before formatting). */
export interface FilledDisk {
  group: string;
  disk: string;
  vms: number;
  size: number;
  /** Ms after the start at which it became full. */
  at: number;
}

/**
 * The disks that growth fills before `horizon` (ms), per fleet group, disk and instant, in
 * fleet order: the "disk full" notes of a run. A disk full from the start without growth is
 * not listed (nothing was capped).
 */
export function filledDisks(
  vms: readonly { group: string; disks: readonly (GrowingDisk & { name: string })[] }[],
  horizon: number,
): FilledDisk[] {
  const out: FilledDisk[] = [];
  const byKey = new Map<string, FilledDisk>();
  for (const vm of vms)
    for (const d of vm.disks) {
      if (!(d.growth > 0)) continue;
      const at = fullAt(d);
      if (!(at < horizon)) continue;
      const key = `${vm.group}\u0000${d.name}\u0000${at}`;
      const seen = byKey.get(key);
      if (seen !== undefined) seen.vms++;
      else {
        const entry = { group: vm.group, disk: d.name, vms: 1, size: d.size, at };
        byKey.set(key, entry);
        out.push(entry);
      }
    }
  return out;
}
