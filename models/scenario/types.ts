// The world a run simulates, as plain typed data: what scenarios/ produces from a YAML
// file (units parsed, defaults filled, fleet groups expanded) and what the models build
// from. Nothing here knows about files or YAML.

import type { Distribution } from '../../engine/distributions.js';
import type { Bytes, BytesPerSec, Millis } from '../../engine/units.js';
import type { MonitorSpec } from '../monitor/types.js';
import type { PriceOverrides } from '../pricing/types.js';
import type { DiagnosticsSpec } from './diagnostics.js';
import type {
  FaultSpec,
  RecoveryPlanSpec,
  RecoverySettings,
  ReplicationPlan,
  ScopedObjective,
} from './dr.js';
import type { OperationSpec, ResourceGuard } from './operations.js';
import type { RestoreSpec, RestoreTestSpec } from './restore.js';
import type { Workloads } from './workloads.js';

/** An Azure region with its pair and number of availability zones. */
export interface Region {
  name: string;
  pair: string | null;
  zones: number;
  /** vCPU cores available for recovered VMs (failover, cross-region restore), or null: unlimited. */
  cores: number | null;
}

/** Storage redundancy of a Recovery Services vault (docs/reference.md §2.1). */
export type Redundancy = 'LRS' | 'ZRS' | 'GRS';

/** A Recovery Services vault. */
export interface Vault {
  name: string;
  region: string;
  redundancy: Redundancy;
  crossRegionRestore: boolean;
  /** Soft-delete retention, or null when soft delete is disabled. */
  softDelete: Millis | null;
  /** Soft delete is "Enabled and always-on": it cannot be disabled (§18.2). */
  softDeleteAlwaysOn: boolean;
  immutability: 'disabled' | 'enabled' | 'locked';
  /** Multi-user authorization with a Resource Guard (§18.1), or null. */
  resourceGuard: ResourceGuard | null;
  link: string | null;
  maxConcurrentTransfers: number;
}

/** A shared-bandwidth network link. */
export interface LinkSpec {
  name: string;
  capacity: BytesPerSec;
  perTransfer: BytesPerSec | null;
}

/** Which day of a month: the nth (or last) weekday, or a day number (or the last day). */
export type DayRule =
  | { kind: 'weekday'; n: 1 | 2 | 3 | 4 | 'last'; weekday: number }
  | { kind: 'day'; day: number | 'last' };

/** When a policy's scheduled backups start. Weekdays are 0 = Sunday … 6 = Saturday. */
export interface Schedule {
  frequency: 'daily' | 'weekly' | 'hourly';
  /** Local start time in minutes after midnight (daily/weekly; hourly: the window start). */
  at: number;
  days: number[];
  /** Interval of hourly backups, or null. */
  every: Millis | null;
  /** Length of the hourly window (24 h for daily/weekly). */
  window: Millis;
  timeZone: string;
}

/** Grandfather-father-son retention; a null tier keeps nothing. */
export interface Retention {
  daily: number | null;
  weekly: { count: number; on: number[] } | null;
  monthly: { count: number; on: DayRule } | null;
  yearly: { count: number; in: number[]; on: DayRule } | null;
}

/** An Azure VM backup policy. */
export interface Policy {
  name: string;
  type: 'standard' | 'enhanced';
  schedule: Schedule;
  /** How long instant-restore snapshots are kept. */
  instantRestore: Millis;
  retention: Retention;
  /** Move eligible monthly/yearly points to vault-archive at this age, or null (no tiering). */
  archive: { after: Millis } | null;
}

/** A managed disk. Churn is a fraction of used data per day; growth a fraction per year. */
export interface Disk {
  name: string;
  size: Bytes;
  /** Managed disk type; with the size it sets Site Recovery's per-disk churn limit (§5.2). */
  type: 'premium' | 'standard';
  used: Bytes;
  churn: Distribution;
  growth: number;
}

/** One Azure VM, expanded from a fleet group. */
export interface Vm {
  /** Stable id: `<group>-<index>`, zero-padded to at least three digits, like web-001. */
  id: string;
  group: string;
  region: string;
  zone: number | null;
  os: 'linux' | 'windows';
  vmAgent: boolean;
  tags: Record<string, string>;
  disks: Disk[];
  backup: BackupPlan | null;
  snapshots: DiskSnapshotPlan | null;
  /** vCPU cores (what a recovered VM needs in its target region). */
  cores: number;
  /** Azure VM size name (like Standard_D4s_v5), for failover and drill compute prices; null when not given. */
  size: string | null;
  /** Site Recovery replication, or null. */
  replicate: ReplicationPlan | null;
}

