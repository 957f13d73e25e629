// What the backup processes share during a run: the kernel, the random streams, the
// vaults' ledgers, links and transfer pools, job settings and statistics.

import type { BufferArena } from '../../engine/arena.js';
import type { Sampler } from '../../engine/distributions.js';
import type { Link } from '../../engine/link.js';
import type { Pool } from '../../engine/pool.js';
import type { Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { SecurityAlerts } from '../monitor/security.js';
import type { PointCounts } from '../results/types.js';
import type { ImmutabilityState, ResourceGuard } from '../scenario/operations.js';
import type { BackupJobSettings, Vault } from '../scenario/types.js';
import type { Ledger } from '../storage/ledger.js';
import type { SlotBoard } from './schedule.js';
import type { FailureCause } from './stats.js';

/** A line of the optional event trace. */
export interface TraceRecord {
  /** Simulation time, ms. */
  t: number;
  kind: string;
  subject: string;
  detail?: Record<string, number | string | boolean>;
}

/** The run's shared machinery. */
export interface World {
  sim: Simulation;
  streams: Streams;
  /** Epoch ms of simulation time 0. */
  origin: number;
  /** Simulation time at which the run ends. */
  horizon: number;
  jobs: BackupJobSettings;
  snapshotDuration: Sampler;
  trace: ((record: TraceRecord) => void) | null;
  /** Why a VM cannot be backed up at time t (down, region out), or null; absent when nothing fails. */
  blocked?: (vm: string, t: number) => FailureCause | null;
  /** Keep each recovery point's times (what disaster recovery asks for); off for plain capacity runs. */
  keepPointTimes?: boolean;
  /**
   * Nothing outside a job observes its steps (no trace, monitor or disaster recovery), so a
   * scheduled job may be decided at its slot, its snapshot done there, and its transfer's
   * landing count itself for the VM to file later (VmBackup.startsEarly, snapshotsAhead,
   * settle; docs/model.md "Decided ahead").
   */
  eagerStarts?: boolean;
  /** Items' cleanups run at every whole multiple of this (sim ms): the daily round. */
  cleanupEvery?: number;
  /** Where the items' long-lived buffers come from (retention queues), made on first use. */
  arena?: BufferArena;
  /** Delivers the Azure VM backups' scheduled slots (one event per instant); made on first use when absent. */
  slots?: SlotBoard;
  /** The security alerts of deletions and purges (§18.4), when a monitor or operations want them. */
  security?: SecurityAlerts;
}

/** Anything a vault's daily cleanup visits. */
export interface ProtectedItem {
  readonly id: string;
  /** Expires points and snapshots due by `now` (sim ms), moves eligible points to archive. */
  cleanup(now: number): void;
  /** Live recovery points: instant-restore snapshots, vault points, archived points, and GFS memberships. */
  points(): ItemPoints;
  /** Adds points() into `sum`, allocating nothing (the daily sample asks every item). */
  addPointsTo(sum: ItemPoints): void;
  /** Used bytes now (for protected-instance billing), or null while not protected. */
  protectedSize(now: number): number | null;
}

/** Recovery-point counts of one item (the same shape as a run's counts). */
export type ItemPoints = PointCounts;

/** A vault's protections as they stand during a run: operations change them (models/operations). */
export interface VaultProtection {
  /** Soft-delete retention (ms) for the next deletion, or null while soft delete is disabled. */
  softDelete: number | null;
  /** "Enabled and always-on": soft delete can no longer be disabled (§18.2). */
  softDeleteAlwaysOn: boolean;
  immutability: ImmutabilityState;
  /** Multi-user authorization (§18.1), or null (none, or disabled). */
  guard: ResourceGuard | null;
}

/** A vault's protections at the start of a run, as its scenario sets them. */
export function protectionOf(v: Vault): VaultProtection {
  return {
    softDelete: v.softDelete,
    softDeleteAlwaysOn: v.softDeleteAlwaysOn,
    immutability: v.immutability,
    guard: v.resourceGuard,
  };
}

/** A vault during a run. */
export interface VaultRuntime {
  spec: Vault;
  ledger: Ledger;
  pool: Pool;
  link: Link | null;
  items: ProtectedItem[];
  /** Its protections now (the spec holds those at the start). */
  protection: VaultProtection;
}
