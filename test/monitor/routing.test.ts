// Routing notifications: processing-rule windows, action groups, mute, resolved notices.
import { describe, expect, it } from 'vitest';
import { millis } from '../../engine/units.js';
import { suppressedAt } from '../../models/monitor/processing.js';
import { replay } from '../../models/monitor/replay.js';
import type { ProcessingRule } from '../../models/monitor/types.js';
import { aGroup, aSpec, logAt, logRule, MIN, metricRule, metricSeries } from './builders.js';

const JAN1 = Date.UTC(2026, 0, 1); // a Thursday

describe('processing rules (§7.4: maintenance-window suppression)', () => {
  const oneOff: ProcessingRule = {
    name: 'p',
    rules: ['a'],
    windows: [{ from: millis(10 * MIN), to: millis(20 * MIN) }],
    recurring: null,
  };

  it('a one-off window covers [from, to) for the rules it names', () => {
    expect(suppressedAt([oneOff], 'a', 10 * MIN, JAN1)).toBe(true);
    expect(suppressedAt([oneOff], 'a', 20 * MIN, JAN1)).toBe(false);
    expect(suppressedAt([oneOff], 'b', 15 * MIN, JAN1)).toBe(false);
    expect(suppressedAt([{ ...oneOff, rules: null }], 'b', 15 * MIN, JAN1)).toBe(true);
  });

  it('a weekly window in local time: Saturdays 22:00 for 4 h in New York', () => {
    // 2026-01-03 is a Saturday; 22:00 EST = 03:00Z on Sunday the 4th, the window ends 07:00Z.
    const weekly: ProcessingRule = {
      name: 'w',
      rules: null,
      windows: [],
      recurring: { days: [6], at: 22 * 60, duration: millis(4 * 60 * MIN), timeZone: 'America/New_York' },
    };
    const at = (iso: string) => Date.parse(iso) - JAN1;
    expect(suppressedAt([weekly], 'x', at('2026-01-04T02:59:59Z'), JAN1)).toBe(false);
    expect(suppressedAt([weekly], 'x', at('2026-01-04T03:00:00Z'), JAN1)).toBe(true);
    expect(suppressedAt([weekly], 'x', at('2026-01-04T06:59:59Z'), JAN1)).toBe(true);
    expect(suppressedAt([weekly], 'x', at('2026-01-04T07:00:00Z'), JAN1)).toBe(false);
    expect(suppressedAt([weekly], 'x', at('2026-01-05T03:30:00Z'), JAN1)).toBe(false);
  });
});

describe('routing', () => {
  it('counts every receiver of a withheld notification as suppressed by the processing rule', () => {
    // Stateful metric rule fires at 8 min (figures.test.ts), inside a window [5, 10) min:
    // its email and SMS are withheld (2); the resolution at 15 min reaches the email (1 sent).
    const values = [...Array(5).fill(50), ...Array(5).fill(90), ...Array(10).fill(50)];
    const spec = aSpec([metricRule({ actions: ['g'] })], {
      actionGroups: [aGroup('g', { email: ['ops@x'], sms: ['+1'] })],
      processingRules: [
        {
          name: 'p',
          rules: null,
          windows: [{ from: millis(5 * MIN), to: millis(10 * MIN) }],
          recurring: null,
        },
      ],
    });
    const out = replay(spec, metricSeries(values), 30 * MIN);
    expect(out.rules[0].deliveries).toMatchObject({
      sent: 1,
      suppressedByProcessingRule: 2,
      suppressedByRateLimit: 0,
    });
  });

  it('muted firings run no actions; notify counts as a notification no limit applies to', () => {
    // Stateless 1-minute rule holding at 1…5 with mute 3 min: actions at 1 and 4 only.
    const rule = logRule({
      every: millis(MIN),
      lookback: millis(MIN),
      muteActions: millis(3 * MIN),
      actions: ['notify'],
    });
    const out = replay(aSpec([rule]), logAt([0, 1, 2, 3, 4]), 20 * MIN);
    expect(out.firings).toHaveLength(5);
    expect(out.rules[0].deliveries).toMatchObject({ sent: 2, suppressedByRateLimit: 0, firstSentAt: MIN });
  });

  it('webhook failures are drawn from the endpoint stream and counted as failed after every retry', () => {
    const rule = logRule({ every: millis(MIN), lookback: millis(MIN), actions: ['g'] });
    const spec = aSpec([rule], {
      actionGroups: [aGroup('g', { webhook: [{ url: 'https://x', failureRate: 1 }] })],
    });
    const out = replay(spec, logAt([0, 5, 30]), 40 * MIN);
    // Fired at 1, 6, 31: the call at 1 fails (blackout until 1 min 75 s + 15 min = 17:15);
    // the call at 6 falls in the blackout; the call at 31 fails again.
    expect(out.rules[0].deliveries).toMatchObject({ sent: 0, failed: 2, suppressedByRateLimit: 1 });
  });
});
