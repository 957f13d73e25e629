// Schema for price overrides: any number of the default price table (models/pricing/defaults.ts),
// as a bare value or with its own citation.

import type { SchemaNode } from './units.js';

const price = (description: string): SchemaNode => ({
  description,
  'x-expected': 'price',
  anyOf: [
    { type: 'number', minimum: 0 },
    {
      type: 'object',
      description: 'A price with its source.',
      required: ['value'],
      additionalProperties: false,
      properties: {
        value: { type: 'number', minimum: 0, description: 'The price.' },
        source: { type: 'string', description: 'Where the price comes from (shown in reports).' },
        date: { type: 'string', description: 'When the source stated it, like 2026-04.' },
      },
    },
  ],
});

// The prices a region (or the default table) may override: every number of the table.
function regionPrices(where: string): Record<string, SchemaNode> {
  return {
    protectedInstance: {
      description: `Protected-instance fee${where}: a small fee up to smallMaxGB, else perBlock per started blockGB.`,
      type: 'object',
      additionalProperties: false,
      properties: {
        small: price('Monthly fee of an instance of at most smallMaxGB (default 5).'),
        smallMaxGB: price('Largest used size (GB) billed as small (default 50).'),
        perBlock: price('Monthly fee per started block (default 10).'),
        blockGB: price('Block size in GB (default 500).'),
      },
    },
    vaultStorage: {
      description: `Vault-standard storage per GB-month by redundancy${where} (RA-GRS applies with Cross Region Restore).`,
      type: 'object',
      additionalProperties: false,
      properties: {
        LRS: price('Locally redundant (default 0.028).'),
        ZRS: price('Zone redundant (default 0.035).'),
        GRS: price('Geo redundant (default 0.056).'),
        'RA-GRS': price('Geo redundant with Cross Region Restore (default 0.0711).'),
      },
    },
    vaultArchive: price('Vault-archive storage per GB-month (default 0.0024, an assumption).'),
    instantRestoreSnapshot: price('Instant-restore snapshot storage per GB-month (default 0.05).'),
    diskSnapshot: price('Managed-disk snapshot storage per GB-month (default 0.05).'),
    fileShareSnapshot: price(
      'Azure file-share snapshot storage per GB-month, billed with the storage account (default 0.06, an assumption).',
    ),
    softDeleteFreeDays: price('Last days of a soft-delete period that cost nothing (default 14).'),
    archiveEarlyDeletionDays: price(
      'Days a point must stay in archive to avoid an early-deletion charge (default 180).',
    ),
    siteRecovery: {
      description: `Azure Site Recovery (Azure-to-Azure) prices${where}.`,
      type: 'object',
      additionalProperties: false,
      properties: {
        perInstance: price('Per protected instance-month after the free days, prorated (default 25).'),
        freeDays: price('Days each protected instance is free of the per-instance fee (default 31).'),
        replicaDisk: {
          description: 'Replica managed disks in the target region, per provisioned GB-month, by disk type.',
          type: 'object',
          additionalProperties: false,
          properties: {
            premium: price('Premium SSD (default 0.132, an assumption).'),
            standard: price('Standard HDD (default 0.04, an assumption).'),
          },
        },
        cacheStorage: price(
          'Cache storage account in the source region, per GB-month (default 0.02, an assumption).',
        ),
        recoveryPoints: price(
          'Recovery-point storage in the target region, per GB-month (default 0.05, an assumption).',
        ),
        transfer: price(
          'Replication traffic per GB sent to the target region (default 0: unconfirmed in the sources).',
        ),
      },
    },
    compute: {
      description: `Compute of VMs recovered by failover or started by a drill${where}.`,
      type: 'object',
      additionalProperties: false,
      properties: {
        perCoreHour: price(
          'Per vCPU core-hour for a VM whose size has no price (default 0.048, an assumption).',
        ),
        sizes: {
          description:
            "Per VM-hour by VM size name (the fleet group's `size:`), e.g. Standard_D4s_v5: 0.192.",
          type: 'object',
          propertyNames: { pattern: '^[A-Za-z0-9_-]+$' },
          additionalProperties: price('Per VM-hour of this size.'),
        },
      },
    },
  };
}

/** `pricing:` — overrides of the default list prices (USD, secondary sources; see docs/model.md). */
export const PRICING: SchemaNode = {
  description:
    'Overrides of the default list prices; every price is per month (storage per GB-month, GB = 2^30 bytes) unless it says otherwise.',
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: {
      description: 'ISO 4217 currency code of the prices (default USD).',
      type: 'string',
      pattern: '^[A-Z]{3}$',
    },
    ...regionPrices(''),
    regions: {
      description:
        'Prices of one region, by region name: any price above; what a region does not give comes from the table above.',
      type: 'object',
      additionalProperties: {
        description: 'Prices of this region.',
        type: 'object',
        additionalProperties: false,
        properties: regionPrices(' in this region'),
      },
    },
  },
};
