// Schema for Azure Backup Server (MABS) and System Center DPM servers (docs/reference.md §3;
// docs/reference.md §14): protection groups of on-premises machines with short-term
// (disk) and online (vault) goals. Azure's limits are checked by the normaliser
// (scenarios/normalise/dpm.ts) so that the message can cite them.

import { DATA_CHURN } from './churn.js';
import { NETWORK } from './mars.js';
import { RETENTION } from './policies.js';
import { type SchemaNode, unit } from './units.js';

const PROTECTION_GROUP: SchemaNode = {
  type: 'object',
  description: 'A protection group: identical machines with the same disk and online goals.',
  required: ['name', 'workload', 'machines', 'data', 'disk', 'online'],
  additionalProperties: false,
  properties: {
    name: unit('name', 'Group name; machines are named <server>/<name>-001, …'),
    workload: {
      description:
        'What the machines are: files (file servers, at most 64 disk points), sql or hyper-v (applications, at most 448).',
      enum: ['files', 'sql', 'hyper-v'],
    },
    machines: { description: 'How many machines.', type: 'integer', minimum: 1, maximum: 2000 },
    data: unit('size', 'Data protected on each machine, like 500GiB.'),
    churn: DATA_CHURN,
    growth: unit('percent', 'Yearly growth of the data (default 0%).'),
    disk: {
      description:
        "Short-term goals: synchronise to the server's disk every `sync`, keep disk points `retention`.",
      type: 'object',
      required: ['sync', 'retention'],
      additionalProperties: false,
      properties: {
        sync: unit(
          'duration',
          'Synchronisation frequency: 15m, 30m, 45m, 1h, 2h, 4h, 6h, 12h or 24h (files and hyper-v: 1h or more).',
        ),
        retention: unit('duration', 'How long disk recovery points are kept, in whole days.'),
      },
    },
    online: {
      description: 'Online backups to the vault: at most twice a day, from the latest disk point.',
      type: 'object',
      required: ['times', 'retention'],
      additionalProperties: false,
      properties: {
        times: {
          description: 'Local times, at most two a day, like ["12:00", "22:00"].',
          type: 'array',
          minItems: 1,
          uniqueItems: true,
          items: { $ref: '#/$defs/timeOfDay' },
        },
        timeZone: unit('timeZone', 'Time zone of the times (default UTC).'),
        retention: RETENTION,
      },
    },
  },
};

/** `backupServers:` — MABS and DPM servers protecting on-premises machines. */
export const BACKUP_SERVERS: SchemaNode = {
  description:
    "Azure Backup Server (MABS) or System Center DPM servers: machines backed up to the server's disk, then to a vault.",
  type: 'array',
  items: {
    type: 'object',
    description: 'A group of identical servers.',
    required: ['name', 'vault', 'protectionGroups'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Group name; servers are named <name>-001, …'),
      kind: {
        description: 'mabs (Azure Backup Server, the default) or dpm (System Center DPM).',
        enum: ['mabs', 'dpm'],
      },
      count: { description: 'How many servers (default 1).', type: 'integer', minimum: 1, maximum: 1000 },
      vault: unit('name', 'Vault the online backups go to.'),
      compression: unit(
        'percent',
        'How much compression shrinks what goes to the vault (default 0%: none assumed).',
      ),
      network: NETWORK,
      protectionGroups: {
        description: 'The protection groups of each server.',
        type: 'array',
        minItems: 1,
        items: PROTECTION_GROUP,
      },
      offline: {
        description: 'Windows without connectivity to Azure Backup.',
        type: 'array',
        items: {
          type: 'object',
          required: ['at', 'for'],
          additionalProperties: false,
          properties: {
            at: unit('duration', 'When connectivity is lost, after the start.'),
            for: unit('duration', 'For how long.'),
          },
        },
      },
      lost: unit('duration', 'When the server is lost (its disk points with it), after the start.'),
    },
  },
};
