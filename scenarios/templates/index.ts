// The starter scenarios `vaultsim init` writes. Their text lives in TypeScript string
// constants (not .yaml files) so the compiled CLI in dist/ carries them.

import { ENHANCED_HOURLY } from './enhanced-hourly.js';
import { FILE_SHARES } from './file-shares.js';
import { MABS } from './mabs.js';
import { MINIMAL } from './minimal.js';
import { RANSOMWARE } from './ransomware.js';
import { REGION_OUTAGE } from './region-outage.js';
import { RETENTION_COMPARISON } from './retention-comparison.js';
import { SQL_IN_VM } from './sql-in-vm.js';

/**
 * The `$schema` the templates' first line names: where the shipped schema is when vaultsim
 * is installed in the project (`vaultsim init` writes the path from the file it writes).
 */
export const TEMPLATE_SCHEMA = './node_modules/vaultsim/scenarios/scenario.schema.json';

/** One starter scenario: its name, what it shows, its module and its YAML text. */
export interface Template {
  name: string;
  description: string;
  /** The module under scenarios/templates/ holding the text, for whoever edits it. */
  file: string;
  text: string;
}

/** Every template, the default first. */
export const TEMPLATES: readonly Template[] = [
  {
    name: 'retention-comparison',
    description: 'two GFS retention policies compared as variants over a small fleet with a GRS vault',
    file: 'retention-comparison.ts',
    text: RETENTION_COMPARISON,
  },
  {
    name: 'enhanced-hourly',
    description: 'an Enhanced policy taking a recovery point every 4 hours',
    file: 'enhanced-hourly.ts',
    text: ENHANCED_HOURLY,
  },
  {
    name: 'region-outage',
    description:
      'a region outage: Site Recovery failover in a recovery plan, Cross Region Restore, objectives',
    file: 'region-outage.ts',
    text: REGION_OUTAGE,
  },
  {
    name: 'ransomware',
    description:
      'ransomware with backup deletion: an attacker meets soft delete, immutability and multi-user authorization',
    file: 'ransomware.ts',
    text: RANSOMWARE,
  },
  {
    name: 'sql-in-vm',
    description:
      'SQL Server databases in Azure VMs: weekly fulls, daily differentials, 15-minute logs, point-in-time restore in an outage',
    file: 'sql-in-vm.ts',
    text: SQL_IN_VM,
  },
  {
    name: 'file-shares',
    description:
      'Azure file shares: snapshots every 4 hours (snapshot tier), a vaulted policy, item and whole-share restores',
    file: 'file-shares.ts',
    text: FILE_SHARES,
  },
  {
    name: 'mabs',
    description:
      'Azure Backup Server: file and SQL servers to disk, then online twice a day over a throttled WAN; offline 16 days; server lost',
    file: 'mabs.ts',
    text: MABS,
  },
  {
    name: 'minimal',
    description: 'one VM with one disk backed up daily; everything else defaulted',
    file: 'minimal.ts',
    text: MINIMAL,
  },
];

/** The template `vaultsim init` uses when none is named. */
export const DEFAULT_TEMPLATE = 'retention-comparison';

/** The template called `name`, or undefined. */
export function findTemplate(name: string): Template | undefined {
  return TEMPLATES.find((t) => t.name === name);
}
