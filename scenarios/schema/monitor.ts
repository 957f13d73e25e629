// Schema for monitoring (docs/reference.md §7): the scenario's `monitor:` section (alert
// rules, action groups, alert processing rules, built-in backup alerts, ingestion latency)
// and the cases file of `vaultsim test-alerts`, which shares the rule shapes. Values with
// documented allowed sets (frequencies, windows) are checked by scenarios/normalise/monitor.ts
// so that its message can name the allowed values and the source.

import { quantityOrDistribution, type SchemaNode, UNIT_DEFS, unit } from './units.js';

// A single string, number or boolean (strict JSON Schema has no union `type` here).
const SCALAR = (description: string): SchemaNode => ({
  description,
  'x-expected': 'scalar',
  anyOf: [
    { type: 'string', description: 'Text.' },
    { type: 'number', description: 'A number.' },
    { type: 'boolean', description: 'true or false.' },
  ],
});

const NAMES = (what: string): SchemaNode => ({
  description: what,
  type: 'array',
  items: { type: 'string', minLength: 1, description: 'A value.' },
});

// One value or a non-empty list of them (a filter's values to keep, or to drop).
const ONE_OR_MORE: SchemaNode[] = [
  SCALAR('One value.'),
  { type: 'array', minItems: 1, items: SCALAR('A value.'), description: 'Values.' },
];

const WHERE: SchemaNode = {
  description:
    'Dimension (metric) or column (log) filters: a value or list of values to keep, or {not: value or list} to drop. Like healthStatus: {not: Healthy}.',
  type: 'object',
  propertyNames: { minLength: 1, maxLength: 128 },
  additionalProperties: {
    description: 'Values to keep, or {not: …} values to drop.',
    'x-expected': 'filterValues',
    anyOf: [
      ...ONE_OR_MORE,
      {
        type: 'object',
        description: 'Values to drop.',
        required: ['not'],
        additionalProperties: false,
        properties: {
          not: {
            description: 'A value or a list of values to drop.',
            anyOf: ONE_OR_MORE,
          },
        },
      },
    ],
  },
};

const AGGREGATION = {
  description: 'How a window’s samples become one number (§7.2): average, minimum, maximum, total or count.',
  enum: ['average', 'minimum', 'maximum', 'total', 'count'],
};

const WHEN = {
  description:
    'Static threshold: an operator (>, >=, <, <=, ==) and a number, like "> 70" (quote it in YAML). Dynamic thresholds are not supported yet.',
  type: 'string',
};

const CONDITION: SchemaNode = {
  description: 'One condition of a metric rule; all conditions must hold for the rule to fire.',
  type: 'object',
  required: ['metric', 'when'],
  additionalProperties: false,
  properties: {
    metric: { description: 'Metric name, like "Backup Health Events".', type: 'string', minLength: 1 },
    aggregation: { ...AGGREGATION, description: `${AGGREGATION.description} Default average.` },
    when: WHEN,
    where: WHERE,
  },
};

