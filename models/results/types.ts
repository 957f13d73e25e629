// The result of one run, as plain JSON-safe data with a fixed key order. Reports read
// these types; nothing here is computed lazily.

import type { BackupReportsResult } from '../backup-reports/types.js';
import type { ScheduleFigure } from '../dr/schedule.js';
import type {
  CostDimension,
  CostLine,
  CostShare,
  CostSummary,
  MonthCost,
  PriceCitation,
} from '../pricing/types.js';
import type { OperationsResult } from './operations.js';
import type { RestoresResult } from './restores.js';
import type { WorkloadsResult } from './workloads.js';

/** Bytes per storage tier. */
export interface TierBytes {
  snapshot: number;
  standard: number;
  archive: number;
  softDeleted: number;
}

/** Recovery points: instant-restore snapshots, vault points (standard and archive), and GFS memberships. */
export interface PointCounts {
  snapshot: number;
  vault: number;
  archive: number;
  daily: number;
  weekly: number;
  monthly: number;
  yearly: number;
  onDemand: number;
}

/** Per-day samples of one vault (entry k is taken at the end of day k of the run). */
export interface VaultDaily {
  day: number[];
  snapshot: number[];
  standard: number[];
  archive: number[];
  softDeleted: number[];
  snapshotPoints: number[];
  vaultPoints: number[];
  archivePoints: number[];
}

/** One vault's storage and recovery points. */
export interface VaultResult {
  name: string;
  region: string;
  redundancy: string;
  crossRegionRestore: boolean;
  items: number;
  storage: { end: TierBytes; peak: TierBytes };
  points: { end: PointCounts; peak: PointCounts };
  daily: VaultDaily;
}

