// File-share schedules (docs/reference.md §13.2): a window's end is a slot — "a 9:00 start
// every 4 hours for 12 hours gives 9, 13, 17 and 21" — and the loader's 200-snapshot count
// (§13.3) and the runtime count the same slots.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MS, millis } from '../../../engine/units.js';
import { nextShareSlot, windowSlots } from '../../../models/files/schedule.js';
import type { Schedule } from '../../../models/scenario/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const H = MS.hour;
const DAY = MS.day;

const hourly = (start: string, hours: number, every: number, timeZone = 'UTC'): Schedule => {
  const [h, m] = start.split(':').map(Number);
  return {
    frequency: 'hourly',
    at: h * 60 + m,
    days: [],
    every: millis(every * H),
    window: millis(hours * H),
    timeZone,
  };
};

// The slots of the run's first `days` days (epoch 0 is a UTC midnight), as hours.
function slotHours(s: Schedule, days: number): number[] {
  const out: number[] = [];
  for (let t = nextShareSlot(s, 0); t.at < days * DAY; t = nextShareSlot(s, t.at + 1)) out.push(t.at / H);
  return out;
}

const text = (start: string, duration: string, daily: number, runFor = '2d') => `name: fs
duration: ${runFor}
regions: [{ name: westeurope, pair: northeurope }, { name: northeurope, pair: westeurope }]
vaults: [{ name: v, region: westeurope, redundancy: LRS }]
fileSharePolicies:
  - { name: p, schedule: { frequency: hourly, every: 4h, window: { start: "${start}", duration: ${duration} } }, retention: { daily: ${daily} } }
fileShares: [{ name: s, storageAccount: st1, region: westeurope, size: 100GiB, churn: { daily: 5% }, vault: v, policy: p }]
`;

describe('windowSlots', () => {
  it("counts the window's end: 9:00 + 12 h every 4 h is 9, 13, 17 and 21", () => {
    // 12 h / 4 h = 3 intervals, 3 + 1 = 4 slots (§13.2's example).
    expect(windowSlots(hourly('09:00', 12, 4))).toBe(4);
    // 4 h / 4 h = 1 interval: 08:00 and 12:00.
    expect(windowSlots(hourly('08:00', 4, 4))).toBe(2);
    // 20 h / 4 h + 1 = 6: §13.2's "up to 6 a day".
    expect(windowSlots(hourly('02:00', 20, 4))).toBe(6);
    // 12 h / 6 h + 1 = 3: 06:00, 12:00, 18:00.
    expect(windowSlots(hourly('06:00', 12, 6))).toBe(3);
  });

  it("a 24 h window's end is the next window's start: 00:00 every 4 h is 6, not 7", () => {
    // 24 h / 4 h = 6: 0, 4, 8, 12, 16, 20 (24:00 is the next day's 00:00).
    expect(windowSlots(hourly('00:00', 24, 4))).toBe(6);
    expect(windowSlots(hourly('09:00', 24, 4))).toBe(6);
    // 24 h / 12 h = 2; 24 h / 8 h = 3.
    expect(windowSlots(hourly('00:00', 24, 12))).toBe(2);
    expect(windowSlots(hourly('00:00', 24, 8))).toBe(3);
  });

  it('a slot at the midnight ending the window is the next day: not taken', () => {
    // 12:00 + 12 h ends at 24:00: 12, 16, 20 (24:00 would fall on the next day).
    expect(windowSlots(hourly('12:00', 12, 4))).toBe(3);
    // 20:00 + 4 h: 20 only.
    expect(windowSlots(hourly('20:00', 4, 4))).toBe(1);
  });

  it('a daily schedule is one a day', () => {
    expect(windowSlots({ ...hourly('22:00', 24, 4), frequency: 'daily', every: null })).toBe(1);
  });
});