/** One alert rule (metric or log search), as in `monitor.alerts[]` and a test-alerts case's `rule`. */
export const ALERT_RULE: SchemaNode = {
  description:
    'An alert rule: a metric rule (metric: or conditions:) or a log search rule (log:). Durations are whole minutes.',
  type: 'object',
  required: ['name'],
  additionalProperties: false,
  properties: {
    name: unit('name', 'Rule name, used in reports and by processing rules.'),
    metric: { description: 'Metric rule: the metric of its single condition.', type: 'string', minLength: 1 },
    conditions: {
      description: 'Metric rule with several conditions (up to 5), all over the same window.',
      type: 'array',
      minItems: 1,
      items: CONDITION,
    },
    log: {
      description: 'Log search rule: the table it queries, like AddonAzureBackupJobs.',
      type: 'string',
      minLength: 1,
    },
    query: {
      description:
        'Log search rule in KQL (instead of log:, where:, aggregation:, field:): Table | where … | summarize count() by Column, bin(TimeGenerated, 1h). The bin is the period (lookback / violations.of).',
      type: 'string',
      minLength: 1,
    },
    aggregation: {
      ...AGGREGATION,
      description: `${AGGREGATION.description} Default average (metric) or count (log).`,
    },
    field: {
      description: 'Log rule: the numeric column to aggregate (not with count, which counts rows).',
      type: 'string',
      minLength: 1,
    },
    when: WHEN,
    where: WHERE,
    splitBy: {
      description:
        'Dimensions (columns) that split the rule: one alert instance per combination of values (log: up to 6).',
      type: 'array',
      uniqueItems: true,
      items: { type: 'string', minLength: 1, description: 'A dimension or column name.' },
    },
    every: unit(
      'duration',
      'Evaluation frequency: metric 1m, 5m, 15m, 30m or 1h (default 1m); log 1m to 1d (default 5m).',
    ),
    window: unit('duration', 'Metric rule: window 1m, 5m, 15m, 30m, 1h, 6h, 12h or 24h (default 5m).'),
    lookback: unit('duration', 'Log rule: query time range, up to 2d (default 5m).'),
    violations: {
      description:
        'Log rule: fire when at least min of the last `of` periods (each lookback / of long) violate.',
      type: 'object',
      required: ['min', 'of'],
      additionalProperties: false,
      properties: {
        min: { description: 'Violating periods needed.', type: 'integer', minimum: 1 },
        of: { description: 'Periods in the lookback.', type: 'integer', minimum: 1, maximum: 1440 },
      },
    },
    severity: {
      description: 'Severity 0 (critical) to 4 (verbose), default 3.',
      type: 'integer',
      minimum: 0,
      maximum: 4,
    },
    autoResolve: {
      description:
        'Stateful: fire once, resolve when healthy again (§7.1). Default true for metric rules, false for log rules.',
      type: 'boolean',
    },
    muteActions: unit('duration', 'Log rule: after a firing, run no actions for this long (default 0s).'),
    actions: {
      description:
        'Action group names, notify (someone is told; DR counts it as detection) or failover:<recovery plan>.',
      type: 'array',
      uniqueItems: true,
      maxItems: 5,
      items: { type: 'string', minLength: 1, description: 'An action.' },
    },
  },
};

/** `monitor.actionGroups[]` — who is notified, and how (§7.4). */
export const ACTION_GROUPS: SchemaNode = {
  description: 'Action groups: email, SMS, voice and webhook receivers, with Azure’s rate limits (§7.4).',
  type: 'array',
  items: {
    type: 'object',
    description: 'An action group.',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Action group name, used in rules’ actions.'),
      email: NAMES('Email addresses (at most 100 emails an hour each).'),
      sms: NAMES('Phone numbers for SMS (at most one every 5 minutes each).'),
      voice: NAMES('Phone numbers for voice calls (at most one every 5 minutes each).'),
      webhook: {
        description:
          'Webhook URLs; a failed call is retried after 5s, 20s, 5s, 40s, 5s, then left alone 15 minutes.',
        type: 'array',
        items: {
          description: 'A URL, or {url, failureRate}.',
          'x-expected': 'webhook',
          anyOf: [
            { type: 'string', minLength: 1, description: 'The URL.' },
            {
              type: 'object',
              description: 'An endpoint that sometimes fails.',
              required: ['url'],
              additionalProperties: false,
              properties: {
                url: { type: 'string', minLength: 1, description: 'The URL.' },
                failureRate: unit('percent', 'Chance that one call fails (default 0%).'),
              },
            },
          ],
        },
      },
    },
  },
};

