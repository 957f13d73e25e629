// The alerts part of summary.json (issue 6): per rule its firings and notifications, and the
// full timeline (rule, instance dimensions, fired at, resolved at, severity), with its JSON
// Schema node. Ready for reports/summary.ts (`alerts: summariseAlerts(r.alerts)`) and
// reports/summary.schema.ts (`alerts: ALERTS_SCHEMA`).

import type { AlertsResult } from '../models/results/types.js';
import { round } from './format.js';
import { int, type JsonSchema, nullable, obj } from './schema-nodes.js';

/** Alerts in a summary: the run's AlertsResult with seconds rounded to the millisecond. */
export function summariseAlerts(a: AlertsResult | null): AlertsResult | null {
  if (a === null) return null;
  return {
    rules: a.rules.map((r) => ({
      ...r,
      firstNotificationAfterFaultSeconds:
        r.firstNotificationAfterFaultSeconds === null ? null : round(r.firstNotificationAfterFaultSeconds, 3),
    })),
    timeline: a.timeline.map((f) => ({ ...f, instance: { ...f.instance } })),
  };
}

const severity: JsonSchema = {
  description: 'Severity, 0 (critical) to 4.',
  type: 'integer',
  minimum: 0,
  maximum: 4,
};
const instant = (description: string): JsonSchema => ({ description, type: 'string' });

/** JSON Schema of summary.json's `alerts` (null when the scenario has no monitor section). */
export const ALERTS_SCHEMA: JsonSchema = nullable(
  obj('Alert rules and their timeline (issue 6), or null without a monitor section.', {
    rules: {
      description: 'Every rule (scenario order, then the built-in backup alerts).',
      type: 'array',
      items: obj('One rule over the run.', {
        rule: { description: 'Rule name.', type: 'string' },
        kind: { description: 'metric, log or built-in.', enum: ['metric', 'log', 'built-in'] },
        severity,
        fired: int('Firings.'),
        resolved: int('Resolutions.'),
        notificationsSent: int('Notifications sent (email, SMS, voice, webhook, notify).'),
        suppressedByRateLimit: int('Notifications withheld by the action-group rate limits.'),
        suppressedByProcessingRule: int('Notifications withheld by alert processing rules.'),
        firstNotificationAfterFaultSeconds: nullable({
          description: 'Seconds from the latest fault to the first notification, or null.',
          type: 'number',
        }),
      }),
    },
    timeline: {
      description: 'Every firing, by fired at, rule, instance.',
      type: 'array',
      items: obj('One firing of one alert instance.', {
        rule: { description: 'Rule name.', type: 'string' },
        instance: {
          description: 'The instance’s split dimensions.',
          type: 'object',
          additionalProperties: { type: 'string' },
        },
        severity,
        firedAt: instant('When it fired (ISO 8601).'),
        resolvedAt: nullable(instant('When it resolved, or null.')),
      }),
    },
  }),
);
