// What one VM holds at an instant of a run, as plain data: its instant-restore snapshots, its
// vault points with the GFS tiers keeping each and until when (the restic `forget --dry-run`
// view, docs/reference.md §1.4–1.5), and its Site Recovery points by age band (§5.1). Taken by
// an inspection scheduled into the run (SimulateOptions.inspect), for `vaultsim explain points`.

import type { HeldPoints, ProtectionState } from '../backup/vm-backup.js';
import type { Tier } from '../retention/types.js';
import { zonedIso } from './collect.js';
import type { ReplicaPoints } from './types.js';

/** An instant-restore snapshot held at the instant. */
export interface HeldSnapshot {
  /** Its data instant (policy time zone), or null when the run kept no point times. */
  taken: string | null;
  /** When it expires (§1.4: it stays until the next successful backup collects it, the latest always). */
  expires: string;
  /** Whether it has expired and waits for garbage collection. */
  expired: boolean;
}

/** A vault point held at the instant, with what keeps it. */
export interface HeldVaultPoint {
  /** Its data instant (policy time zone), or null when the run kept no point times. */
  taken: string | null;
  /** When it reached the vault (policy time zone): its tiers are those of this date. */
  created: string;
  tier: 'standard' | 'archive' | null;
  /** An on-demand point, kept by its own retention rather than by a tier. */
  onDemand: boolean;
  /** The GFS tiers keeping it (as of the last daily cleanup), shortest first, each until when. */
  keptBy: { tier: Tier; until: string }[];
  /** When the last tier lets it go. */
  expires: string;
}

/** What one VM holds at one instant of a run. */
export interface HeldView {
  vm: string;
  /** The instant (UTC). */
  at: string;
  /** Its backup, or null when it is not backed up by Azure Backup. */
  backup: {
    policy: string;
    vault: string;
    timeZone: string;
    /** Where protection stands: a stopped item keeps its points past their tiers' dates (§1.5). */
    protection: ProtectionState;
    snapshots: HeldSnapshot[];
    points: HeldVaultPoint[];
  } | null;
  /** Its Site Recovery points, or null when it is not replicated. */
  replication: ReplicaPoints | null;
  /**
   * Its protected items in other vaults at that instant (`<vm>@<vault>`, started after it ran
   * in another region: docs/model.md), each as `backup` shows one; empty when it has none.
   */
  elsewhere: (NonNullable<HeldView['backup']> & { item: string })[];
}

/** A backup item as the view is built from it. */
export interface HeldBackupInput {
  policy: string;
  vault: string;
  timeZone: string;
  protection: ProtectionState;
  held: HeldPoints;
}

/** What the view is built from. */
export interface HeldInput {
  vm: string;
  /** The instant, sim ms. */
  t: number;
  /** Epoch ms of sim time 0. */
  origin: number;
  backup: HeldBackupInput | null;
  replication: ReplicaPoints | null;
  /** Its items in other vaults, by item id. */
  elsewhere?: readonly (HeldBackupInput & { item: string })[];
}

/** The plain view of what a VM holds at an instant. */
export function heldView(input: HeldInput): HeldView {
  const { origin, t, backup } = input;
  const at = new Date(origin + t).toISOString();
  const elsewhere = (input.elsewhere ?? []).map((e) => ({ item: e.item, ...backupView(e, origin, t) }));
  return {
    vm: input.vm,
    at,
    backup: backup === null ? null : backupView(backup, origin, t),
    replication: input.replication,
    elsewhere,
  };
}

// One backup item's points and snapshots, instants in its policy's time zone.
function backupView(backup: HeldBackupInput, origin: number, t: number): NonNullable<HeldView['backup']> {
  const local = (epochMs: number) => zonedIso(epochMs, backup.timeZone);
  const sim = (ms: number | null) => (ms === null ? null : local(origin + ms));
  return {
    policy: backup.policy,
    vault: backup.vault,
    timeZone: backup.timeZone,
    protection: backup.protection,
    snapshots: backup.held.snapshots.map((s) => ({
      taken: sim(s.takenAt),
      expires: local(origin + s.expiresAt),
      expired: s.expiresAt <= t,
    })),
    points: backup.held.vault.map((v) => ({
      taken: sim(v.takenAt),
      created: local(v.point.createdAt),
      tier: v.tier,
      onDemand: v.onDemand,
      keptBy: v.onDemand
        ? []
        : v.tiers.map((tier) => ({
            tier,
            until: local(v.point.tags.until[tier] ?? v.point.tags.expiresAt),
          })),
      expires: local(v.point.tags.expiresAt),
    })),
  };
}