/** `monitor.processingRules[]` — suppress notifications during windows (§7.4). */
export const PROCESSING_RULES: SchemaNode = {
  description:
    'Alert processing rules: withhold notifications during maintenance windows (alerts still fire).',
  type: 'array',
  items: {
    type: 'object',
    description: 'A suppression rule.',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Processing rule name.'),
      rules: {
        description: 'Alert rules it applies to (default: all, built-in alerts included).',
        type: 'array',
        items: unit('name', 'A rule name.'),
      },
      windows: {
        description: 'One-off windows, as offsets from the start.',
        type: 'array',
        items: {
          type: 'object',
          description: 'A window [from, to).',
          required: ['from', 'to'],
          additionalProperties: false,
          properties: {
            from: unit('duration', 'Start, after the scenario start.'),
            to: unit('duration', 'End, after the scenario start.'),
          },
        },
      },
      schedule: {
        description: 'A recurring window in local time.',
        type: 'object',
        required: ['at', 'for'],
        additionalProperties: false,
        properties: {
          days: {
            description: 'Weekdays it starts on (default every day).',
            type: 'array',
            items: { $ref: '#/$defs/weekday' },
          },
          at: unit('timeOfDay', 'Local start time, like "22:00".'),
          for: unit('duration', 'How long it lasts.'),
          timeZone: unit('timeZone', 'Time zone (default UTC).'),
        },
      },
    },
  },
};

const LATENCY: SchemaNode = {
  description: 'Ingestion latency: how long after its timestamp a rule can see a signal (§7.6).',
  type: 'object',
  additionalProperties: false,
  properties: {
    metric: quantityOrDistribution('duration', 'Metric latency: a duration or a distribution (default 0s).'),
    log: quantityOrDistribution(
      'duration',
      'Log latency: a duration or a distribution (default uniform 20s–3m, §7.6).',
    ),
  },
};

/** `monitor:` — alert rules and where their notifications go. */
export const MONITOR: SchemaNode = {
  description:
    'Azure Monitor: metric and log search alert rules over signals the models emit, action groups, processing rules, built-in backup alerts.',
  type: 'object',
  additionalProperties: false,
  properties: {
    alerts: { description: 'Alert rules.', type: 'array', items: ALERT_RULE },
    actionGroups: ACTION_GROUPS,
    processingRules: PROCESSING_RULES,
    builtIn: {
      description: 'Azure Backup’s built-in alerts (§7.5): job failure (Sev 1) and security alerts (Sev 0).',
      type: 'object',
      additionalProperties: false,
      properties: {
        jobFailure: {
          description: 'Job failure alerts (default true; security alerts cannot be turned off).',
          type: 'boolean',
        },
        actions: {
          description: 'Where built-in alerts go: action groups, notify or failover:<plan>.',
          type: 'array',
          uniqueItems: true,
          items: { type: 'string', minLength: 1, description: 'An action.' },
        },
      },
    },
    latency: LATENCY,
  },
};

// A series in compact notation: text, or an unquoted number (`values: 1`, as promtool allows).
const NOTATION = (description: string): SchemaNode => ({
  description,
  'x-expected': 'series',
  anyOf: [
    { type: 'string', description: 'Terms separated by spaces.' },
    { type: 'number', description: 'One sample (or a term YAML reads as a number, like 0x10).' },
  ],
});

const SERIES: SchemaNode = {
  description:
    'An input series: metric: with values:, or log: with counts: (rows per step) or field: and values:. Values use promtool\'s compact notation: "0+10x100", "5x3", "_" for a missing sample, stale, Inf, NaN.',
  type: 'object',
  additionalProperties: false,
  properties: {
    metric: { description: 'Metric name.', type: 'string', minLength: 1 },
    log: { description: 'Log table.', type: 'string', minLength: 1 },
    dims: {
      description: 'Metric dimensions (or log columns) of every sample.',
      type: 'object',
      additionalProperties: SCALAR('A value.'),
    },
    field: { description: 'Log: the column `values` fill (one row per step).', type: 'string', minLength: 1 },
    values: NOTATION(
      'One sample per step from time 0: "a+bxn" (n+1 values), "axn", "_", "_xn", "stale" (no sample), Inf, NaN; a lone number may be unquoted.',
    ),
    counts: NOTATION('Log: rows per step, in the same notation.'),
    start: unit('duration', 'When the first sample is (default 0s).'),
  },
};

