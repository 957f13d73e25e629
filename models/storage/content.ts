// The content model: how many bytes a recovery point holds, and how many of them another
// point does not already hold. The block comment below is the text for docs/model.md.
//
/* ## Storage: content of a recovery point
 *
 * **What counts.** A protected item (a VM) has disks; only their used bytes count, not
 * provisioned size (docs/reference.md §2.6: storage is "the sum of the actual data in each
 * recovery point", protected-instance size is used data; §4: snapshots are billed on used
 * size). Azure VM backup is neither compressed nor deduplicated (§2.5), so a point's bytes are
 * its blocks. Metadata (§2.6 lists it among the factors) is not modelled.
 *
 * **Churn.** On each elapsed day (or backup interval) i, a fraction c_i of a disk's used
 * blocks is overwritten (§2.6: 200 GB of which 10 GB changes a day is 5% churn). Assumption
 * (inferred): the blocks churned in one interval are spread uniformly over the used data,
 * independently of other intervals. A block present at p is then still unchanged at q with
 * probability Π(1 − c_i) = exp(L_q − L_p), where L = Σ ln(1 − c_i) is the disk's cumulative
 * *log survival*. The fraction of blocks changed between p and q is 1 − exp(L_q − L_p): the
 * union of the intervening change sets, so a block overwritten twice counts once. Two days
 * of 2% churn change 1 − 0.98² = 3.96%, not 4%.
 *
 * **Growth.** Used bytes that appear (used_q − used_p when positive) are new blocks, changed
 * data in full.
 *
 * **Shrink.** When used falls from u to u′, the deleted blocks are, by the same uniformity, a
 * random share of all blocks, so each block survives the deletion with probability u′/u.
 * That factor is folded into L (L gains ln(u′/u)), which keeps a single formula and makes it
 * exact along the path: data deleted and later re-grown is new data, not p's data returning.
 * While used never shrinks, L is exactly Σ ln(1 − c_i).
 *
 * **Delta.** The bytes of q that p does not hold, per disk d:
 *
 *     kept_d  = ⌊ used_p,d × exp(L_q,d − L_p,d) ⌋        (p's blocks still unchanged at q)
 *     delta_d = used_q,d − kept_d
 *     deltaBytes(p, q) = Σ_d delta_d
 *
 * When used does not shrink this is used_p × (1 − exp(L_q − L_p)) + (used_q − used_p): the
 * changed share of the old data plus the growth. It is never negative and never more than
 * fullBytes(q) = Σ_d used_q,d. It is what an incremental backup transfers (§1.1: only blocks
 * changed since the previous backup are transferred) and what an incremental snapshot stores
 * (§4: the first snapshot is a full copy, later ones hold the delta).
 *
 * **Whole bytes.** Used bytes are whole; kept blocks are rounded down, so deltas round up.
 * Rounding down is superadditive (⌊x⌋ + ⌊y⌋ ≤ ⌊x + y⌋), which is what keeps "merging two
 * deltas never grows storage" true in whole bytes as well as in reals (chain.ts).
 *
 * **A full rewrite** (c = 1) or a disk emptied (u′ = 0) would make L −∞; each interval's log
 * term is floored at −50 instead, where exp(−50) ≈ 2·10⁻²² keeps less than a byte of any disk
 * below 2⁵³ bytes, so it is a full rewrite in whole bytes.
 *
 * **Not modelled.** Deduplication across items, compression, metadata, churn concentrated on
 * hot blocks (real churn overlaps more from day to day than uniform churn, so the union of
 * several days is smaller: this model errs towards more storage). A state's disk count is fixed.
 */

import { type Bytes, bytes } from '../../engine/units.js';
import type { ContentState, MutableContentState } from './types.js';

// exp(-50) ≈ 1.9e-22: below a byte for any disk up to 2^53 bytes, so one interval with this
// log term keeps nothing (see "A full rewrite" above).
const MIN_LOG_STEP = -50;

/** The content of an item at `time` with the given used bytes per disk and nothing churned yet. */
export function contentState(time: number, used: readonly number[]): MutableContentState {
  checkTime(time);
  const u = new Float64Array(used.length);
  for (let d = 0; d < used.length; d++) u[d] = wholeUsed(used[d], d);
  return { time, used: u, logSurvival: new Float64Array(used.length) };
}

