// JSON Schema nodes of summary.json's disaster-recovery part (`dr`) and judged `objectives`,
// used by reports/summary.schema.ts.

import { int, type JsonSchema, list, nullable, num, obj, str } from './schema-nodes.js';

const instant = (description: string): JsonSchema => ({
  description,
  type: 'string',
  pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$',
});
const secs = (description: string) => num(`${description}, seconds.`);
const five = (description: string): JsonSchema => ({ description, $ref: '#/$defs/summary5' });

const RECOVERY = obj('How one VM came back from one incident.', {
  vm: str('VM id.'),
  group: str('Fleet group.'),
  app: str('Application: the app tag, else the fleet group.'),
  path: {
    description: 'How it came back.',
    enum: [
      'failover',
      'restore-snapshot',
      'restore-vault',
      'restore-archive',
      'cross-region-restore',
      'restart-in-place',
      'unrecovered',
    ],
  },
  point: nullable(
    obj('The recovery point used.', {
      at: instant('The point’s data instant.'),
      source: {
        description: 'Where the point lived.',
        enum: ['asr-crash', 'asr-app', 'snapshot', 'vault', 'archive', 'secondary-vault'],
      },
      region: str('Region the point was restored or failed over into.'),
    }),
  ),
  rpoSeconds: nullable(secs('Achieved RPO: last good data until the point')),
  rtoSeconds: nullable(secs('Achieved RTO: fault (or ransomware discovery) until running again')),
  phases: obj('Where the RTO went (the four add up to it), seconds.', {
    detection: secs('Until someone acted'),
    waiting: secs('Waiting for the region, the control plane, earlier plan groups, manual steps'),
    recovery: secs('Restore or failover work'),
    boot: secs('VM boot'),
  }),
  dataLostBytes: int('Bytes written after the point and before the fault.'),
  recoveredAt: nullable(instant('When the VM ran again.')),
  region: str('Region the VM runs in afterwards.'),
  note: str('Why this path, or why it failed.'),
  reprotect: nullable(
    obj('After a failover: reprotect to the source region and failback.', {
      reprotectSeconds: secs(
        'Reprotect by the Site Recovery formula (checksum + 23% transfer + processing + auto-scale)',
      ),
      failbackSeconds: secs('Failback, about as long as the failover'),
    }),
  ),
  afterwards: nullable(
    obj('What protects the VM once it is back.', {
      replication: nullable(
        obj('Site Recovery replication from where it runs now.', {
          to: str('Region a failover would now bring it up in.'),
          from: nullable(instant('When it is protected again (null: not within the run).')),
          why: {
            description:
              'reprotect (after a failover, §5.7), resume (restart in place), enable (a restored VM, after a full initial replication), continues (never stopped).',
            enum: ['reprotect', 'resume', 'enable', 'continues'],
          },
        }),
      ),
      backup: nullable(
        obj('The vault backing it up where it runs (null: unprotected by backup there).', {
          vault: str('Vault.'),
          from: instant('From when (its next scheduled backup follows).'),
        }),
      ),
      note: str('What is missing and why, or empty.'),
    }),
  ),
});

const INCIDENT = obj('A fault that took VMs down.', {
  id: str('Incident id: kind and position in the scenario’s events.'),
  kind: {
    description: 'What happened.',
    enum: ['region-outage', 'zone-outage', 'vm-failure', 'disk-corruption', 'vm-deletion', 'ransomware'],
  },
  at: instant('When it happened (ransomware: when bad data started).'),
  end: nullable(instant('When an outage ended.')),
  scope: str('What it hit.'),
  detectedAt: instant('When recovery was decided on.'),
  detectedBy: str('What started recovery: "the detection delay", or "alert <rule>".'),
  vms: list('Every VM it took down, by id.', RECOVERY),
});

const DRILL = obj('A test failover of a recovery plan.', {
  plan: str('Recovery plan.'),
  at: instant('When it ran.'),
  rtoSeconds: secs('Start to the last VM up'),
  groups: list(
    'Groups in order.',
    obj('One group of the drill.', {
      index: int('Group number, from 1.'),
      vms: int('VMs in the group.'),
      startSeconds: secs('Start after the drill began'),
      endSeconds: secs('Last VM up after the drill began'),
    }),
  ),
});

const POINTS = obj(
  'The Site Recovery recovery points one replicated VM holds at the end of the run (§5.1).',
  {
    vm: str('VM id.'),
    group: str('Fleet group.'),
    at: instant('The instant they are counted at.'),
    crashConsistent: int('Crash-consistent points a failover could select.'),
    appConsistent: int('App-consistent points a failover could select (a point on both grids counts here).'),
    oldest: nullable(instant('The oldest point kept.')),
    latest: nullable(instant('The latest point.')),
    bands: list(
      'The points per age band of the §5.1 pruning, youngest first.',
      obj('One age band: ages before the latest point in (from, to], 0 included in the first.', {
        fromSeconds: secs('Youngest age in the band'),
        toSeconds: secs('Oldest age in the band'),
        oneEverySeconds: nullable(secs('One point kept per this interval (null: every point)')),
        crashConsistent: int('Crash-consistent points in the band.'),
        appConsistent: int('App-consistent points in the band.'),
      }),
    ),
    stoppedAt: nullable(
      instant('When replication stopped for good (failover, lost VM): the points are those it left.'),
    ),
  },
);

