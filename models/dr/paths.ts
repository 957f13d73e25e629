// The paths a VM can come back by, decided at one instant (docs/reference.md §1.8, §2.1–2.2,
// §5.1, §5.4): Site Recovery failover, restore in place from the snapshot tier, the vault or the
// archive (soft-deleted points undeleted first), Cross Region Restore, waiting for the region —
// each passed over when the target region is short of cores, then waited for (capacity.ts).

import { vmAsItRuns } from '../restore/rules.js';
import type { RecoveryPlanSpec, RecoverySettings } from '../scenario/dr.js';
import type { Region } from '../scenario/types.js';
import type { Decided, Draws } from './disaster-recovery.js';
import type { Fault, Outages } from './faults.js';
import type { DrVm, ReplicaPoint } from './recovery-types.js';
import { VmReplica } from './replica.js';
import { crossRegionRestore, primaryRestore, type RestoreContext, type RestoreOption } from './restore.js';
import type { Short } from './returns.js';
import { groupBy } from './scope.js';

const OUTAGES = new Set(['region-outage', 'zone-outage']);

/** What deciding a path needs of the run. */
export interface PathsContext {
  outages: Outages;
  settings: RecoverySettings;
  regions: ReadonlyMap<string, Region>;
  /** Each VM's recovery plan. */
  planOf: ReadonlyMap<string, RecoveryPlanSpec>;
  vms: ReadonlyMap<string, DrVm>;
  /** Takes the VM's cores in a region (none at home or where it holds them); false when short. */
  claim: (v: DrVm, region: string) => boolean;
}

/** Decides how each VM comes back. */
export class Paths {
  private readonly outages: Outages;
  private readonly settings: RecoverySettings;
  private readonly regions: ReadonlyMap<string, Region>;
  private readonly planOf: ReadonlyMap<string, RecoveryPlanSpec>;
  private readonly vms: ReadonlyMap<string, DrVm>;
  private readonly claim: (v: DrVm, region: string) => boolean;
  // Replicated VMs by replication group, made on first use (the VMs are added after construction).
  private groups: Map<string, DrVm[]> | null = null;

  constructor(ctx: PathsContext) {
    this.outages = ctx.outages;
    this.settings = ctx.settings;
    this.regions = ctx.regions;
    this.planOf = ctx.planOf;
    this.vms = ctx.vms;
    this.claim = ctx.claim;
  }

  // The VM's Site Recovery point; in a replication group, the latest point every member has
  // (multi-VM consistency, §5.1), so the group's VMs fail over to one instant.
  private groupPoint(
    v: DrVm,
    t: number,
    notAfter: number,
    choice: RecoveryPlanSpec['pointChoice'] = 'latestProcessed',
  ): ReplicaPoint | null {
    const group = v.vm.replicate?.group ?? null;
    if (group === null) return v.replica!.point(t, choice, notAfter);
    this.groups ??= groupBy(
      [...this.vms.values()].filter((m) => m.replica !== null && m.vm.replicate?.group != null),
      (m) => m.vm.replicate!.group!,
    );
    const members = this.groups.get(group)!.map((m) => m.replica!);
    return VmReplica.groupPoint(members, t, choice, notAfter);
  }

  /** Whether the VM's replication target is up at t. */
  failoverPossible(v: DrVm, t: number): boolean {
    return !this.outages.regionDown(v.replica!.to, t);
  }