/** Summary statistics of a sample. */
export interface Summary5 {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** What a job group protects: Azure VMs, MARS servers, or (issue 17) SQL databases, file shares, MABS/DPM machines. */
export type JobKind = 'azure-vm' | 'mars' | 'sql' | 'files' | 'dpm';

/** Backup jobs of one policy (or of one group of MARS servers, or a workload group of issue 17). */
export interface JobResult {
  policy: string;
  kind: JobKind;
  items: number;
  scheduled: number;
  attempts: number;
  succeeded: number;
  failed: number;
  failedByCause: Record<string, number>;
  retried: number;
  snapshots: number;
  vaultTransfers: number;
  bytesTransferred: number;
  /** Vault-transfer durations, seconds. */
  transferSeconds: Summary5;
  /** Time between an item's consecutive recovery points (snapshot instants), seconds: the data a failure just before a backup would lose. */
  rpoExposureSeconds: Summary5;
  points: { end: PointCounts; peak: PointCounts };
  /** Per-day job outcomes: entry k counts the attempts that succeeded or failed during day `day[k]`. */
  daily: { day: number[]; succeeded: number[]; failed: number[] };
}

/** Cost of the run: every charge as a line, per month by meter, totals, and splits. */
export interface CostResult {
  currency: string;
  months: MonthCost[];
  summary: CostSummary;
  /** Every charge, by month, then meter, then resource (see CostLine). */
  lines: CostLine[];
  /** Per dimension, each key's cost over the run, largest first (ties by key); each adds up to the total. */
  by: Record<CostDimension, CostShare[]>;
  /** The price-table entries the lines used, by path. */
  prices: PriceCitation[];
  /** Things a reader of the bill should know once (e.g. regions priced at the default table). */
  notes: string[];
}

/** Everything one run produced. */
export interface RunResult {
  scenario: string;
  variant: string;
  seed: number;
  start: string;
  end: string;
  days: number;
  eventsProcessed: number;
  fingerprint: string;
  vaults: VaultResult[];
  storage: { end: TierBytes; peak: TierBytes; diskSnapshots: { end: number; peak: number } };
  /** Disks that growth filled during the run (their used bytes stay at their size from then on); empty when none. */
  diskFull: DiskFull[];
  jobs: JobResult[];
  cost: CostResult;
  /** Disaster recovery, or null when the scenario has no faults, replication or drills. */
  dr: DrResult | null;
  /** Objectives judged (empty when none are set). */
  objectives: ObjectiveResult[];
  /** Alert rules and their timeline, or null when the scenario has no monitor section. */
  alerts: AlertsResult | null;
  /** Per Azure VM policy, the vault points its first protected item keeps at the end of the run. */
  kept: KeptPoints[];
  /** Per VM, what its protection schedule guarantees (not in summary.json: `vaultsim explain rpo` shows it). */
  guarantees: ScheduleFigure[];
  /** Operations by an admin or an attacker (issue 14); present only when the scenario has some. */
  operations?: OperationsResult;
  /** SQL Server in Azure VMs, file shares, MABS/DPM (issue 17); present only when the scenario has some. */
  workloads?: WorkloadsResult;
  /** Backup Reports' views of the diagnostic tables (issue 19); present only when the scenario has `diagnostics:`. */
  backupReports?: BackupReportsResult;
  /** Restore jobs: users' restores, restore drills and disaster recovery's restores (issue 18); present only when any ran. */
  restores?: RestoresResult;
}

/** A disk of a fleet group that growth filled: from `from` on, its VMs' used bytes stay at `size`. */
export interface DiskFull {
  group: string;
  disk: string;
  /** VMs of the group with this disk full from this instant. */
  vms: number;
  /** The disk's provisioned size, bytes. */
  size: number;
  /** When it became full: an ISO-8601 UTC instant within the run. */
  from: string;
}

/** The recovery points one item keeps at the end of a run: the "what does my policy keep" view. */
export interface KeptPoints {
  policy: string;
  /** The item (VM id) whose points these are. */
  item: string;
  /**
   * Oldest first. `at` and `expires` are ISO-8601 in the policy's time zone with its UTC offset
   * (so the date part is the policy's calendar date); `tiers` are the GFS tiers still keeping
   * the point, shortest first, or ['on-demand'].
   */
  points: { at: string; tiers: string[]; expires: string }[];
}

// ---------------------------------------------------------------------------------------
// Disaster recovery (issue 5) and alerts (issue 6). Instants are ISO-8601 strings,
// durations are seconds, sizes bytes.

/** Where a recovery point lived when it was used. */
export type PointSource = 'asr-crash' | 'asr-app' | 'snapshot' | 'vault' | 'archive' | 'secondary-vault';

/** How a VM came back. */
export type RecoveryPath =
  | 'failover'
  | 'restore-snapshot'
  | 'restore-vault'
  | 'restore-archive'
  | 'cross-region-restore'
  | 'restart-in-place'
  | 'unrecovered';

/** Where an incident's RTO went, in seconds; the four phases add up to the RTO. */
export interface RtoPhases {
  /** Fault until someone (or an alert's action) acts. */
  detection: number;
  /** Waiting: for the region, the control plane, earlier recovery-plan groups, manual steps, cores. */
  waiting: number;
  /** Restore or failover work (data copy, processing). */
  recovery: number;
  /** VM boot. */
  boot: number;
}

/** One VM's recovery from one incident. */
export interface VmRecovery {
  vm: string;
  group: string;
  /** The application the VM belongs to (its `app` tag, else its fleet group). */
  app: string;
  path: RecoveryPath;
  /** The recovery point used, or null (restart in place, or nothing to recover from). */
  point: { at: string; source: PointSource; region: string } | null;
  /** Achieved RPO: last good data until the point used, seconds; 0 when nothing was lost; null when unrecovered. */
  rpoSeconds: number | null;
  /** Achieved RTO: fault until the VM runs again, seconds; null when unrecovered by the end of the run. */
  rtoSeconds: number | null;
  phases: RtoPhases;
  /** Bytes written after the point used and before the fault (lost). */
  dataLostBytes: number;
  recoveredAt: string | null;
  /** The region the VM runs in afterwards. */
  region: string;
  /** Why this path, or why it failed (e.g. "short of cores in westus"). */
  note: string;
  /** After a failover: reprotect back to the source region (§5.7 formula) and failback (§5.4), seconds; else null. */
  reprotect: { reprotectSeconds: number; failbackSeconds: number } | null;
  /** What protects the VM once it is back (null: unrecovered). */
  afterwards: ProtectionAfter | null;
}

/** What protects a recovered VM where it runs afterwards (issue 15). */
export interface ProtectionAfter {
  /**
   * Site Recovery replication from where it runs to `to`, protecting it again from `from`
   * (reprotect: after a failover, once the §5.7 reprotect is done; resume: a restart in place;
   * enable: a restored VM, after a full initial replication; continues: it never stopped);
   * `from` null when not within the run. Null when the VM is not replicated.
   */
  replication: {
    to: string;
    from: string | null;
    why: 'reprotect' | 'resume' | 'enable' | 'continues';
  } | null;
  /** The vault backing it up where it runs, from when it is back (its next scheduled backup follows); null: unprotected by backup there. */
  backup: { vault: string; from: string } | null;
  /** What is missing and why ('' when nothing is). */
  note: string;
}

/** A fault that took VMs down, and how each came back. */
export interface Incident {
  id: string;
  kind: 'region-outage' | 'zone-outage' | 'vm-failure' | 'disk-corruption' | 'vm-deletion' | 'ransomware';
  /** When the fault happened (ransomware: when bad data started to be written). */
  at: string;
  /** When the fault ended (outages), else null. */
  end: string | null;
  /** What it hit: a region, region/zone, or VM ids. */
  scope: string;
  /** When recovery was decided on. */
  detectedAt: string;
  /** What started recovery: "the detection delay", or "alert <rule>". */
  detectedBy: string;
  vms: VmRecovery[];
}

/** A test failover (drill) of a recovery plan: timing only, production unaffected. */
export interface DrillResult {
  plan: string;
  at: string;
  rtoSeconds: number;
  groups: { index: number; vms: number; startSeconds: number; endSeconds: number }[];
}

/** Site Recovery replication of one fleet group. */
export interface ReplicationGroupResult {
  group: string;
  vms: number;
  /** Per-VM peak data age of the latest recoverable point (the RPO a failover would get), seconds. */
  peakRpoSeconds: Summary5;
  /** VMs whose churn went over the Site Recovery churn limit at some point. */
  overLimit: string[];
  /** The RPO the planner figures use: the strictest RPO objective covering a VM of the group, else 15 min (§6's default). */
  rpoTargetSeconds: number;
  /** Least upload bandwidth per VM (bytes/s) that keeps every VM's data age within the target all the time, or null when the churn limit is not enough. */
  bandwidthForTarget: number | null;
  /** VM-days whose peak data age exceeded the target at the configured bandwidth. */
  daysOverTarget: number;
  /** Entry k: end of day k; the worst VM's peak RPO during that day, seconds. */
  daily: { day: number[]; maxRpoSeconds: number[] };
}

/** One age band of §5.1's pruning (ages before the latest point) and the points kept in it. */
export interface ReplicaPointBand {
  /** Youngest age in the band, seconds (exclusive, except 0). */
  fromSeconds: number;
  /** Oldest age in the band, seconds (inclusive). */
  toSeconds: number;
  /** One point kept per this many seconds, or null when every point is kept. */
  oneEverySeconds: number | null;
  crashConsistent: number;
  appConsistent: number;
}

/** The Site Recovery recovery points one replicated VM holds at an instant (docs/reference.md §5.1). */
export interface ReplicaPoints {
  vm: string;
  group: string;
  /** The instant they are counted at. */
  at: string;
  /** Points a failover could select, by kind; a point on both grids counts as app-consistent. */
  crashConsistent: number;
  appConsistent: number;
  /** The oldest and the latest point kept, or null when there is none. */
  oldest: string | null;
  latest: string | null;
  /** Per age band of the pruning, the points kept. */
  bands: ReplicaPointBand[];
  /** When replication stopped for good before `at` (failover, lost VM): the points are those it left; else null. */
  stoppedAt: string | null;
}

/** RPO/RTO distribution of one group across incidents. */
export interface RecoveryStats {
  group: string;
  recoveries: number;
  unrecovered: number;
  rpoSeconds: Summary5;
  rtoSeconds: Summary5;
}

/** Everything disaster recovery produced in a run. */
export interface DrResult {
  incidents: Incident[];
  drills: DrillResult[];
  replication: ReplicationGroupResult[];
  byGroup: RecoveryStats[];
  /** The worst recoveries (longest RTO, then RPO), at most 10. */
  worst: { vm: string; incident: string; rpoSeconds: number | null; rtoSeconds: number | null }[];
  /** Per replicated VM, in fleet order, the Site Recovery points it holds at the end of the run. */
  points: ReplicaPoints[];
  /** Faults whose drawn time fell at or after the end of the run: they did not happen in it. */
  pastEnd: { event: number; kind: string; at: string }[];
}

/** One objective judged over one scope. */
export interface ObjectiveResult {
  /** 'all', 'group:<name>', 'tag:<key>=<value>' or 'app:<name>'. */
  scope: string;
  /** rpo, rto, or restore-test: the restore drills' durations (issue 18; judged on drills only). */
  metric: 'rpo' | 'rto' | 'restore-test';
  targetSeconds: number;
  /** The worst figure achieved in incidents in scope, seconds (null: unrecovered, counts as a failure). */
  worstSeconds: number | null;
  /** VM recoveries judged (in incidents). */
  judged: number;
  /** VM recoveries that broke the objective. */
  failed: number;
  /** VMs that broke either judgement: all of them (`failing` lists at most 20). */
  failedVms: number;
  /** Both judgements hold (a skipped objective has pass true and status 'skip'). */
  pass: boolean;
  /** 'fail' when either judgement breaks it; 'skip' only when neither had anything to judge. */
  status: 'pass' | 'fail' | 'skip';
  /** VM ids that failed either judgement, sorted, at most 20. */
  failing: string[];
  /** What the schedule guarantees and what the incidents achieved, in sentences a human can check. */
  evidence: string;
  /** The judgement against what the schedule guarantees for every VM in scope. */
  schedule: {
    /** VMs in scope judged. */
    judged: number;
    /** VMs whose guaranteed figure breaks the objective (unprotected VMs included). */
    failed: number;
    /** The worst guaranteed figure, seconds (null: a VM in scope is unprotected). */
    worstSeconds: number | null;
    /** The VM with the worst guaranteed figure. */
    worstVm: string | null;
    /** VM ids that fail, sorted, at most 20. */
    failing: string[];
    evidence: string;
  };
}

/** One firing of an alert rule's instance (one time series). */
export interface AlertFiring {
  rule: string;
  /** The instance's dimension values, keys sorted. */
  instance: Record<string, string>;
  severity: 0 | 1 | 2 | 3 | 4;
  firedAt: string;
  resolvedAt: string | null;
}

/** One alert rule's behaviour over a run. */
export interface AlertRuleResult {
  rule: string;
  kind: 'metric' | 'log' | 'built-in';
  severity: 0 | 1 | 2 | 3 | 4;
  fired: number;
  resolved: number;
  notificationsSent: number;
  suppressedByRateLimit: number;
  suppressedByProcessingRule: number;
  /** Seconds from the fault that triggered the first firing to its first notification, or null. */
  firstNotificationAfterFaultSeconds: number | null;
}

/** Alerts over a run: per rule, and the full timeline ordered by firedAt, rule, instance. */
export interface AlertsResult {
  rules: AlertRuleResult[];
  timeline: AlertFiring[];
}
