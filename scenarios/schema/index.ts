// The published JSON Schema (draft 2020-12) for scenario files, assembled from one
// module per section. It is the single source of truth: `vaultsim schema` prints it and
// scenarios/scenario.schema.json is a committed copy tested equal to it.

import { DIAGNOSTICS } from './diagnostics.js';
import { BACKUP_SERVERS } from './dpm.js';
import { EVENTS, RECOVERY, RECOVERY_PLANS } from './dr.js';
import { OBJECTIVES, SWEEP, VARIANTS } from './experiment.js';
import { FILE_SHARE_POLICIES, FILE_SHARES } from './files.js';
import { FLEET } from './fleet.js';
import { BACKUP_JOBS, SERVERS } from './mars.js';
import { MONITOR } from './monitor.js';
import { POLICIES } from './policies.js';
import { PRICING } from './pricing.js';
import { RESTORE_TESTS } from './restore.js';
import { SQL_DATABASES, SQL_POLICIES } from './sql.js';
import { LINKS, REGIONS, VAULTS } from './topology.js';
import { type SchemaNode, UNIT_DEFS, unit } from './units.js';

/** The `$id` of the scenario schema; bump the version when the format breaks. */
export const SCENARIO_SCHEMA_ID = 'https://vaultsim.dev/schema/scenario/v1.json';

/** The scenario file's JSON Schema. */
export const SCENARIO_SCHEMA: SchemaNode = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SCENARIO_SCHEMA_ID,
  title: 'vaultsim scenario',
  description:
    'A vaultsim scenario: a fleet, how it is protected, what goes wrong and when, and what is expected. Sizes, durations and bandwidths carry units (128GiB, 4h, 100Mbps).',
  type: 'object',
  required: ['name', 'duration', 'regions'],
  additionalProperties: false,
  properties: {
    name: unit('name', 'Scenario name, used in reports.'),
    description: { description: 'What the scenario is for, in a sentence or two.', type: 'string' },
    seed: {
      description: 'Seed of every random stream (default 1). The same seed gives byte-identical results.',
      type: 'integer',
      minimum: 0,
      maximum: 4294967295,
    },
    start: unit('instant', 'When simulated time starts (default 2026-01-01T00:00:00Z).'),
    duration: unit('duration', 'How long to simulate, like 365d (at most 100 years).'),
    regions: REGIONS,
    vaults: VAULTS,
    links: LINKS,
    policies: POLICIES,
    fleet: FLEET,
    servers: SERVERS,
    sqlPolicies: SQL_POLICIES,
    sqlDatabases: SQL_DATABASES,
    fileSharePolicies: FILE_SHARE_POLICIES,
    fileShares: FILE_SHARES,
    backupServers: BACKUP_SERVERS,
    backupJobs: BACKUP_JOBS,
    pricing: PRICING,
    events: EVENTS,
    recoveryPlans: RECOVERY_PLANS,
    recovery: RECOVERY,
    restoreTests: RESTORE_TESTS,
    monitor: MONITOR,
    diagnostics: DIAGNOSTICS,
    objectives: OBJECTIVES,
    variants: VARIANTS,
    sweep: SWEEP,
  },
  $defs: UNIT_DEFS,
};
