// Schema for backup policies: schedule, instant-restore retention and GFS retention.
// Limits cited from docs/reference.md §1.3–1.5 are checked by the
// normaliser (scenarios/normalise/policies.ts) so the message can explain them.

import { type SchemaNode, unit } from './units.js';

const weekdays = (description: string): SchemaNode => ({
  description,
  'x-expected': 'weekdays',
  anyOf: [
    { $ref: '#/$defs/weekday' },
    { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/weekday' } },
  ],
});

const dayOfMonth: SchemaNode = {
  description:
    'Which day of the month: an ordinal weekday ("first Sunday", "second Monday", "last Saturday"), a day number 1–28, or "last".',
  'x-expected': 'dayOfMonth',
  anyOf: [
    { type: 'integer', minimum: 1, maximum: 28 },
    {
      type: 'string',
      pattern:
        '^(?:last|(?:first|second|third|fourth|last) (?:Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday))$',
    },
  ],
};

const count = (what: string, max: number): SchemaNode => ({
  description: `How many ${what} to keep.`,
  type: 'integer',
  minimum: 1,
  maximum: max,
});

/** A retention (GFS) block: shared by VM backup policies and MARS agents. */
export const RETENTION: SchemaNode = {
  description: 'How long recovery points are kept, per tier (grandfather-father-son).',
  type: 'object',
  additionalProperties: false,
  properties: {
    daily: count('daily recovery points (days), 7–9999', 9999),
    weekly: {
      description: 'Weekly recovery points: how many, and which day of the week.',
      type: 'object',
      required: ['count'],
      additionalProperties: false,
      properties: {
        count: count('weekly points, 1–5163', 5163),
        on: weekdays('Day(s) of the week kept (default Sunday).'),
      },
    },
    monthly: {
      description: 'Monthly recovery points: how many, and which day of the month.',
      type: 'object',
      required: ['count'],
      additionalProperties: false,
      properties: { count: count('monthly points, 1–1188', 1188), on: dayOfMonth },
    },
    yearly: {
      description: 'Yearly recovery points: how many, in which month(s), on which day.',
      type: 'object',
      required: ['count'],
      additionalProperties: false,
      properties: {
        count: count('yearly points, 1–99', 99),
        in: {
          description: 'Month(s) of the yearly point (default January).',
          'x-expected': 'months',
          anyOf: [
            { $ref: '#/$defs/month' },
            { type: 'array', minItems: 1, uniqueItems: true, items: { $ref: '#/$defs/month' } },
          ],
        },
        on: dayOfMonth,
      },
    },
  },
};

/** `policies:` — backup policies for Azure VMs. */
export const POLICIES: SchemaNode = {
  description: 'Azure VM backup policies.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A backup policy.',
    required: ['name', 'schedule', 'retention'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Policy name, like daily-30.'),
      type: {
        description: 'standard (daily/weekly) or enhanced (also every 4/6/8/12 h). Default standard.',
        enum: ['standard', 'enhanced'],
      },
      schedule: {
        description: 'When scheduled backups start.',
        type: 'object',
        required: ['frequency'],
        additionalProperties: false,
        properties: {
          frequency: {
            description: 'daily, weekly, or hourly (enhanced only).',
            enum: ['daily', 'weekly', 'hourly'],
          },
          at: unit('timeOfDay', 'Local start time for daily/weekly backups, like "22:30".'),
          days: weekdays('Days of the week for weekly backups.'),
          every: unit('duration', 'Interval of hourly backups: 4h, 6h, 8h or 12h.'),
          window: {
            description: 'The daily window hourly backups run in.',
            type: 'object',
            additionalProperties: false,
            properties: {
              start: unit('timeOfDay', 'Window start, 00:00 to 19:30 (default "08:00").'),
              duration: unit('duration', 'Window length, 4h to 24h (default 24h).'),
            },
          },
          timeZone: unit('timeZone', 'Time zone of the schedule (default UTC).'),
        },
      },
      instantRestore: unit(
        'duration',
        'How long instant-restore snapshots are kept, in whole days: standard 1d–5d (default 2d; weekly schedules are fixed at 5d), enhanced 1d–30d (default 7d; at most 17d every 4h, 22d every 6h).',
      ),
      retention: RETENTION,
      archive: {
        description:
          'Move eligible monthly and yearly recovery points to the vault-archive tier (Azure VMs: at least 3 months old, at least 6 months of retention left).',
        type: 'object',
        additionalProperties: false,
        properties: {
          after: unit('duration', 'Age at which eligible points move, at least 90d (default 90d).'),
        },
      },
    },
  },
};