/** How one VM is protected by Azure Backup. */
export interface BackupPlan {
  vault: string;
  policy: string;
  /** When protection starts (ms after the scenario start). */
  from: Millis;
  /** Chance that a job attempt fails for a transient reason. */
  failureRate: number;
  retries: number;
  retryAfter: Millis;
  /** When protection stops, and whether the data is deleted then. */
  stop: { at: Millis; deleteData: boolean } | null;
  /** On-demand backups: when (ms after start) and how long each point is kept. */
  onDemand: { at: Millis; retain: Millis }[];
  /** Where backup continues once the VM runs in another region (failover, Cross Region Restore): a vault there and its policy; null: unprotected there. */
  afterFailover: { vault: string; policy: string } | null;
}

/** A managed-disk snapshot schedule outside Azure Backup. */
export interface DiskSnapshotPlan {
  every: Millis;
  /** Local time of the first snapshot each day, minutes after midnight. */
  at: number;
  timeZone: string;
  keep: number;
  incremental: boolean;
}

/** A local daily time window on some weekdays (0 = Sunday). */
export interface WorkHours {
  from: number;
  to: number;
  days: number[];
  timeZone: string;
}

/** An on-premises server protected by the MARS agent (docs/reference.md §3). */
export interface MarsServer {
  id: string;
  group: string;
  agentVersion: string;
  vault: string;
  data: Bytes;
  churn: Distribution;
  growth: number;
  /** Fraction by which compression shrinks transfers and storage. */
  compression: number;
  /** Local start times (minutes after midnight), at most three, and the weekdays they run on. */
  schedule: { times: number[]; days: number[]; timeZone: string };
  retention: Retention;
  network: { workHours: WorkHours; work: BytesPerSec; nonWork: BytesPerSec } | null;
}

/** Timing of Azure VM backup jobs (docs/reference.md §1.2). */
export interface BackupJobSettings {
  startWindow: Millis;
  /** Snapshot-phase duration in ms. */
  snapshotDuration: Distribution;
  initialThroughput: BytesPerSec;
  incrementalThroughput: BytesPerSec;
}

/** Recovery objectives; null when not set. `scoped` holds the per group/app/tag ones. */
export interface Objectives {
  rpo: Millis | null;
  rto: Millis | null;
  scoped: ScopedObjective[];
  /** Restore drills: each drill's restore done within this (issue 18); absent or null when not set. */
  restoreTest?: Millis | null;
}

/** A concrete, validated scenario: one run's worth of input. */
export interface Scenario {
  name: string;
  description: string;
  /** 'base', a variant's name, or a sweep point's label. */
  variant: string;
  seed: number;
  /** Epoch ms of simulated time 0. */
  start: number;
  duration: Millis;
  regions: Region[];
  vaults: Vault[];
  links: LinkSpec[];
  policies: Policy[];
  vms: Vm[];
  servers: MarsServer[];
  /** SQL Server in Azure VMs, Azure file shares, MABS/DPM servers (issue 17). */
  workloads: Workloads;
  backupJobs: BackupJobSettings;
  /** Overrides of the default price table (models/pricing/defaults.ts). */
  prices: PriceOverrides;
  objectives: Objectives;
  /** Faults and drills, in scenario order. */
  faults: FaultSpec[];
  /** Operations by an admin or an attacker (stop, resume, undelete, policy and vault changes), in scenario order. */
  operations: OperationSpec[];
  recoveryPlans: RecoveryPlanSpec[];
  recovery: RecoverySettings;
  /** Alert rules and their routing (issue 6), or null when the scenario has no monitor section. */
  monitor: MonitorSpec | null;
  /** Diagnostic settings: the Log Analytics tables vaults send (issue 19); absent or null without a diagnostics section. */
  diagnostics?: DiagnosticsSpec | null;
  /** Restores users run (`events[].restore`, issue 18), in scenario order; absent when none. */
  restores?: RestoreSpec[];
  /** Restore drills (`restoreTests`, issue 18); absent when none. */
  restoreTests?: RestoreTestSpec[];
}
