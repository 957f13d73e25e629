// Schema for disaster recovery: Site Recovery replication (a fleet group's `replicate`),
// `events` (faults and drills), `recoveryPlans`, and `recovery` (how recovery is run).
// Rules: docs/reference.md §2, §5.

import { OPERATION_EVENTS, VM_TARGETS } from './operations.js';
import { RESTORE_EVENTS } from './restore.js';
import { quantityOrDistribution, type SchemaNode, unit } from './units.js';

/** `fleet[].replicate` — Azure-to-Azure Site Recovery replication of the group's VMs. */
export const REPLICATE: SchemaNode = {
  description: 'Azure Site Recovery (Azure-to-Azure) replication of these VMs to another region.',
  type: 'object',
  required: ['to'],
  additionalProperties: false,
  properties: {
    to: unit('name', 'Target region (usually the pair); a failover brings the VM up there.'),
    bandwidth: unit(
      'bandwidth',
      'Upload capacity for each VM’s changes (default: the Site Recovery churn limit, 54 MB/s or 100 MB/s with highChurn).',
    ),
    retention: unit('duration', 'Recovery-point retention, 0s to 15d (default 1d, §5.1).'),
    appConsistentEvery: unit(
      'duration',
      'App-consistent snapshot interval, at least 1h and less than the retention (default: off).',
    ),
    highChurn: {
      description: 'The High Churn option: up to 100 MB/s per VM instead of 54 MB/s (default false).',
      type: 'boolean',
    },
    initialSync: {
      description:
        'Start with a full initial replication at the scenario start (default false: already in sync).',
      type: 'boolean',
    },
    group: unit('name', 'Replication group for multi-VM consistency (up to 16 VMs share recovery points).'),
  },
};

const targeted = (description: string, extra: Record<string, SchemaNode> = {}, required: string[] = []) => ({
  description: `${description} Name the VMs with vms or group.`,
  type: 'object',
  additionalProperties: false,
  required,
  properties: { ...VM_TARGETS, ...extra },
});

const FOR = quantityOrDistribution('duration', 'How long it lasts: a duration or a distribution of one.');

/** `events:` — faults and drills at given (or drawn) times. */
export const EVENTS: SchemaNode = {
  description:
    'What goes wrong and when: outages, failures, deletions, ransomware, churn spikes, degradations, control-plane loss, DR drills, and operations by an admin or an attacker (stop and resume protection, undelete, policy changes, soft delete, immutability, multi-user authorization). Each event has `at` and exactly one kind.',
  type: 'array',
  items: {
    type: 'object',
    description: 'One event: `at` plus one kind, like { at: 200d, outage: { region: eastus, for: 18h } }.',
    required: ['at'],
    additionalProperties: false,
    properties: {
      at: quantityOrDistribution(
        'duration',
        'When, after the scenario start: a duration, or a distribution drawn once per run.',
      ),
      outage: {
        description: 'A region outage, or a zone outage when zone is given.',
        type: 'object',
        required: ['region', 'for'],
        additionalProperties: false,
        properties: {
          region: unit('name', 'The region that goes down.'),
          zone: {
            description: 'Only this availability zone (1–3).',
            type: 'integer',
            minimum: 1,
            maximum: 3,
          },
          for: FOR,
        },
      },
      vmFailure: targeted('VMs stop and must be recovered (their disks are lost).'),
      diskCorruption: targeted('Disks are corrupted: recovery uses a point from before.'),
      deleteVm: targeted('VMs are deleted by accident.'),
      ransomware: targeted(
        'Ransomware: data written from `at` on is bad, so recovery uses a point from before.',
        {
          detectedAfter: quantityOrDistribution(
            'duration',
            'How long until the encryption is found and the VMs are taken down (default 0s).',
          ),
        },
      ),
      churnSpike: targeted(
        'Extra write rate on each VM for a while (replication backlog grows if it exceeds the bandwidth).',
        { rate: unit('bandwidth', 'Extra write rate per VM, like 40MB/s.'), for: FOR },
        ['rate', 'for'],
      ),
      degrade: {
        description:
          'A link, or Site Recovery replication out of a region, runs at a fraction of its capacity.',
        type: 'object',
        required: ['to', 'for'],
        additionalProperties: false,
        properties: {
          link: unit('name', 'A backup link (from links).'),
          replicationFrom: unit('name', 'Site Recovery replication of VMs in this region.'),
          to: unit('percent', 'Capacity left, like 10%.'),
          for: FOR,
        },
      },
      controlPlane: {
        description: 'Loss of the control plane in a region: failovers and restores there cannot start.',
        type: 'object',
        required: ['region', 'for'],
        additionalProperties: false,
        properties: { region: unit('name', 'The region.'), for: FOR },
      },
      drill: {
        description: 'A test failover of a recovery plan: timed, no effect on production (§5.4).',
        type: 'object',
        required: ['plan'],
        additionalProperties: false,
        properties: { plan: unit('name', 'The recovery plan.') },
      },
      ...OPERATION_EVENTS,
      ...RESTORE_EVENTS,
    },
  },
};

