// Schema for SQL Server in Azure VM backup (docs/reference.md §12): policies with
// full, differential and log backups, and the databases they protect. Azure's limits are
// checked by the normaliser (scenarios/normalise/sql.ts) so that the message can cite them.

import { dailyChange } from './churn.js';
import { RETENTION } from './policies.js';
import { type SchemaNode, unit } from './units.js';

const weekdays = (description: string): SchemaNode => ({
  description,
  'x-expected': 'weekdays',
  anyOf: [
    { $ref: '#/$defs/weekday' },
    { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/weekday' } },
  ],
});

const fraction = (what: string): SchemaNode =>
  dailyChange(
    `${what} per day.`,
    `${what} per day as a percentage of the database size, or a distribution of it.`,
    'Day-to-day standard deviation (with a fixed daily percentage).',
  );

/** `sqlPolicies:` — SQL Server in Azure VM backup policies. */
export const SQL_POLICIES: SchemaNode = {
  description:
    'SQL Server in Azure VM backup policies: full (daily or weekly), differential (weekly fulls only) and log backups.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A SQL backup policy.',
    required: ['name', 'full', 'retention'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Policy name, like sql-hourly-log.'),
      full: {
        description: 'Full backups: at most one a day, daily or on some weekdays.',
        type: 'object',
        required: ['frequency', 'at'],
        additionalProperties: false,
        properties: {
          frequency: { description: 'daily or weekly.', enum: ['daily', 'weekly'] },
          at: unit('timeOfDay', 'Local start time, like "22:00".'),
          days: weekdays('Days of the week of weekly fulls.'),
          timeZone: unit('timeZone', 'Time zone of the schedule (default UTC).'),
        },
      },
      differential: {
        description:
          'Differential backups (only with weekly fulls, never on a full day, at most one a day), kept up to 180 days.',
        type: 'object',
        required: ['days', 'retention'],
        additionalProperties: false,
        properties: {
          days: weekdays('Days of the week of differentials.'),
          at: unit('timeOfDay', "Local start time (default the full's)."),
          retention: unit('duration', "How long differentials are kept: 7d to 180d, at most the full's."),
        },
      },
      log: {
        description: 'Log backups: every 15m to 24h, kept 7d to 35d.',
        type: 'object',
        required: ['every', 'retention'],
        additionalProperties: false,
        properties: {
          every: unit('duration', 'Interval: 15m, 30m, 1h, 2h, 4h, 8h, 12h or 24h.'),
          retention: unit('duration', 'How long log backups are kept: 7d to 35d.'),
        },
      },
      retention: RETENTION,
      compression: {
        description: 'SQL backup compression (default false, as Azure).',
        type: 'boolean',
      },
      archive: {
        description:
          'Move eligible full points to the vault-archive tier (at least 45 days old, at least 6 months of retention left).',
        type: 'object',
        additionalProperties: false,
        properties: {
          after: unit('duration', 'Age at which eligible fulls move, at least 45d (default 45d).'),
        },
      },
    },
  },
};

/** `sqlDatabases:` — SQL Server databases on the fleet's VMs. */
export const SQL_DATABASES: SchemaNode = {
  description: 'SQL Server databases on Azure VMs of the fleet, backed up by a SQL policy.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A group of identical databases on every VM of a fleet group.',
    required: ['name', 'host', 'size', 'log', 'vault', 'policy'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Database name; with count > 1 databases are named <name>-01, …'),
      host: unit('name', 'Fleet group whose VMs host the databases (each VM hosts all of them).'),
      count: {
        description: 'Databases per VM (default 1).',
        type: 'integer',
        minimum: 1,
        maximum: 10000,
      },
      size: unit('size', 'Data size of each database, like 200GiB.'),
      growth: unit('percent', 'Yearly growth of the data (default 0%).'),
      churn: fraction('Data pages changed (what a differential carries; default: as the log volume)'),
      log: fraction('Transaction log volume'),
      recoveryModel: {
        description: 'full (log backups, point-in-time restore) or simple (no log backups). Default full.',
        enum: ['full', 'simple'],
      },
      compressionSaving: unit(
        'percent',
        "How much compression shrinks backups when the policy compresses (default 80%, the Azure estimator's figure; an assumption).",
      ),
      vault: unit('name', "Vault the databases back up to (in the VMs' region)."),
      policy: unit('name', 'SQL policy (sqlPolicies).'),
    },
  },
};
