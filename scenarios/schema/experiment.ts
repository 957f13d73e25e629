// Schema for what a run is asked to show: objectives, variants and sweeps.

import { SCOPED_OBJECTIVES } from './dr.js';
import { RESTORE_TEST_OBJECTIVE } from './restore.js';
import { type SchemaNode, unit } from './units.js';

/** `objectives:` — RPO/RTO targets the run is judged against. */
export const OBJECTIVES: SchemaNode = {
  description: 'Recovery objectives the run is judged against.',
  type: 'object',
  additionalProperties: false,
  properties: {
    rpo: unit('duration', 'Recovery point objective: most data loss allowed, like 24h.'),
    rto: unit('duration', 'Recovery time objective: longest time to recover allowed, like 4h.'),
    per: SCOPED_OBJECTIVES,
    restoreTest: RESTORE_TEST_OBJECTIVE,
  },
};

const OVERRIDES: SchemaNode = {
  type: 'object',
  description:
    'Field overrides by path: a dotted path whose list steps are element names or [index], like policies.daily-30.retention.daily.',
  propertyNames: { pattern: '^[A-Za-z0-9_-]+(?:\\[\\d+\\])*(?:\\.[A-Za-z0-9_-]+(?:\\[\\d+\\])*)*$' },
};

/** `variants:` — named alternatives that override fields of the base scenario. */
export const VARIANTS: SchemaNode = {
  description:
    'Named alternatives to the base scenario. Each overrides fields by path; all run with the same seed (common random numbers).',
  type: 'object',
  propertyNames: { $ref: '#/$defs/name' },
  additionalProperties: OVERRIDES,
};

/** `sweep:` — parameters to vary over lists or ranges (cartesian product). */
export const SWEEP: SchemaNode = {
  description:
    'Parameters to vary: each path takes every value of its list or range; the runs are the cartesian product.',
  type: 'object',
  propertyNames: OVERRIDES.propertyNames as SchemaNode,
  additionalProperties: {
    description: 'A list of values, or a numeric range {from, to, step} (inclusive).',
    'x-expected': 'sweepValues',
    anyOf: [
      { type: 'array', minItems: 1, maxItems: 1000, description: 'Values to try.' },
      {
        type: 'object',
        description: 'A numeric range.',
        required: ['from', 'to', 'step'],
        additionalProperties: false,
        properties: {
          from: { type: 'number', description: 'First value.' },
          to: { type: 'number', description: 'Last value (inclusive when reached by whole steps).' },
          step: { type: 'number', exclusiveMinimum: 0, description: 'Increment.' },
        },
      },
    ],
  },
};