  /**
   * One VM outside a recovery plan: the best of failover, restore and waiting. A path short of
   * cores is passed over; if nothing else brings the VM back sooner, it waits for them (shorts).
   */
  single(
    f: Fault,
    v: DrVm,
    d: number,
    down: number,
    notAfter: number,
    dr: Draws,
    shorts: Map<string, Short>,
  ): Decided {
    const detection = d - down;
    const rp = v.vm.replicate;
    let short: Short | null = null;
    // 1. Site Recovery failover (not for a VM in a replication group on its own, §5.1).
    const replicaAllowed = v.replica !== null && rp !== null && (OUTAGES.has(f.kind) || rp.group === null);
    if (replicaAllowed && this.failoverPossible(v, d)) {
      const to = v.replica!.to;
      const failover = (t: number): Decided | null => {
        const start = this.outages.controlPlaneUpFrom(to, t);
        const point = this.groupPoint(v, start, notAfter);
        if (point === null) return null;
        return {
          path: 'failover',
          point: { at: point.at, source: point.kind === 'app' ? 'asr-app' : 'asr-crash', region: to },
          detection,
          waiting: start - d,
          work: dr.failover,
          boot: dr.boot,
          region: to,
          note: '',
        };
      };
      const now = failover(d);
      if (now !== null) {
        if (this.claim(v, to)) return now;
        short = { region: to, retry: failover };
      }
    }
    const ctx = this.restoreContext(v, dr);
    const points = ctx === null ? [] : v.restorePoints!();
    // 2. Restore in place (the vault is where the VM runs) when its region (and zone, for snapshots) is up.
    if (ctx !== null && ctx.vault.region === v.region) {
      const start = this.outages.controlPlaneUpFrom(v.region, d);
      const inPlace = (t: number): Decided | null => {
        const here = primaryRestore(ctx, points, this.outages.controlPlaneUpFrom(v.region, t), notAfter);
        return here === null
          ? null
          : this.restore(here, detection, this.outages.controlPlaneUpFrom(v.region, t) - d, dr, '');
      };
      const here = inPlace(d);
      if (here !== null) {
        if (this.claim(v, v.region)) return here;
        short ??= { region: v.region, retry: inPlace };
      } else {
        // 2b. The only clean points are in soft delete (§2.3): undelete them now, then restore.
        const fromSoftDelete = this.afterUndelete(v, ctx, start, notAfter);
        if (fromSoftDelete !== null)
          return this.restore(fromSoftDelete, detection, start - d, dr, 'undeleted from soft delete first');
      }
    }
    // 3. Cross Region Restore from the paired region's copy: in a region outage, or for a VM
    // running away from its vault's region (an in-place restore there is not possible).
    if (ctx !== null && (f.kind === 'region-outage' || ctx.vault.region !== v.region)) {
      const cutoff = f.kind === 'region-outage' ? f.start : notAfter;
      const away = (t: number): Decided | null => {
        const at = ctx.pair === null ? t : this.outages.controlPlaneUpFrom(ctx.pair, t);
        const o = crossRegionRestore(ctx, points, at, notAfter, cutoff);
        return o === null ? null : this.restore(o, detection, at - d, dr, '');
      };
      const there = away(d);
      if (there !== null) {
        if (this.claim(v, there.region)) return there;
        short ??= { region: there.region, retry: away };
      }
    }
    if (short !== null) shorts.set(v.vm.id, short);
    const why = short === null ? '' : `short of ${v.vm.cores} cores in ${short.region}`;
    // 4. Wait for the region or zone to come back (or for cores), then restart or restore in place.
    if (OUTAGES.has(f.kind)) return this.waitForRegion(f, v, d, down, notAfter, dr, why);
    if (short !== null) return this.unrecovered(v, detection, `${why}: waiting for them`);
    return this.unrecovered(
      v,
      detection,
      ctx === null && v.replica === null ? 'not protected' : 'no usable recovery point',
    );
  }

