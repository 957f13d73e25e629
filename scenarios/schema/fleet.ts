// Schema for the protected machines: fleet groups of Azure VMs with managed disks.
// A group with `count: n` expands into n VMs named `<group>-001` … (stable ids).

import { dailyChange } from './churn.js';
import { REPLICATE } from './dr.js';
import { type SchemaNode, unit } from './units.js';

const DISK: SchemaNode = {
  type: 'object',
  description: 'A managed disk.',
  required: ['size'],
  additionalProperties: false,
  properties: {
    name: unit('name', 'Disk name (default os for the first disk, data-1, data-2, … after).'),
    size: unit('size', 'Provisioned size, like 128GiB (at most 32TiB).'),
    type: {
      description:
        'Disk type (default premium): sets the Site Recovery per-disk churn limit with the size (§5.2).',
      enum: ['premium', 'standard'],
    },
    used: {
      description: 'Data actually written: a percentage of the size, or a size. Default 100%.',
      'x-expected': 'percentOrSize',
      anyOf: [{ $ref: '#/$defs/percent' }, { $ref: '#/$defs/size' }],
    },
    churn: dailyChange(
      'How much of the used data changes per day.',
      'Daily churn as a percentage of used data, or a distribution of it.',
      'Day-to-day standard deviation of the churn (with a fixed daily value: lognormal with that mean and sd).',
    ),
    growth: unit('percent', 'Yearly growth of used data, like 20% (default 0%).'),
  },
};

/** `fleet:` — groups of Azure VMs. */
export const FLEET: SchemaNode = {
  description: 'Azure VMs, in groups of identical machines.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A group of identical VMs.',
    required: ['name', 'region', 'disks'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Group name; VMs are named <name>-001, <name>-002, …'),
      count: {
        description: 'How many VMs in the group (default 1).',
        type: 'integer',
        minimum: 1,
        maximum: 100000,
      },
      region: unit('name', 'Region the VMs run in.'),
      zone: {
        description: 'Availability zone, 1–3 (omit for a regional VM).',
        type: 'integer',
        minimum: 1,
        maximum: 3,
      },
      os: { description: 'Operating system (default linux).', enum: ['linux', 'windows'] },
      cores: {
        description: 'vCPU cores of each VM (default 2); a recovered VM needs them in its target region.',
        type: 'integer',
        minimum: 1,
        maximum: 416,
      },
      size: {
        description:
          'Azure VM size of each VM, like Standard_D4s_v5: failover and drill compute use its price when the price table has one (pricing compute.sizes), else the per-core price.',
        type: 'string',
        pattern: '^[A-Za-z][A-Za-z0-9_]{0,63}$',
      },
      replicate: REPLICATE,
      vmAgent: {
        description: 'Whether the Azure VM agent is installed (default true). Without it backups fail.',
        type: 'boolean',
      },
      tags: {
        description: 'Free-form labels, used to group VMs in objectives and reports.',
        type: 'object',
        propertyNames: { pattern: '^[A-Za-z0-9_.-]{1,64}$' },
        additionalProperties: { type: 'string', description: 'Tag value.' },
      },
      disks: {
        description: 'Managed disks, OS disk first (up to 32).',
        type: 'array',
        minItems: 1,
        maxItems: 32,
        items: DISK,
      },
      snapshots: {
        description: 'A managed-disk snapshot schedule outside Azure Backup, on every disk of these VMs.',
        type: 'object',
        required: ['every', 'keep'],
        additionalProperties: false,
        properties: {
          every: unit('duration', 'Interval between snapshots, at least 5m (like 1d or 12h).'),
          at: unit('timeOfDay', 'Local time of the first snapshot each day (default "00:00").'),
          timeZone: unit('timeZone', 'Time zone of `at` (default UTC).'),
          keep: {
            description: 'How many snapshots per disk to keep (at most 500).',
            type: 'integer',
            minimum: 1,
            maximum: 500,
          },
          incremental: {
            description:
              'Incremental snapshots (default true): the first is a full copy, later ones hold only changes. Full snapshots each copy the used data.',
            type: 'boolean',
          },
        },
      },
      backup: {
        description: 'Azure Backup protection for these VMs.',
        type: 'object',
        required: ['vault', 'policy'],
        additionalProperties: false,
        properties: {
          vault: unit('name', 'Vault the VMs are backed up to (in the same region).'),
          policy: unit('name', 'Backup policy.'),
          from: unit(
            'duration',
            'When protection starts, after the scenario start (default 0s: from the start).',
          ),
          failureRate: unit(
            'percent',
            'Chance that a backup job attempt fails for a transient reason (default 0%).',
          ),
          retries: {
            description: 'Automatic retries of a failed scheduled job on the same day (default 0).',
            type: 'integer',
            minimum: 0,
            maximum: 9,
          },
          retryAfter: unit('duration', 'Wait before a retry (default 1h).'),
          stop: {
            description:
              'Stop protection at a time: keep the data (billing continues) or delete it (it goes to soft delete).',
            type: 'object',
            required: ['at'],
            additionalProperties: false,
            properties: {
              at: unit('duration', 'When protection stops, after the scenario start.'),
              deleteData: {
                description: 'Delete the backup data (default false: retain it).',
                type: 'boolean',
              },
            },
          },
          afterFailover: {
            description:
              'Where backup continues once the VMs run in another region (after a failover or a Cross Region Restore): a vault in that region. Without it they are unprotected by backup there.',
            type: 'object',
            required: ['vault'],
            additionalProperties: false,
            properties: {
              vault: unit('name', 'A vault in the region the VMs are recovered to.'),
              policy: unit('name', 'Backup policy there (default: the same policy).'),
            },
          },
          onDemand: {
            description: 'On-demand backups, each with its own retention.',
            type: 'array',
            items: {
              type: 'object',
              description: 'An on-demand backup.',
              required: ['at'],
              additionalProperties: false,
              properties: {
                at: unit('duration', 'When it is taken, after the scenario start.'),
                retain: unit(
                  'duration',
                  'How long the recovery point is kept (default 30d, as from the portal).',
                ),
              },
            },
          },
        },
      },
    },
  },
};