const ROW: SchemaNode = {
  description: 'A table row: its table, when it is stamped (TimeGenerated), and its columns.',
  type: 'object',
  required: ['table', 'at'],
  additionalProperties: false,
  properties: {
    table: { description: 'Log table, like AddonAzureBackupJobs.', type: 'string', minLength: 1 },
    at: unit('duration', 'Its TimeGenerated, after time 0.'),
    columns: {
      description: 'Column values (datetimes as durations after time 0 or ISO instants).',
      type: 'object',
      additionalProperties: SCALAR('A value.'),
    },
    repeat: {
      description: 'This many identical rows (default 1).',
      type: 'integer',
      minimum: 1,
      maximum: 100000,
    },
  },
};

const EXPECT: SchemaNode = {
  description: 'What the rule must do: its firings in time order, and optionally its notification counts.',
  type: 'object',
  additionalProperties: false,
  required: ['firings'],
  properties: {
    firings: {
      description: 'Every firing, in time order (an empty list: the rule must never fire).',
      type: 'array',
      items: {
        type: 'object',
        description: 'One firing.',
        required: ['fired'],
        additionalProperties: false,
        properties: {
          fired: unit('duration', 'When it fires, after time 0.'),
          resolved: unit('duration', 'When it resolves (omit: never resolved by the end).'),
          instance: {
            description: 'The instance’s split dimensions (omit: any).',
            type: 'object',
            additionalProperties: { type: 'string', description: 'A value.' },
          },
        },
      },
    },
    notifications: {
      description: 'Notification counts of the rule.',
      type: 'object',
      additionalProperties: false,
      properties: {
        sent: { description: 'Notifications sent.', type: 'integer', minimum: 0 },
        suppressedByRateLimit: {
          description: 'Withheld by §7.4’s rate limits.',
          type: 'integer',
          minimum: 0,
        },
        suppressedByProcessingRule: {
          description: 'Withheld by a processing rule.',
          type: 'integer',
          minimum: 0,
        },
      },
    },
  },
};

/** The `$id` of the test-alerts cases schema. */
export const ALERT_CASES_SCHEMA_ID = 'https://vaultsim.dev/schema/alert-cases/v1.json';

/** The JSON Schema of a `vaultsim test-alerts` cases file. */
export const ALERT_CASES_SCHEMA: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: ALERT_CASES_SCHEMA_ID,
  title: 'vaultsim alert test cases',
  description: 'Cases for vaultsim test-alerts: input series, one alert rule, and the firings expected.',
  type: 'object',
  required: ['cases'],
  additionalProperties: false,
  properties: {
    seed: {
      description: 'Seed of latency and webhook draws (default 1).',
      type: 'integer',
      minimum: 0,
      maximum: 4294967295,
    },
    cases: {
      description: 'The cases.',
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        description: 'One case.',
        required: ['name', 'rule', 'expect'],
        additionalProperties: false,
        properties: {
          name: { description: 'Case name (unique in the file).', type: 'string', minLength: 1 },
          step: unit('duration', 'Time between samples of every series (default 1m).'),
          until: unit(
            'duration',
            'Evaluate up to this time (default: the longest series, plus the rule’s lookback, plus 10 evaluations).',
          ),
          series: { description: 'Input series.', type: 'array', items: SERIES },
          rows: {
            description: 'Input table rows (for KQL rules): each at an instant, with its columns.',
            type: 'array',
            items: ROW,
          },
          rule: ALERT_RULE,
          actionGroups: ACTION_GROUPS,
          processingRules: PROCESSING_RULES,
          latency: { ...LATENCY, description: `${LATENCY.description} Default 0s for both here.` },
          expect: EXPECT,
        },
      },
    },
  },
  $defs: UNIT_DEFS,
};

/** The cases schema as published in scenarios/alert-cases.schema.json (2-space JSON, trailing newline). */
export function alertCasesSchemaText(): string {
  return `${JSON.stringify(ALERT_CASES_SCHEMA, null, 2)}\n`;
}
