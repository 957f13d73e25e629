// A retention that changes while points exist (docs/reference.md §18.5, §13.7):
// shorter or longer, and the tags an existing point gets. Dates in UTC.

import { describe, expect, it } from 'vitest';
import { millis } from '../../../engine/units.js';
import { increasesRetention, reducesRetention, retag } from '../../../models/retention/change.js';
import { RetentionQueue } from '../../../models/retention/queue.js';
import { tagPoint } from '../../../models/retention/tags.js';
import type { Retention, Schedule } from '../../../models/scenario/types.js';

const DAY = 86_400_000;
const daily: Schedule = {
  frequency: 'daily',
  at: 22 * 60,
  days: [],
  every: null,
  window: millis(DAY),
  timeZone: 'UTC',
};
const weekly: Schedule = { ...daily, frequency: 'weekly', days: [0] };
const r = (over: Partial<Retention>): Retention => ({
  daily: null,
  weekly: null,
  monthly: null,
  yearly: null,
  ...over,
});
const rule = (retention: Retention, schedule = daily) => ({ retention, schedule });
const first = { kind: 'weekday' as const, n: 1 as const, weekday: 0 };

describe('reducesRetention / increasesRetention', () => {
  it('compare each tier’s count', () => {
    const a = rule(r({ daily: 30, weekly: { count: 12, on: [0] } }));
    expect(reducesRetention(a, rule(r({ daily: 10, weekly: { count: 12, on: [0] } })))).toBe(true);
    expect(increasesRetention(a, rule(r({ daily: 10, weekly: { count: 12, on: [0] } })))).toBe(false);
    expect(reducesRetention(a, rule(r({ daily: 30, weekly: { count: 20, on: [0] } })))).toBe(false);
    expect(increasesRetention(a, rule(r({ daily: 30, weekly: { count: 20, on: [0] } })))).toBe(true);
    // Dropping a tier shortens it; adding one lengthens; both at once is both.
    expect(reducesRetention(a, rule(r({ daily: 30 })))).toBe(true);
    const both = rule(r({ daily: 7, monthly: { count: 12, on: first } }));
    expect([reducesRetention(a, both), increasesRetention(a, both)]).toEqual([true, true]);
  });

  it('a weekly schedule has no daily tier: daily → weekly drops it', () => {
    const a = rule(r({ daily: 30, weekly: { count: 4, on: [0] } }));
    const b = rule(r({ daily: 30, weekly: { count: 4, on: [0] } }), weekly);
    expect(reducesRetention(a, b)).toBe(true);
    expect(reducesRetention(b, a)).toBe(false);
  });

  it('changing only which day a tier keeps is neither', () => {
    const a = rule(r({ weekly: { count: 4, on: [0] } }));
    const b = rule(r({ weekly: { count: 4, on: [6] } }));
    expect([reducesRetention(a, b), increasesRetention(a, b)]).toEqual([false, false]);
  });
});

describe('retag', () => {
  // A point of Sunday 4 January 2026 22:00 kept daily 30 and weekly 4.
  const created = Date.UTC(2026, 0, 4, 22);
  const old = tagPoint(r({ daily: 30, weekly: { count: 4, on: [0] } }), daily, created, created);

  it('recomputes the untils of the tiers it was tagged with from its creation', () => {
    const now = Date.UTC(2026, 0, 10);
    const t = retag(old, created, rule(r({ daily: 10, weekly: { count: 8, on: [0] } })), now);
    expect(t.until).toEqual({
      daily: created + 10 * DAY,
      weekly: created + 56 * DAY,
      monthly: null,
      yearly: null,
    });
    expect(t.expiresAt).toBe(created + 56 * DAY);
  });

  it('does not re-tag: a new monthly tier does not keep a point that was not monthly', () => {
    const t = retag(
      old,
      created,
      rule(r({ daily: 30, weekly: { count: 4, on: [0] }, monthly: { count: 12, on: first } })),
      created,
    );
    expect(t.tiers).toEqual(['daily', 'weekly']);
  });

  it('a dropped daily tier lapses now; a dropped weekly tier keeps its until', () => {
    const now = Date.UTC(2026, 0, 6);
    const toWeekly = retag(old, created, rule(r({ weekly: { count: 4, on: [0] } }), weekly), now);
    expect(toWeekly.until.daily).toBe(now);
    expect(toWeekly.until.weekly).toBe(created + 28 * DAY);
    const toDaily = retag(old, created, rule(r({ daily: 30 })), now);
    expect(toDaily.until).toMatchObject({ daily: created + 30 * DAY, weekly: created + 28 * DAY });
  });

  it('a retagged point the new retention no longer keeps goes at the next advance of its queue', () => {
    const q = new RetentionQueue();
    q.add({ id: 1, createdAt: created, tags: old });
    const now = created + 15 * DAY;
    q.advance(now);
    const [p] = q.points();
    q.remove(1);
    q.readd({ ...p, tags: retag(p.tags, created, rule(r({ daily: 7 })), now) });
    // Daily 7 ended at day 7, weekly (dropped) keeps day 28: still held after an advance.
    q.advance(now);
    expect(q.size).toBe(1);
    const shorter = retag(old, created, rule(r({ daily: 7, weekly: { count: 1, on: [0] } })), now);
    q.remove(1);
    q.readd({ ...p, tags: shorter });
    // Daily 7 and weekly 1 both ended before now: popped at the next advance, not before.
    expect(q.size).toBe(1);
    expect(q.advance(now).map((x) => x.id)).toEqual([1]);
  });
});
