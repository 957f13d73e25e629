// Action-group delivery limits (§7.4), per phone number, email address and webhook
// endpoint across every rule: SMS and voice at most one every 5 minutes, email at most 100
// an hour, webhooks retried on failure (5 s, 20 s, 5 s, 40 s, 5 s) and then left alone for
// 15 minutes. Calls must come in time order.

import { MS } from '../../engine/units.js';
import { EMAIL_PER_HOUR, PHONE_INTERVAL, WEBHOOK_BLACKOUT, WEBHOOK_RETRY_DELAYS } from './limits.js';

/** What happened to one call: delivered (at `at`), withheld by a limit, or failed after every retry. */
export type CallOutcome =
  | { kind: 'sent'; at: number }
  | { kind: 'rate-limited' }
  | { kind: 'failed'; at: number };

/** The delivery limits' memory for one run. */
export class RateLimits {
  private readonly phone = new Map<string, number>();
  private readonly email = new Map<string, number[]>();
  private readonly blackout = new Map<string, number>();

  /** An SMS or a voice call to `number` at `t` (each channel limited separately). */
  phoneCall(channel: 'sms' | 'voice', number: string, t: number): CallOutcome {
    const key = `${channel}:${number}`;
    const last = this.phone.get(key);
    if (last !== undefined && t - last < PHONE_INTERVAL) return { kind: 'rate-limited' };
    this.phone.set(key, t);
    return { kind: 'sent', at: t };
  }

  /** An email to `address` at `t`: limited to 100 in any hour (a sliding window). */
  mail(address: string, t: number): CallOutcome {
    let sent = this.email.get(address);
    if (sent === undefined) {
      sent = [];
      this.email.set(address, sent);
    }
    while (sent.length > 0 && sent[0] <= t - MS.hour) sent.shift();
    if (sent.length >= EMAIL_PER_HOUR) return { kind: 'rate-limited' };
    sent.push(t);
    return { kind: 'sent', at: t };
  }

  /**
   * A webhook call at `t`; `fails()` draws whether one attempt fails. The first attempt and up
   * to five retries after the documented delays; when all fail, the endpoint is blacked out.
   */
  webhook(url: string, t: number, fails: () => boolean): CallOutcome {
    const until = this.blackout.get(url);
    if (until !== undefined && t < until) return { kind: 'rate-limited' };
    let at = t;
    if (!fails()) return { kind: 'sent', at };
    for (const delay of WEBHOOK_RETRY_DELAYS) {
      at += delay;
      if (!fails()) return { kind: 'sent', at };
    }
    this.blackout.set(url, at + WEBHOOK_BLACKOUT);
    return { kind: 'failed', at };
  }
}
