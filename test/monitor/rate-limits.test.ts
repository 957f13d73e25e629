// §7.4 delivery limits per number, address and endpoint.
import { describe, expect, it } from 'vitest';
import { RateLimits } from '../../models/monitor/rate-limits.js';
import { MIN } from './builders.js';

describe('RateLimits', () => {
  it('sends at most one SMS every 5 minutes per number, and limits voice separately', () => {
    const r = new RateLimits();
    expect(r.phoneCall('sms', 'a', 0).kind).toBe('sent');
    expect(r.phoneCall('sms', 'a', 4 * MIN + 59_999).kind).toBe('rate-limited');
    expect(r.phoneCall('sms', 'b', MIN).kind).toBe('sent');
    expect(r.phoneCall('voice', 'a', MIN).kind).toBe('sent');
    // A withheld SMS does not restart the 5 minutes: the next goes at 5:00 after the first.
    expect(r.phoneCall('sms', 'a', 5 * MIN).kind).toBe('sent');
  });

  it('sends at most 100 emails in any hour per address', () => {
    const r = new RateLimits();
    // 100 emails in the first 100 seconds; the 101st at 2 min is withheld; at 60 min + 1 s
    // the first has left the hour, so one more goes.
    for (let i = 0; i < 100; i++) expect(r.mail('ops@x', i * 1000).kind).toBe('sent');
    expect(r.mail('ops@x', 2 * MIN).kind).toBe('rate-limited');
    expect(r.mail('other@x', 2 * MIN).kind).toBe('sent');
    expect(r.mail('ops@x', 60 * MIN + 500).kind).toBe('sent');
    expect(r.mail('ops@x', 60 * MIN + 600).kind).toBe('rate-limited');
  });

  it('retries a failing webhook after 5 s, 20 s, 5 s, 40 s and 5 s, then leaves it alone for 15 minutes', () => {
    const r = new RateLimits();
    // Fails twice then succeeds: delivered 5 s + 20 s after the call.
    const script = [true, true, false];
    expect(r.webhook('u', 0, () => script.shift()!)).toEqual({ kind: 'sent', at: 25_000 });
    // Always fails: six attempts, the last at 5+20+5+40+5 = 75 s; blacked out until 75 s + 15 min.
    expect(r.webhook('u', MIN, () => true)).toEqual({ kind: 'failed', at: MIN + 75_000 });
    expect(r.webhook('u', MIN + 75_000 + 15 * MIN - 1, () => false).kind).toBe('rate-limited');
    expect(r.webhook('u', MIN + 75_000 + 15 * MIN, () => false).kind).toBe('sent');
  });
});