/** The `dr` node of a run, or null. */
export const DR_SCHEMA: JsonSchema = nullable(
  obj(
    'Disaster recovery: incidents, drills, replication, RPO/RTO per group; null when the scenario has none.',
    {
      incidents: list('Incidents in the order they happened.', INCIDENT),
      pastEnd: list(
        'Faults whose drawn time fell at or after the end of the run, so they did not happen in it (a load warning, draw-beyond-horizon, says it can).',
        obj('One fault that did not happen.', {
          event: int('Its index in the scenario events list (0-based).'),
          kind: str('The fault kind, like region-outage.'),
          at: str('The instant drawn (UTC).'),
        }),
      ),
      drills: list('Drills in the order they ran.', DRILL),
      replication: list(
        'Site Recovery replication per fleet group.',
        obj('Replication of one fleet group.', {
          group: str('Fleet group.'),
          vms: int('Replicated VMs.'),
          peakRpoSeconds: five('Per-VM peak data age of the latest recoverable point, seconds.'),
          overLimit: list('VMs whose writes exceeded the Site Recovery churn limit.', str('VM id.')),
          rpoTargetSeconds: secs(
            'The RPO the planner figures use: the strictest RPO objective covering a VM of the group, else 15 min',
          ),
          bandwidthForTarget: nullable(
            int(
              'Least upload bandwidth per VM, bytes/s, that keeps the data age within the target all run (null: beyond the churn limit).',
            ),
          ),
          daysOverTarget: int('VM-days whose peak data age exceeded the target at the configured bandwidth.'),
        }),
      ),
      byGroup: list(
        'RPO/RTO per fleet group over all incidents.',
        obj('One group’s recoveries.', {
          group: str('Fleet group.'),
          recoveries: int('VM recoveries.'),
          unrecovered: int('VMs not back by the end of the run.'),
          rpoSeconds: five('Achieved RPO of the recovered VMs, seconds.'),
          rtoSeconds: five('Achieved RTO of the recovered VMs, seconds.'),
        }),
      ),
      worst: list(
        'The worst recoveries: longest RTO, then RPO (at most 10).',
        obj('One recovery.', {
          vm: str('VM id.'),
          incident: str('Incident id.'),
          rpoSeconds: nullable(secs('Achieved RPO')),
          rtoSeconds: nullable(secs('Achieved RTO')),
        }),
      ),
      points: list('Per replicated VM, in fleet order, its Site Recovery points at the end.', POINTS),
    },
  ),
);

/** The `objectives` node of a run. */
export const OBJECTIVES_SCHEMA: JsonSchema = list(
  'Objectives judged: per scope and metric (RPO, RTO); empty when none are set.',
  obj('One objective over one scope.', {
    scope: str('all, group:<name>, app:<name> or tag:<key>=<value>.'),
    metric: {
      description: 'Which objective: RPO, RTO, or restore-test (the restore drills, issue 18).',
      enum: ['rpo', 'rto', 'restore-test'],
    },
    targetSeconds: secs('The objective'),
    worstSeconds: nullable(
      secs('Worst achieved in incidents in scope (null: nothing judged, or a VM never recovered)'),
    ),
    judged: int('VM recoveries judged in incidents.'),
    failed: int('Recoveries that broke it.'),
    failedVms: int('VMs that broke either judgement, all of them (failing lists at most 20).'),
    pass: {
      description: 'Whether both judgements hold: what the schedule guarantees and what incidents achieved.',
      type: 'boolean',
    },
    status: {
      description: "'fail' when either judgement breaks it; 'skip' only when neither had anything to judge.",
      enum: ['pass', 'fail', 'skip'],
    },
    failing: list('VMs that broke either judgement, sorted, at most 20.', str('VM id.')),
    evidence: str(
      'What the schedule guarantees and what incidents achieved, in sentences a human can check.',
    ),
    schedule: obj('The judgement against what the schedule guarantees for every VM in scope.', {
      judged: int('VMs in scope judged.'),
      failed: int('VMs whose guaranteed figure breaks it (unprotected VMs included).'),
      worstSeconds: nullable(
        secs('Worst guaranteed figure (null: a VM in scope is unprotected, or none judged)'),
      ),
      worstVm: { description: 'The VM with the worst guaranteed figure.', type: ['string', 'null'] },
      failing: list('VMs that fail, sorted, at most 20.', str('VM id.')),
      evidence: str('The worst window or recovery time and what bounds it.'),
    }),
  }),
);
