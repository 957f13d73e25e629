// Where an alert's notifications go, in time order across every rule: muted firings run no
// actions; alert processing rules withhold them during their windows; action groups send
// email, SMS, voice and webhooks within §7.4's limits. `notify` counts as one notification
// that no limit applies to; `failover:<plan>` acts on the world: it is not counted as a
// notification, but it is when the rule first reacted (firstSentAt).
// Resolved alerts notify email and webhook receivers (§7.1: "resolved notification sent via
// webhook/email").

import type { RandomStream } from '../../engine/random.js';
import { suppressedAt } from './processing.js';
import { type CallOutcome, RateLimits } from './rate-limits.js';
import type { ActionGroup, ProcessingRule, Transition } from './types.js';

/** Notification counts of one rule. */
export interface RuleDeliveries {
  sent: number;
  suppressedByRateLimit: number;
  suppressedByProcessingRule: number;
  /** Webhook calls that failed after every retry. */
  failed: number;
  /** When the rule's first notification (or automated action) went out (ms), or null. */
  firstSentAt: number | null;
}

/** What routing needs besides the transitions. */
export interface RoutingContext {
  /** Each rule's actions, by rule name. */
  actions: ReadonlyMap<string, readonly string[]>;
  groups: ReadonlyMap<string, ActionGroup>;
  processing: readonly ProcessingRule[];
  /** Epoch ms of simulated time 0 (for processing rules' local-time windows). */
  origin: number;
  /** The stream a webhook endpoint's failures are drawn from. */
  webhookStream: (url: string) => RandomStream;
}

/** Routes transitions (sorted by time) and counts, per rule, what was sent and withheld. */
export function route(transitions: readonly Transition[], ctx: RoutingContext): Map<string, RuleDeliveries> {
  const limits = new RateLimits();
  const out = new Map<string, RuleDeliveries>();
  for (const tr of transitions) {
    let counts = out.get(tr.rule);
    if (counts === undefined) {
      counts = {
        sent: 0,
        suppressedByRateLimit: 0,
        suppressedByProcessingRule: 0,
        failed: 0,
        firstSentAt: null,
      };
      out.set(tr.rule, counts);
    }
    if (tr.muted) continue;
    const calls = targets(ctx.actions.get(tr.rule) ?? [], ctx.groups, tr.kind);
    if (calls.length === 0) continue;
    if (suppressedAt(ctx.processing, tr.rule, tr.t, ctx.origin)) {
      counts.suppressedByProcessingRule += calls.length;
      continue;
    }
    for (const call of calls)
      record(counts, deliver(call, tr.t, limits, ctx), tr.kind, call.channel !== 'action');
  }
  return out;
}

/** One receiver of one notification. */
type Call =
  | { channel: 'email' | 'sms' | 'voice' | 'notify' | 'action'; target: string }
  | { channel: 'webhook'; target: string; failureRate: number };

// The receivers a transition's actions reach; resolved alerts reach email and webhooks only.
function targets(
  actions: readonly string[],
  groups: ReadonlyMap<string, ActionGroup>,
  kind: Transition['kind'],
): Call[] {
  const calls: Call[] = [];
  for (const action of actions) {
    if (action === 'notify' || action.startsWith('failover:') || action.startsWith('backup:')) {
      if (kind === 'fired')
        calls.push({ channel: action === 'notify' ? 'notify' : 'action', target: action });
      continue;
    }
    const g = groups.get(action);
    if (g === undefined) continue;
    for (const a of g.email) calls.push({ channel: 'email', target: a });
    if (kind === 'fired') {
      for (const n of g.sms) calls.push({ channel: 'sms', target: n });
      for (const n of g.voice) calls.push({ channel: 'voice', target: n });
    }
    for (const w of g.webhook) calls.push({ channel: 'webhook', target: w.url, failureRate: w.failureRate });
  }
  return calls;
}

function deliver(call: Call, t: number, limits: RateLimits, ctx: RoutingContext): CallOutcome {
  switch (call.channel) {
    case 'notify':
    case 'action':
      return { kind: 'sent', at: t };
    case 'email':
      return limits.mail(call.target, t);
    case 'sms':
    case 'voice':
      return limits.phoneCall(call.channel, call.target, t);
    case 'webhook': {
      const p = call.failureRate;
      // A rate of 0 never fails and draws nothing, so adding a reliable endpoint shifts no draws.
      const fails = p > 0 ? () => ctx.webhookStream(call.target).next() < p : () => false;
      return limits.webhook(call.target, t, fails);
    }
  }
}

function record(
  counts: RuleDeliveries,
  outcome: CallOutcome,
  kind: Transition['kind'],
  notification: boolean,
): void {
  if (outcome.kind === 'rate-limited') counts.suppressedByRateLimit++;
  else if (outcome.kind === 'failed') counts.failed++;
  else {
    if (notification) counts.sent++;
    if (kind === 'fired' && (counts.firstSentAt === null || outcome.at < counts.firstSentAt))
      counts.firstSentAt = outcome.at;
  }
}