  /**
   * After a region or zone outage, a VM with no other way out waits for its region (or zone),
   * then restarts or is restored in place: by its recovery plan's afterOutage, else recovery's.
   */
  waitForRegion(
    f: Fault,
    v: DrVm,
    d: number,
    down: number,
    notAfter: number,
    dr: Draws,
    why: string,
  ): Decided {
    const detection = d - down;
    const note = why === '' ? 'waited for the region' : `${why}; waited for the region`;
    const back =
      f.kind === 'zone-outage' && v.zone !== null
        ? this.outages.zoneUpFrom(v.region, v.zone, d)
        : this.outages.regionUpFrom(v.region, d);
    const start = this.outages.controlPlaneUpFrom(v.region, back);
    const choice = this.planOf.get(v.vm.id)?.afterOutage ?? this.settings.afterOutage;
    if (choice === 'restart')
      return {
        path: 'restart-in-place',
        point: null,
        detection,
        waiting: start - d,
        work: 0,
        boot: dr.boot,
        region: v.region,
        note,
      };
    const ctx = this.restoreContext(v, dr);
    const later =
      ctx === null || ctx.vault.region !== v.region
        ? null
        : primaryRestore(ctx, v.restorePoints!(), start, notAfter);
    if (later !== null) return this.restore(later, detection, start - d, dr, note);
    return this.unrecovered(
      v,
      detection,
      `${why === '' ? '' : `${why}; `}${ctx === null && v.replica === null ? 'not protected' : 'no usable recovery point'}`,
    );
  }

  /** A plan VM short of cores: how it fails over with its plan once they are there. */
  planShort(v: DrVm, plan: RecoveryPlanSpec, dr: Draws, notAfter: number, d: number, down: number): Short {
    const to = v.replica!.to;
    return {
      region: to,
      retry: (t) => {
        const start = this.outages.controlPlaneUpFrom(to, t);
        const point = this.groupPoint(v, start, notAfter, plan.pointChoice);
        if (point === null) return null;
        return {
          path: 'failover',
          point: { at: point.at, source: point.kind === 'app' ? 'asr-app' : 'asr-crash', region: to },
          detection: d - down,
          waiting: start - d,
          work: dr.failover + (plan.pointChoice === 'latest' ? dr.latestProcessing : 0),
          boot: dr.boot,
          region: to,
          note: `recovery plan ${plan.name}: failed over once cores freed up`,
        };
      },
    };
  }

  // A restore in place from the points in soft delete, its work counting the undelete first
  // (recovery.undelete); the undelete is made now. Null when none would do.
  private afterUndelete(v: DrVm, ctx: RestoreContext, start: number, notAfter: number): RestoreOption | null {
    const held = v.softDeleted?.() ?? [];
    if (held.length === 0) return null;
    const undelete = this.settings.undelete;
    const option = primaryRestore(ctx, held, start + undelete, notAfter);
    if (option === null) return null;
    v.undelete?.();
    return {
      ...option,
      work: undelete + option.work,
      plan: { ...option.plan, preparing: undelete + option.plan.preparing },
    };
  }

  private restore(o: RestoreOption, detection: number, waiting: number, dr: Draws, note: string): Decided {
    return {
      path: o.path,
      point: { at: o.pointAt, source: o.source, region: o.region },
      detection,
      waiting,
      work: o.work,
      boot: dr.boot,
      region: o.region,
      note,
      plan: o.plan,
    };
  }

  /** The VM does not come back (why in `note`). */
  unrecovered(v: DrVm, detection: number, note: string): Decided {
    return {
      path: 'unrecovered',
      point: null,
      detection,
      waiting: 0,
      work: 0,
      boot: 0,
      region: v.region,
      note,
    };
  }

  // The VM where it runs now, with its backups: restores land in its region (in place) or the vault's pair.
  private restoreContext(v: DrVm, dr: Draws): RestoreContext | null {
    if (v.vault === null || v.restorePoints === null) return null;
    return {
      vm: vmAsItRuns(v.vm, v.region, v.zone),
      zones: this.regions.get(v.region)?.zones ?? 0,
      vault: v.vault,
      pair: this.regions.get(v.vault.region)?.pair ?? null,
      outages: this.outages,
      settings: this.settings,
      snapshotWork: dr.snapshotRestore,
      crossRegionLag: dr.crossRegionLag,
    };
  }
}
