// Schema for where things live: regions (with pairs and zones), Recovery Services
// vaults, and network links.

import { RESOURCE_GUARD } from './operations.js';
import { type SchemaNode, unit } from './units.js';

/** `regions:` — Azure regions the scenario uses. */
export const REGIONS: SchemaNode = {
  description: 'Azure regions the scenario uses, with their pairs and availability zones.',
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    description: 'A region.',
    required: ['name'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Region name, like eastus.'),
      pair: unit('name', 'The paired region (geo-redundant data and Cross Region Restore go there).'),
      zones: {
        description: 'Number of availability zones (0 when the region has none). Default 3.',
        type: 'integer',
        minimum: 0,
        maximum: 3,
      },
      cores: {
        description:
          'vCPU cores available for recovered VMs (failover, cross-region restore); omit for unlimited. A plan can be short of cores.',
        type: 'integer',
        minimum: 0,
      },
    },
  },
};

/** `vaults:` — Recovery Services vaults. */
export const VAULTS: SchemaNode = {
  description: 'Recovery Services vaults that hold backup data.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A Recovery Services vault.',
    required: ['name', 'region'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Vault name, like rsv-prod.'),
      region: unit('name', 'Region the vault is in (a VM is backed up to a vault in its own region).'),
      redundancy: {
        description: 'Storage redundancy: LRS, ZRS or GRS (the Azure default).',
        enum: ['LRS', 'ZRS', 'GRS'],
      },
      crossRegionRestore: {
        description:
          'Cross Region Restore: restore in the paired region (GRS only; billed as RA-GRS). Default false.',
        type: 'boolean',
      },
      softDelete: {
        description:
          'Soft-delete retention for deleted backup data, 14d to 180d (default 14d; the last 14 days of the period are free), or false to disable.',
        'x-expected': 'durationOrFalse',
        anyOf: [{ $ref: '#/$defs/duration' }, { const: false }],
      },
      softDeleteAlwaysOn: {
        description:
          'Soft delete "Enabled and always-on": it can no longer be disabled (default false; needs softDelete on).',
        type: 'boolean',
      },
      immutability: {
        description:
          'Immutable vault: disabled (default), enabled, or locked (irreversible). Blocks stop protection with delete data and shortening retention.',
        enum: ['disabled', 'enabled', 'locked'],
      },
      resourceGuard: RESOURCE_GUARD,
      link: unit('name', 'Link the vault transfers travel over (default: unlimited).'),
      maxConcurrentTransfers: {
        description:
          'Most vault transfers in progress at once (Azure advises at most 100 VMs scheduled together per vault). Default 100.',
        type: 'integer',
        minimum: 1,
        maximum: 10000,
      },
    },
  },
};

/** `links:` — shared-bandwidth network links. */
export const LINKS: SchemaNode = {
  description: 'Network links whose bandwidth is shared by the transfers crossing them.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A link.',
    required: ['name', 'capacity'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Link name.'),
      capacity: unit('bandwidth', 'Total bandwidth of the link, like 10Gbps.'),
      perTransfer: unit('bandwidth', 'Most bandwidth one transfer may use, like 60MB/s.'),
    },
  },
};
