// Schema for restores as users run them (issue 18): the `restore` event and `restoreTests`
// (restore drills). Rules: docs/reference.md §1.6, §1.8, §2.2, §2.4; docs/reference.md §15.

import { RESTORE_OPTIONS } from '../../models/scenario/restore.js';
import { type SchemaNode, unit } from './units.js';

const OPTION: SchemaNode = {
  description:
    'new-vm (default): create a new VM; restore-disks: restore the disks only; replace-disks: replace the disks of the existing VM (it must exist, not across zones or regions); files: file-level recovery (a mount valid 12 hours, about 1 GB per hour).',
  enum: [...RESTORE_OPTIONS],
};

const TARGET: SchemaNode = {
  description:
    'same (default): the VM’s own region; cross-region: the paired region through Cross Region Restore (GRS vault with crossRegionRestore, points that reached the pair); { zone: n }: another zone (cross-zonal restore: a zonal VM, a ZRS vault or one with Cross Region Restore, vault-tier points).',
  oneOf: [
    { enum: ['same', 'cross-region'] },
    {
      type: 'object',
      required: ['zone'],
      additionalProperties: false,
      properties: { zone: { description: 'The zone (1–3).', type: 'integer', minimum: 1, maximum: 3 } },
    },
  ],
};

const FILES = unit(
  'size',
  'File-level recovery: how much to copy (required with option files). Above 10 GB is beyond the documented guidance (a warning).',
);

const TARGETS = {
  vms: {
    description: 'VM ids, like web-001.',
    type: 'array',
    minItems: 1,
    items: { type: 'string', description: 'A VM id.' },
  },
  group: unit('name', 'Every VM of this fleet group.'),
};

/** `events[].restore` — a restore a user runs. */
export const RESTORE_EVENTS: Record<string, SchemaNode> = {
  restore: {
    description:
      'Restore VMs from their backups: which point, which option, where to. Name the VMs with vms or group. The jobs log shows how long each took and why.',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...TARGETS,
      point: {
        description:
          'latest (default), latest-app-consistent (Windows VMs: Linux backups are file-system consistent), { before: <time> }: the latest point taken at or before it, { at: <time> }: the point taken at that instant (to the second); times after the scenario start.',
        oneOf: [
          { enum: ['latest', 'latest-app-consistent'] },
          {
            type: 'object',
            additionalProperties: false,
            minProperties: 1,
            maxProperties: 1,
            properties: {
              before: unit('duration', 'The latest point taken at or before this time after the start.'),
              at: unit('duration', 'The point taken at this time after the start (to the second).'),
            },
          },
        ],
      },
      option: OPTION,
      target: TARGET,
      files: FILES,
    },
  },
};

/** `restoreTests:` — restore drills on a schedule, judged by `objectives.restoreTest`. */
export const RESTORE_TESTS: SchemaNode = {
  description:
    'Restore drills: every `every`, restore `count` VMs drawn at random from those named, without touching production (their test VMs are billed until cleanup, recovery.drillCleanupAfter).',
  type: 'array',
  items: {
    type: 'object',
    description: 'One restore drill schedule, like { name: monthly, every: 30d, group: web, count: 5 }.',
    required: ['name', 'every'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Drill name.'),
      every: unit('duration', 'How often.'),
      from: unit('duration', 'The first drill, after the start (default: every).'),
      ...TARGETS,
      count: {
        description: 'VMs restored each time, drawn at random (default 1).',
        type: 'integer',
        minimum: 1,
      },
      point: {
        description: 'latest (default) or latest-app-consistent.',
        enum: ['latest', 'latest-app-consistent'],
      },
      option: OPTION,
      target: TARGET,
      files: FILES,
    },
  },
};

/** `objectives.restoreTest` — every restore drill done within this. */
export const RESTORE_TEST_OBJECTIVE: SchemaNode = unit(
  'duration',
  'Restore drills: each drill restore done within this, from request to done (like 4h).',
);
