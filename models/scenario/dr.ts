// The disaster-recovery part of a concrete scenario: Site Recovery replication of VMs,
// faults (outages, failures, deletions, ransomware, degradations, drills), recovery
// plans, how recovery is run, and objectives per scope. Plain typed data (issue 5).

import type { Distribution } from '../../engine/distributions.js';
import type { Bytes, BytesPerSec, Millis } from '../../engine/units.js';

/** Which Site Recovery point a failover uses (docs/reference.md §5.4). */
export type PointChoice = 'latest' | 'latestProcessed' | 'latestAppConsistent';

/** Azure-to-Azure replication of one VM (docs/reference.md §5.1–5.2). */
export interface ReplicationPlan {
  /** Target region (where a failover brings the VM up). */
  to: string;
  /** Upload capacity for this VM's changes, bytes/s, or null: only the churn limit caps it. */
  bandwidth: BytesPerSec | null;
  /** Recovery-point retention (0 … 15 days). */
  retention: Millis;
  /** App-consistent snapshot interval, or null (disabled, the 2022 default). */
  appConsistentEvery: Millis | null;
  /** The High Churn option (100 MB/s per VM instead of 54 MB/s). */
  highChurn: boolean;
  /** Whether replication starts with a full initial copy at the scenario start (else already in sync). */
  initialSync: boolean;
  /** Replication group for multi-VM consistency (up to 16 VMs), or null. */
  group: string | null;
}

/** A time that is fixed or drawn once per run from a distribution (ms). */
export type TimeSpec = { fixed: Millis } | { draw: Distribution };

/** Which VMs a fault hits: resolved VM ids, sorted. */
export interface VmTargets {
  vms: string[];
  /** How the scenario named them (for reports), like "group web" or "web-001". */
  label: string;
}

/** Something scheduled to go wrong (or a drill), in the order the scenario lists them. */
export type FaultSpec =
  | { kind: 'region-outage'; at: TimeSpec; duration: TimeSpec; region: string }
  | { kind: 'zone-outage'; at: TimeSpec; duration: TimeSpec; region: string; zone: number }
  | { kind: 'vm-failure' | 'disk-corruption' | 'vm-deletion'; at: TimeSpec; targets: VmTargets }
  | { kind: 'ransomware'; at: TimeSpec; detectedAfter: TimeSpec; targets: VmTargets }
  | { kind: 'churn-spike'; at: TimeSpec; duration: TimeSpec; rate: BytesPerSec; targets: VmTargets }
  | {
      kind: 'link-degradation';
      at: TimeSpec;
      duration: TimeSpec;
      /** Fraction of capacity left (0.1 = 10%). */
      factor: number;
      /** A named backup link, or null. */
      link: string | null;
      /** Site Recovery replication out of this region, or null. */
      replicationFrom: string | null;
    }
  | { kind: 'control-plane'; at: TimeSpec; duration: TimeSpec; region: string }
  | { kind: 'drill'; at: TimeSpec; plan: string };

/** An ordered group of a recovery plan (docs/reference.md §5.5). */
export interface PlanGroup {
  vms: string[];
  /** A manual step before the group starts. */
  manual: Millis;
}

/** A Site Recovery recovery plan. */
export interface RecoveryPlanSpec {
  name: string;
  pointChoice: PointChoice;
  groups: PlanGroup[];
  /** For its VMs that cannot fail over (short of cores) and wait for their region: restore or restart then; null: `recovery.afterOutage`. */
  afterOutage: 'restore' | 'restart' | null;
}

/** How the people and tools run recovery. */
export interface RecoverySettings {
  /** Fault until someone acts (the decision delay), unless an alert gets them to act sooner. */
  detection: Millis;
  /** From an alert's notification to someone acting on it (an automated failover acts at once). */
  acknowledge: Millis;
  /** After a region/zone outage with no other way out: restore from backup once it is back, or restart in place. */
  afterOutage: 'restore' | 'restart';
  /** VM boot time (ms). */
  boot: Distribution;
  /** Site Recovery failover of one VM, excluding boot (ms). */
  failover: Distribution;
  /** Extra processing when failing over to "Latest" (ms; §5.4: 8–10 minutes). */
  latestProcessing: Distribution;
  /** Restore from the instant-restore (snapshot) tier, excluding boot (ms; §1.2: minutes). */
  snapshotRestore: Distribution;
  /** Fixed part of a restore from the vault: queueing and VM creation. */
  vaultRestoreOverhead: Millis;
  /** Copy rate of a restore from the vault, per disk (disks restore in parallel). */
  restoreThroughput: BytesPerSec;
  /** Restore throughput of one vault (and of its copy in the paired region), shared by its concurrent restores (processor sharing, models/restore). */
  restoreCapacity: BytesPerSec;
  /** File-level recovery (docs/reference.md §15.2): running the script and mounting the point, and bytes copied per hour from a vault-tier and from a snapshot-tier point. */
  fileRecovery: { mount: Millis; perHour: Bytes; snapshotPerHour: Bytes };
  /** Archive rehydration before an archived point can be restored. */
  rehydration: Millis;
  /** Undeleting soft-deleted backup data before it can be restored (docs/reference.md §2.3). */
  undelete: Millis;
  /** How long a vault point takes to reach the paired region (ms; §2.2: up to 12 hours), drawn per VM per incident. */
  crossRegionLag: Distribution;
  /** Site Recovery: from data upload to a processed recovery point (§5.2: within five minutes). */
  processing: Millis;
  /** How long a drill's test-failover VMs keep running after the drill completes, until cleanup (billed compute, §17). */
  drillCleanupAfter: Millis;
}

/** What an objective applies to. */
export type ObjectiveScope =
  | { kind: 'all' }
  | { kind: 'group'; name: string }
  | { kind: 'app'; name: string }
  | { kind: 'tag'; key: string; value: string };

/** RPO/RTO targets for one scope; null when not set. */
export interface ScopedObjective {
  scope: ObjectiveScope;
  rpo: Millis | null;
  rto: Millis | null;
}