describe('nextShareSlot', () => {
  it("takes 9, 13, 17 and 21 each day, the day's last at 21", () => {
    expect(slotHours(hourly('09:00', 12, 4), 2)).toEqual([9, 13, 17, 21, 33, 37, 41, 45]);
    const last = nextShareSlot(hourly('09:00', 12, 4), 20 * H);
    expect(last).toEqual({ at: 21 * H, lastOfDay: true, windowStart: 9 * H });
    expect(nextShareSlot(hourly('09:00', 12, 4), 17 * H).lastOfDay).toBe(false);
  });

  it('takes 0, 4 … 20 in a 24 h window, and 12, 16, 20 in one ending at midnight', () => {
    expect(slotHours(hourly('00:00', 24, 4), 1)).toEqual([0, 4, 8, 12, 16, 20]);
    expect(slotHours(hourly('12:00', 12, 4), 2)).toEqual([12, 16, 20, 36, 40, 44]);
  });

  it('should always take windowSlots slots a day, one of them the last of its day', () => {
    const schedules = fc
      .record({
        every: fc.constantFrom(4, 6, 8, 12),
        halfHours: fc.integer({ min: 0, max: 47 }),
        intervals: fc.integer({ min: 1, max: 6 }),
        timeZone: fc.constantFrom('UTC', 'Europe/Amsterdam', 'America/New_York', 'Asia/Kolkata'),
      })
      .map(({ every, halfHours, intervals, timeZone }) => {
        // A window the loader accepts: 4–24 h, a multiple of the interval, ending by midnight.
        let hours = Math.max(every * intervals, 4);
        if (hours > 24) hours = 24;
        hours -= hours % every;
        const start = halfHours * 30;
        const fits = hours === 24 || start + hours * 60 <= 24 * 60;
        const at = fits ? start : 0;
        return hourly(`${Math.floor(at / 60)}:${at % 60}`, hours, every, timeZone);
      });
    fc.assert(
      fc.property(schedules, fc.integer({ min: 0, max: 400 }), (s, day) => {
        // Every window starting in [day + 2, day + 12) days gives its slots in full.
        const from = (day + 2) * DAY;
        const to = (day + 12) * DAY;
        const byWindow = new Map<number, { n: number; last: number }>();
        for (let t = nextShareSlot(s, from - 2 * DAY); t.at < to + 2 * DAY; t = nextShareSlot(s, t.at + 1)) {
          const w = byWindow.get(t.windowStart) ?? { n: 0, last: 0 };
          w.n++;
          if (t.lastOfDay) w.last++;
          byWindow.set(t.windowStart, w);
        }
        for (const [start, w] of byWindow)
          if (start >= from && start < to) {
            expect(w.n).toBe(windowSlots(s));
            expect(w.last).toBe(1);
          }
      }),
    );
  });
});

describe('a run and the 200-snapshot limit agree on the window', () => {
  it('9:00 + 12 h every 4 h for 2 days takes 8 snapshots, not 6', () => {
    const loaded = loadScenarioText(text('09:00', '12h', 40), 'fs.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
    const g = simulate(loaded.scenarios[0]).workloads!.groups[0];
    // 9, 13, 17, 21 on each of the 2 days: 4 × 2 = 8 (the model took 3 × 2 = 6).
    expect(g.jobs.snapshot).toEqual({ succeeded: 8, failed: 0, failedByCause: {} });
  });

  it('08:00 + 12 h every 4 h kept 60 days is 4 × 61 = 244 snapshots: rejected', () => {
    const r = loadScenarioText(text('08:00', '12h', 60), 'fs.yaml');
    // 4 a day (8, 12, 16, 20) × (60 + 1) = 244 > 200 (the model counted 3 × 61 = 183 and accepted
    // it); the daily maximum is ⌊200 / 4⌋ − 1 = 49 days.
    expect(r.ok ? [] : r.issues.map(renderIssue)).toEqual([
      'fs.yaml:6:114 fileSharePolicies[0].retention: this policy keeps up to 244 snapshots per share (4 a day × (60 + 1)); a share holds at most 200 snapshots at a time (Azure Files backup docs, workloads §13.3)',
      'fs.yaml:6:123 fileSharePolicies[0].retention.daily: the snapshot tier keeps daily points at most 49 days, got 60 (Azure Files backup docs, workloads §13.3)',
    ]);
  });

  it('08:00 + 12 h every 4 h kept 39 days is 4 × 40 = 160: accepted, and never meets the limit', () => {
    const loaded = loadScenarioText(text('08:00', '12h', 39, '60d'), 'fs.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
    const g = simulate(loaded.scenarios[0]).workloads!.groups[0];
    // 4 a day for 60 days = 240 snapshots, none failing on §13.3's limit. Each is kept 39 days
    // from its creation, so at a day's round (midnight) those of the 39 days before are kept:
    // 39 × 4 = 156, under the formula's 4 × (39 + 1) = 160 (the +1 is the day in progress).
    expect(g.jobs.snapshot).toEqual({ succeeded: 240, failed: 0, failedByCause: {} });
    expect(g.points).toEqual({ end: { snapshot: 156, vault: 0 }, peak: { snapshot: 156, vault: 0 } });
  });
});
