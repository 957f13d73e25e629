// Content-state builders shared by the storage tests.
import { advance, contentState } from '../../../models/storage/content.js';
import type { ContentState } from '../../../models/storage/types.js';

/** Bytes in a GiB. */
export const GiB = 2 ** 30;
/** Milliseconds in a day. */
export const DAY = 86_400_000;

/** The states of a one-disk item over `days` days: each day `churn` of it changes and `growth` bytes are added. */
export function daily(days: number, used: number, churn: number, growth = 0): ContentState[] {
  const out = [contentState(0, [used])];
  for (let i = 1; i < days; i++) {
    const s = out[i - 1];
    out.push(advance(s, [churn], [s.used[0] + growth], i * DAY));
  }
  return out;
}
