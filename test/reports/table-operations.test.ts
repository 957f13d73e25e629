// The operations part of the terminal table (issue 14): what an operation changed, in words.

import { describe, expect, it } from 'vitest';
import { NO_CHANGES } from '../../models/operations/apply.js';
import { changedText } from '../../reports/table-operations.js';

const GiB = 2 ** 30;

describe('changedText', () => {
  it('says what moved where, and — for nothing', () => {
    expect(changedText(NO_CHANGES)).toBe('—');
    expect(changedText({ ...NO_CHANGES, items: 3 })).toBe('3 VMs');
    expect(
      changedText({
        ...NO_CHANGES,
        items: 2,
        pointsDeleted: 40,
        bytesSoftDeleted: 120 * GiB,
        purgeAt: '2026-02-20T00:00:00.000Z',
      }),
    ).toBe('40 points to soft delete (120.00 GiB), purge 2026-02-20 00:00');
    expect(changedText({ ...NO_CHANGES, items: 1, pointsDeleted: 1, bytesPurged: 5 * GiB })).toBe(
      '1 point deleted, 5.00 GiB purged',
    );
    expect(changedText({ ...NO_CHANGES, items: 4, pointsPruned: 20 })).toBe('20 points pruned');
    expect(changedText({ ...NO_CHANGES, items: 1, pointsRestored: 20, bytesRestored: 64 * GiB })).toBe(
      '20 points back (64.00 GiB)',
    );
  });
});
