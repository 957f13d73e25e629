// Schema definitions for the unit-bearing values. The patterns catch the shape so that
// editors flag a bad value as it is typed; scenarios/units.ts parses the value and
// checks its range, and its message is the one a user sees.

import { MONTH_NAMES, WEEKDAY_NAMES } from '../../models/calendar.js';

/** A JSON Schema fragment (plain data). */
export type SchemaNode = Record<string, unknown>;

/** The `$defs` every scenario schema carries, one per unit. */
export const UNIT_DEFS: Record<string, SchemaNode> = {
  duration: {
    description: 'A duration: 90s, 15m, 4h, 30d, 2w, 1h30m, 500ms, or ISO 8601 like PT15M or P1DT2H.',
    type: 'string',
    pattern: '^\\s*(?:(?:\\d+(?:\\.\\d+)?(?:ms|w|d|h|m|s))+|P[0-9WDTHMS.,]+)\\s*$',
    examples: ['15m', '4h', '30d', 'PT15M'],
  },
  size: {
    description:
      'A size: decimal (KB, MB, GB, TB, PB = powers of 1000) or binary (KiB, MiB, GiB, TiB, PiB = powers of 1024), like 128GiB or 500GB.',
    type: 'string',
    pattern: '^\\s*\\d+(?:\\.\\d+)?\\s?(?:B|[KkMGTP]i?B)\\s*$',
    examples: ['512MiB', '128GiB', '2TiB', '500GB'],
  },
  bandwidth: {
    description:
      'A bandwidth: bits per second (Kbps, Mbps, Gbps, decimal) or bytes per second (50MB/s, 20MiB/s).',
    type: 'string',
    pattern: '^\\s*\\d+(?:\\.\\d+)?\\s?(?:[KkMGT]?bps|[KkMGTP]?i?B/s)\\s*$',
    examples: ['100Mbps', '1Gbps', '50MB/s'],
  },
  percent: {
    description: 'A percentage, like 3% or 0.5%.',
    type: 'string',
    pattern: '^\\s*\\d+(?:\\.\\d+)?\\s?%\\s*$',
    examples: ['3%', '60%'],
  },
  instant: {
    description: 'An instant in ISO 8601 with Z or a UTC offset, like 2026-01-01T00:00:00Z.',
    type: 'string',
    pattern: '^\\s*\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:[.,]\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})\\s*$',
    examples: ['2026-01-01T00:00:00Z'],
  },
  timeOfDay: {
    description: 'A local time of day, 24-hour HH:MM (quote it in YAML), like "22:30".',
    type: 'string',
    pattern: '^\\s*\\d{1,2}:\\d{2}\\s*$',
    examples: ['22:30', '08:00'],
  },
  timeZone: {
    description: 'An IANA time zone, like America/New_York, Europe/London or UTC.',
    type: 'string',
    minLength: 1,
    examples: ['UTC', 'America/New_York'],
  },
  name: {
    description:
      'A name: lowercase letters, digits and hyphens, starting with a letter or digit (used in ids and variant paths).',
    type: 'string',
    pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
  },
  weekday: { description: 'A day of the week.', enum: [...WEEKDAY_NAMES] },
  month: { description: 'A month of the year.', enum: [...MONTH_NAMES] },
};

/** A `$ref` to one of the unit definitions, with a field-specific description. */
export const unit = (name: keyof typeof UNIT_DEFS | string, description: string): SchemaNode => ({
  $ref: `#/$defs/${name}`,
  description,
});

/** The kind names a distribution may have, in the scenario format. */
export const DISTRIBUTION_KINDS = [
  'constant',
  'uniform',
  'exponential',
  'normal',
  'lognormal',
  'triangular',
  'weibull',
  'empirical',
] as const;

/**
 * A value that is either a fixed quantity (of the given unit) or a distribution over it:
 * `3%`, or `{ distribution: lognormal, mean: 3%, sd: 1% }`.
 */
export function quantityOrDistribution(unitName: string, description: string): SchemaNode {
  const q = { $ref: `#/$defs/${unitName}`, description: `A ${unitName}.` };
  return {
    description,
    'x-expected': `${unitName}OrDistribution`,
    anyOf: [
      q,
      {
        type: 'object',
        description: `A distribution over a ${unitName}; its parameters are ${unitName}s (weibull shape is a plain number).`,
        required: ['distribution'],
        additionalProperties: false,
        properties: {
          distribution: { description: 'Which distribution.', enum: [...DISTRIBUTION_KINDS] },
          value: { ...q, description: 'constant: the value.' },
          min: { ...q, description: 'uniform / triangular: the lower bound.' },
          max: { ...q, description: 'uniform / triangular: the upper bound.' },
          mode: { ...q, description: 'triangular: the most likely value.' },
          mean: { ...q, description: 'exponential / normal / lognormal: the mean.' },
          sd: { ...q, description: 'normal / lognormal: the standard deviation.' },
          shape: { description: 'weibull: the shape k (a plain number > 0).', type: 'number' },
          scale: { ...q, description: 'weibull: the scale λ.' },
          values: {
            description: 'empirical: observed values, resampled uniformly.',
            type: 'array',
            minItems: 1,
            items: q,
          },
        },
      },
    ],
  };
}
