// The daily diagnostic tables a log alert rule can read (issue 19; docs/reference.md
// §16.1–16.2), as models/signals.ts catalogues every signal: written only when the scenario's
// `diagnostics:` sends them (models/logs/diagnostics.ts).

/** Azure Backup's items, vaults and their associations: daily. */
export const CORE_TABLE = 'CoreAzureBackup';
/** Azure Backup's storage consumed, per vault and per item: daily. */
export const STORAGE_TABLE = 'AddonAzureBackupStorage';
/** Azure Backup's protected instances (the billing quantity): daily. */
export const INSTANCE_TABLE = 'AddonAzureBackupProtectedInstance';
/** Azure Backup's policies: daily. */
export const POLICY_TABLE = 'AddonAzureBackupPolicy';
