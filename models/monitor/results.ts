// A monitor's outcome → the run result's plain AlertsResult: instants as ISO strings,
// durations in seconds, keys in a fixed order.

import type { AlertFiring, AlertRuleResult, AlertsResult } from '../results/types.js';
import type { MonitorOutcome } from './monitor.js';

/** Builds the AlertsResult of a run whose simulated time 0 is epoch ms `origin`. */
export function alertsResult(outcome: MonitorOutcome, origin: number): AlertsResult {
  const iso = (t: number) => new Date(origin + t).toISOString();
  const rules: AlertRuleResult[] = outcome.rules.map((r) => ({
    rule: r.name,
    kind: r.kind,
    severity: r.severity,
    fired: r.fired,
    resolved: r.resolved,
    notificationsSent: r.deliveries.sent,
    suppressedByRateLimit: r.deliveries.suppressedByRateLimit,
    suppressedByProcessingRule: r.deliveries.suppressedByProcessingRule,
    firstNotificationAfterFaultSeconds: afterFault(outcome.faults, r.deliveries.firstSentAt),
  }));
  const timeline: AlertFiring[] = outcome.firings.map((f) => ({
    rule: f.rule,
    instance: f.instance,
    severity: f.severity,
    firedAt: iso(f.firedAt),
    resolvedAt: f.resolvedAt === null ? null : iso(f.resolvedAt),
  }));
  return { rules, timeline };
}

// Seconds from the latest fault at or before the first notification to it; null without either.
function afterFault(faults: readonly number[], sentAt: number | null): number | null {
  if (sentAt === null) return null;
  let fault: number | null = null;
  for (const f of faults) if (f <= sentAt) fault = f;
  return fault === null ? null : (sentAt - fault) / 1000;
}