/** All the bytes of a point: what a full copy (first backup, archive copy) holds. */
export function fullBytes(s: ContentState): Bytes {
  let total = 0;
  for (let d = 0; d < s.used.length; d++) total += s.used[d];
  return bytes(total);
}

/** The bytes of q that p does not hold (p before q): what an incremental backup or snapshot adds. */
export function deltaBytes(p: ContentState, q: ContentState): Bytes {
  const n = q.used.length;
  if (p.used.length !== n) {
    throw new RangeError(
      `content: states have ${p.used.length} and ${n} disks; a chain's disk count is fixed`,
    );
  }
  let total = 0;
  for (let d = 0; d < n; d++) total += diskDelta(p.used[d], p.logSurvival[d], q.used[d], q.logSurvival[d]);
  return bytes(total);
}

/** One disk's delta: used bytes and log survival at p, then at q (the formula above; chain.ts uses it too). */
export function diskDelta(usedP: number, logP: number, usedQ: number, logQ: number): number {
  // min(0, ·): a later state never has more survivors than an earlier one; a swapped pair
  // reads as "nothing changed" rather than as survivors appearing from nowhere.
  const kept = Math.min(usedQ, Math.floor(usedP * Math.exp(Math.min(0, logQ - logP))));
  return usedQ - kept;
}

/**
 * The content after one interval, as a new state: each disk's churn fraction c (0–1) of the
 * interval and its used bytes at the end (rounded to whole bytes); `time` must not go backwards.
 */
export function advance(
  s: ContentState,
  churnFractions: readonly number[],
  newUsed: readonly number[],
  time: number,
): MutableContentState {
  const next = { time: s.time, used: s.used.slice(), logSurvival: s.logSurvival.slice() };
  advanceInPlace(next, churnFractions, newUsed, time);
  return next;
}

/**
 * advance() without allocating: updates the owner's state. Chains and ledgers copy a state's
 * numbers when they take it, so a VM can keep one state and advance it backup after backup
 * (a new state per VM per day was the largest cost of a fleet-year in the storage bench).
 * Checks everything before changing anything.
 */
export function advanceInPlace(
  s: MutableContentState,
  churnFractions: readonly number[],
  newUsed: readonly number[],
  time: number,
): void {
  const n = s.used.length;
  if (churnFractions.length !== n || newUsed.length !== n) {
    throw new RangeError(
      `content: ${n} disks but ${churnFractions.length} churn fractions and ${newUsed.length} used sizes`,
    );
  }
  checkTime(time);
  if (time < s.time) throw new RangeError(`content: time ${time} is before the state's time ${s.time}`);
  for (let d = 0; d < n; d++) {
    const c = churnFractions[d];
    if (!(c >= 0 && c <= 1)) throw new RangeError(`content: disk ${d} churn must be in [0, 1], got ${c}`);
    wholeUsed(newUsed[d], d);
  }
  for (let d = 0; d < n; d++) {
    const before = s.used[d];
    const after = wholeUsed(newUsed[d], d);
    let step = Math.max(MIN_LOG_STEP, Math.log1p(-churnFractions[d]));
    // Shrink: every block survives the deletion with probability after / before.
    if (after < before) step += Math.max(MIN_LOG_STEP, Math.log(after / before));
    s.used[d] = after;
    s.logSurvival[d] += step;
  }
  s.time = time;
}

/** The fraction of disk d's blocks at p that are changed or gone by q: 1 − exp(L_q − L_p). */
export function changedFraction(p: ContentState, q: ContentState, disk: number): number {
  return -Math.expm1(Math.min(0, q.logSurvival[disk] - p.logSurvival[disk]));
}

function wholeUsed(x: number, disk: number): number {
  if (!(x >= 0 && Number.isFinite(x))) {
    throw new RangeError(`content: disk ${disk} used bytes must be a finite number >= 0, got ${x}`);
  }
  return Math.round(x);
}

function checkTime(time: number): void {
  if (!Number.isFinite(time)) throw new RangeError(`content: time ${time} is not a finite number`);
}
