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

/** `pricing:` — overrides of the default list prices (USD, secondary sources; see docs/model.md). */
export const PRICING: SchemaNode = {
  description:
    'Overrides of the default list prices; every price is per month (storage per GB-month, GB = 2^30 bytes).',
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: {
      description: 'ISO 4217 currency code of the prices (default USD).',
      type: 'string',
      pattern: '^[A-Z]{3}$',
    },
    protectedInstance: {
      description: 'Protected-instance fee: a small fee up to smallMaxGB, else perBlock per started blockGB.',
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
      description:
        'Vault-standard storage per GB-month by redundancy (RA-GRS applies with Cross Region Restore).',
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
    softDeleteFreeDays: price('Days of soft delete that cost nothing (default 14).'),
    archiveEarlyDeletionDays: price(
      'Days a point must stay in archive to avoid an early-deletion charge (default 180).',
    ),
    asrPerInstance: price('Azure Site Recovery per protected instance-month (default 25).'),
  },
};
