// Schema for Azure Files backup (docs/reference.md §13): snapshot-tier and vaulted
// policies, and the file shares they protect. Azure's limits are checked by the normaliser
// (scenarios/normalise/files.ts) so that the message can cite them.

import { DATA_CHURN } from './churn.js';
import { RETENTION } from './policies.js';
import { type SchemaNode, unit } from './units.js';

/** `fileSharePolicies:` — Azure Files backup policies. */
export const FILE_SHARE_POLICIES: SchemaNode = {
  description:
    'Azure Files backup policies: share snapshots only (snapshot tier), or snapshots with the last of each day copied to the vault (vault tier).',
  type: 'array',
  items: {
    type: 'object',
    description: 'A file-share backup policy.',
    required: ['name', 'schedule', 'retention'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Policy name, like files-4h.'),
      tier: {
        description: 'snapshot (share snapshots only, the default) or vault (also copies to the vault).',
        enum: ['snapshot', 'vault'],
      },
      schedule: {
        description:
          'Daily at a time, or hourly every 4h, 6h, 8h or 12h in a daily window (at most 6 a day).',
        type: 'object',
        required: ['frequency'],
        additionalProperties: false,
        properties: {
          frequency: { description: 'daily or hourly.', enum: ['daily', 'hourly'] },
          at: unit('timeOfDay', 'Local time of a daily backup, like "22:00".'),
          every: unit('duration', 'Interval of hourly backups: 4h, 6h, 8h or 12h.'),
          window: {
            description: 'The daily window of hourly backups.',
            type: 'object',
            additionalProperties: false,
            properties: {
              start: unit('timeOfDay', 'Window start, on the hour or half hour (default "08:00").'),
              duration: unit(
                'duration',
                'Window length: 4h to 24h, a multiple of the interval, not past midnight (default 24h).',
              ),
            },
          },
          timeZone: unit('timeZone', 'Time zone of the schedule (default UTC).'),
        },
      },
      retention: RETENTION,
      snapshotRetention: unit(
        'duration',
        'Vault tier: how long the snapshots are kept, 1d to 30d in whole days (required for the vault tier).',
      ),
    },
  },
};

/** `fileShares:` — Azure file shares in storage accounts. */
export const FILE_SHARES: SchemaNode = {
  description: 'Azure file shares, backed up by a file-share policy.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A group of identical shares in one storage account.',
    required: ['name', 'storageAccount', 'region', 'size', 'vault', 'policy'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Share name; with count > 1 shares are named <name>-01, …'),
      storageAccount: unit('name', 'Storage account holding the shares (all its shares use one vault).'),
      region: unit('name', 'Region of the storage account (the vault must be in it).'),
      count: { description: 'How many shares (default 1).', type: 'integer', minimum: 1, maximum: 2000 },
      size: unit('size', 'Used data of each share, like 1TiB.'),
      growth: unit('percent', 'Yearly growth of the data (default 0%).'),
      churn: DATA_CHURN,
      vault: unit('name', "Vault the shares are protected by (in the storage account's region)."),
      policy: unit('name', 'File-share policy (fileSharePolicies).'),
      restores: {
        description:
          'Restores of each share: the whole share or some items, to the original or another location.',
        type: 'array',
        items: {
          type: 'object',
          required: ['at'],
          additionalProperties: false,
          properties: {
            at: unit('duration', 'When, after the start.'),
            kind: { description: 'share (the default) or items.', enum: ['share', 'items'] },
            items: {
              description: 'Files or folders of an item-level restore (at most 99).',
              type: 'integer',
              minimum: 1,
              maximum: 100000,
            },
            to: { description: 'original (the default) or alternate.', enum: ['original', 'alternate'] },
            age: unit(
              'duration',
              'Restore the latest point at least this old (default 0: the latest); an old point may be in the vault only.',
            ),
          },
        },
      },
    },
  },
};
