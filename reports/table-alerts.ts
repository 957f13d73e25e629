// The alerts part of the terminal summary: per rule, how often it fired and resolved, the
// notifications sent and suppressed, and how long after a fault it first notified.

import type { AlertsResult } from '../models/results/types.js';
import { formatSeconds } from './format.js';
import type { SummaryRun } from './summary.js';

/** Lines for every run with a monitor section (none otherwise). */
export function alertLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const alerts: AlertsResult | null = r.alerts;
    if (alerts === null) continue;
    out.push('', `Alerts${runs.length > 1 ? ` (${r.variant})` : ''}`);
    if (alerts.rules.length === 0) {
      out.push('  no alert rules');
      continue;
    }
    const width = Math.max(4, ...alerts.rules.map((x) => x.rule.length)) + 2;
    out.push(
      `  ${'rule'.padEnd(width)}${'sev'.padEnd(5)}${'fired'.padStart(7)}${'resolved'.padStart(10)}${'sent'.padStart(7)}${'rate-limited'.padStart(14)}${'suppressed'.padStart(12)}  first notice after fault`,
    );
    for (const x of alerts.rules)
      out.push(
        `  ${x.rule.padEnd(width)}${String(x.severity).padEnd(5)}${String(x.fired).padStart(7)}${String(x.resolved).padStart(10)}${String(x.notificationsSent).padStart(7)}${String(x.suppressedByRateLimit).padStart(14)}${String(x.suppressedByProcessingRule).padStart(12)}  ${
          x.firstNotificationAfterFaultSeconds === null
            ? '—'
            : formatSeconds(x.firstNotificationAfterFaultSeconds)
        }`,
      );
  }
  return out;
}
