// Schema for `diagnostics:` (issue 19): which vaults send which Log Analytics tables in
// resource-specific mode (docs/reference.md §16), the workspace's retention and
// ingestion latency, and the Backup Reports' conventions (§16.3). Table names are checked by
// scenarios/normalise/diagnostics.ts, so a misspelt one gets "did you mean".

import { quantityOrDistribution, type SchemaNode, unit } from './units.js';

const TABLE_LIST = (description: string): SchemaNode => ({
  description,
  type: 'array',
  uniqueItems: true,
  items: { type: 'string', minLength: 1, description: 'A table name.' },
});

const COUNT = (description: string): SchemaNode => ({ description, type: 'integer', minimum: 0 });

/** `diagnostics:` — the tables the estate writes to a Log Analytics workspace. */
export const DIAGNOSTICS: SchemaNode = {
  description:
    'Diagnostic settings: the Log Analytics tables vaults and Site Recovery write (resource-specific mode), which `run --format logs`, `vaultsim query`, KQL alert rules and the Backup Reports read.',
  type: 'object',
  additionalProperties: false,
  properties: {
    vaults: {
      description:
        'Per vault, the Azure Backup tables it sends (default: every vault, every Azure Backup table).',
      type: 'array',
      items: {
        type: 'object',
        description: 'One vault’s diagnostic setting.',
        required: ['vault'],
        additionalProperties: false,
        properties: {
          vault: unit('name', 'The vault.'),
          tables: TABLE_LIST(
            'CoreAzureBackup, AddonAzureBackupJobs, AddonAzureBackupPolicy, AddonAzureBackupStorage, AddonAzureBackupProtectedInstance (default: all five).',
          ),
          mode: {
            description: 'resource-specific (the only mode vaultsim writes; the Backup Reports need it).',
            type: 'string',
            minLength: 1,
          },
        },
      },
    },
    siteRecovery: TABLE_LIST(
      'Site Recovery tables sent: ASRJobs, ASRReplicatedItems (default: both when the scenario replicates VMs).',
    ),
    retention: unit(
      'duration',
      'The workspace’s data retention (default 30d, §9): older rows are gone at the end of the run.',
    ),
    latency: quantityOrDistribution(
      'duration',
      'From a row’s push until the workspace (and a log alert rule) has it (default uniform 20m–30m, §16.2).',
    ),
    reports: {
      description: 'Backup Reports’ settings (§16.3).',
      type: 'object',
      additionalProperties: false,
      properties: {
        range: unit(
          'duration',
          'Time range: the last N completed days, whole days (default: all the workspace keeps).',
        ),
        inactiveAfter: unit(
          'duration',
          'Optimize: no recovery point for this long makes an item inactive (default 7d).',
        ),
        retentionAbove: {
          description:
            'Optimize: list items whose policy keeps more than these (default daily 30, weekly 12, monthly 12, yearly 1).',
          type: 'object',
          additionalProperties: false,
          properties: {
            daily: COUNT('Daily points (days).'),
            weekly: COUNT('Weekly points (weeks).'),
            monthly: COUNT('Monthly points (months).'),
            yearly: COUNT('Yearly points (years).'),
          },
        },
      },
    },
  },
};