/** `recoveryPlans:` — Site Recovery recovery plans (§5.5). */
export const RECOVERY_PLANS: SchemaNode = {
  description: 'Site Recovery recovery plans: ordered groups of replicated VMs that fail over together.',
  type: 'array',
  items: {
    type: 'object',
    description: 'A recovery plan (up to 100 VMs, up to 7 groups).',
    required: ['name', 'groups'],
    additionalProperties: false,
    properties: {
      name: unit('name', 'Plan name.'),
      pointChoice: {
        description:
          'Recovery point: latest (lowest RPO, 8–10 min more processing), latestProcessed (default), latestAppConsistent.',
        enum: ['latest', 'latestProcessed', 'latestAppConsistent'],
      },
      afterOutage: {
        description:
          'For its VMs short of cores in the target region: once their own region is back, restore them from backup or restart them in place (default: recovery.afterOutage). They fail over sooner if cores free up.',
        enum: ['restore', 'restart'],
      },
      groups: {
        description:
          'Groups in order: a group starts when every VM of the previous one is up; VMs in a group fail over in parallel.',
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          description: 'One group.',
          additionalProperties: false,
          properties: {
            ...VM_TARGETS,
            manual: unit('duration', 'A manual step (pause) before the group starts, like 10m.'),
          },
        },
      },
    },
  },
};

/** `recovery:` — how the people and tools run recovery. */
export const RECOVERY: SchemaNode = {
  description: 'How recovery is run: detection, timings of failover, restore and boot.',
  type: 'object',
  additionalProperties: false,
  properties: {
    detection: unit(
      'duration',
      'From a fault until someone acts (default 15m); an alert with a notify or failover action can make it sooner.',
    ),
    acknowledge: unit(
      'duration',
      'From an alert notification (action notify) to someone acting (default 5m); failover:<plan> actions act at once.',
    ),
    afterOutage: {
      description:
        'When a VM can only wait for its region or zone: restore it from backup once it is back (default), or restart it in place.',
      enum: ['restore', 'restart'],
    },
    boot: quantityOrDistribution('duration', 'VM boot time (default triangular 1m/2m/5m).'),
    failover: quantityOrDistribution(
      'duration',
      'Site Recovery failover of one VM, before boot (default triangular 2m/4m/10m).',
    ),
    latestProcessing: quantityOrDistribution(
      'duration',
      'Extra processing of a failover to "latest" (default uniform 8m–10m, §5.4).',
    ),
    snapshotRestore: quantityOrDistribution(
      'duration',
      'Restore from an instant-restore snapshot, before boot (default triangular 5m/10m/20m).',
    ),
    vaultRestoreOverhead: unit(
      'duration',
      'Queueing and VM creation of a restore from the vault (default 30m).',
    ),
    restoreThroughput: unit(
      'bandwidth',
      'Copy rate of a restore from the vault per disk (default 60MB/s, §1.2).',
    ),
    restoreCapacity: unit(
      'bandwidth',
      'Restore throughput of one vault (and of its copy in the paired region), shared by its concurrent restores; each disk is also capped at restoreThroughput (default 6000MiB/s: 100 disks at 60 MB/s, an assumption).',
    ),
    fileRecovery: {
      description: 'File-level recovery (the iSCSI script, §15.2): mount time and copy speeds.',
      type: 'object',
      additionalProperties: false,
      properties: {
        mount: unit(
          'duration',
          'Downloading and running the script to mount a point, each time (default 10m: an assumption). A mount is valid for 12 hours.',
        ),
        perHour: unit(
          'size',
          'Bytes copied per hour from a vault-tier point (default 1GiB, §15.2: "around 1 GB per hour").',
        ),
        snapshotPerHour: unit(
          'size',
          'Bytes copied per hour from a snapshot-tier point (default 4GiB: an assumption).',
        ),
      },
    },
    rehydration: unit(
      'duration',
      'Archive rehydration before an archived point can be restored (default 15h).',
    ),
    undelete: unit(
      'duration',
      'Undeleting soft-deleted backup data before a restore can use it (default 5m: an assumption).',
    ),
    crossRegionLag: quantityOrDistribution(
      'duration',
      'How long a vault point takes to reach the paired region, drawn per VM and incident; every value within 0s–12h (default uniform 0s–12h: an assumption within §2.2’s "up to 12 hours").',
    ),
    processing: unit('duration', 'Site Recovery: upload to processed recovery point (default 5m, §5.2).'),
    drillCleanupAfter: unit(
      'duration',
      'How long a drill’s test-failover VMs keep running (and are billed) after the drill completes, until cleanup (default 4h: an assumption, the sources give none).',
    ),
  },
};

const SCOPED: SchemaNode = {
  type: 'object',
  description: 'Objectives for one scope: a fleet group, an application (the VMs’ app tag), or a tag value.',
  additionalProperties: false,
  properties: {
    group: unit('name', 'A fleet group.'),
    app: { type: 'string', description: 'An application: VMs whose app tag (else fleet group) is this.' },
    tag: {
      type: 'string',
      description: 'A tag, as key=value, like tier=gold.',
      pattern: '^[A-Za-z0-9_.-]{1,64}=.*$',
    },
    rpo: unit('duration', 'Most data loss allowed.'),
    rto: unit('duration', 'Longest time to recover allowed.'),
  },
};

/** `objectives.per` — objectives per group, application or tag. */
export const SCOPED_OBJECTIVES: SchemaNode = {
  description: 'Objectives for parts of the fleet, each naming one of group, app or tag.',
  type: 'array',
  items: SCOPED,
};
