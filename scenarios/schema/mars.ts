// Schema for on-premises Windows servers protected by the MARS agent (docs/reference.md §3).

import { DATA_CHURN } from './churn.js';
import { RETENTION } from './policies.js';
import { quantityOrDistribution, type SchemaNode, unit } from './units.js';

const BANDWIDTH_RANGE = 'from 512Kbps to 1023Mbps';

/** A `network:` block: MARS (and MABS/DPM, issue 17) throttling of the server's WAN link (§3). */
export const NETWORK: SchemaNode = {
  description: `Network throttling: bandwidth during work hours and outside them, each ${BANDWIDTH_RANGE}.`,
  type: 'object',
  required: ['workHours', 'nonWorkHours'],
  additionalProperties: false,
  properties: {
    workHours: {
      description: 'Bandwidth allowed during work hours, and when they are.',
      type: 'object',
      required: ['bandwidth'],
      additionalProperties: false,
      properties: {
        bandwidth: unit('bandwidth', `Bandwidth during work hours, ${BANDWIDTH_RANGE}.`),
        from: unit('timeOfDay', 'Start of work hours (default "08:00").'),
        to: unit('timeOfDay', 'End of work hours (default "18:00").'),
        days: {
          description: 'Work days (default Monday to Friday).',
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { $ref: '#/$defs/weekday' },
        },
      },
    },
    nonWorkHours: unit('bandwidth', `Bandwidth outside work hours, ${BANDWIDTH_RANGE}.`),
    timeZone: unit('timeZone', 'Time zone of the work hours (default: the schedule time zone).'),
  },
};

/** `servers:` — on-premises servers backed up by the MARS agent. */
export const SERVERS: SchemaNode = {
  description: 'On-premises Windows servers backed up to a vault by the MARS agent.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A group of identical servers.',
    required: ['name', 'vault', 'data', 'schedule', 'retention'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Group name; servers are named <name>-001, …'),
      count: { description: 'How many servers (default 1).', type: 'integer', minimum: 1, maximum: 10000 },
      agentVersion: {
        description:
          'MARS agent version, like 2.0.9254.0 (default a current one). Below 2.0.9083.0 every backup fails.',
        type: 'string',
        pattern: '^\\d+(?:\\.\\d+){1,3}$',
      },
      vault: unit('name', 'Vault the servers back up to.'),
      data: unit('size', 'Data protected on each server (files, folders, system state), like 500GiB.'),
      churn: DATA_CHURN,
      growth: unit('percent', 'Yearly growth of the data (default 0%).'),
      compression: unit(
        'percent',
        'How much compression shrinks what is sent and stored (default 0%: none assumed).',
      ),
      schedule: {
        description: 'Up to three backups a day, at local times; optionally only on some weekdays.',
        type: 'object',
        required: ['times'],
        additionalProperties: false,
        properties: {
          times: {
            description: 'Local start times, at most three a day, like ["12:00", "22:00"].',
            type: 'array',
            minItems: 1,
            maxItems: 3,
            uniqueItems: true,
            items: { $ref: '#/$defs/timeOfDay' },
          },
          days: {
            description: 'Days of the week (default every day).',
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { $ref: '#/$defs/weekday' },
          },
          timeZone: unit('timeZone', 'Time zone of the times (default UTC).'),
        },
      },
      retention: RETENTION,
      network: NETWORK,
    },
  },
};

/** `backupJobs:` — timing of Azure VM backup jobs (defaults from docs/reference.md §1.2). */
export const BACKUP_JOBS: SchemaNode = {
  description: 'How Azure VM backup jobs behave; the defaults follow Azure documentation.',
  type: 'object',
  additionalProperties: false,
  properties: {
    startWindow: unit(
      'duration',
      'Scheduled jobs start within this window after the scheduled time (default 2h).',
    ),
    snapshotDuration: quantityOrDistribution(
      'duration',
      'How long the snapshot phase takes (default triangular 2m / 5m / 15m: "a few minutes").',
    ),
    initialThroughput: unit(
      'bandwidth',
      'Best-case throughput of a first (full) backup per VM (default 160Mbps).',
    ),
    incrementalThroughput: unit(
      'bandwidth',
      'Best-case throughput of an incremental backup per VM (default 640Mbps).',
    ),
  },
};
