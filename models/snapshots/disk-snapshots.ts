// Managed-disk snapshots taken outside Azure Backup on a fixed schedule (docs/reference.md
// §4), for one VM: every `every` ms from the first local `at` on or after the run's start,
// keeping the newest `keep`. Their bytes go into one Series shared by all VMs, which
// pricing bills as the diskSnapshots meter (§4: billed on used size only).
//
/* Assumptions (copy to docs/model.md):
 * S1. All of a VM's disks are snapshotted together, so `keep` holds per disk and the VM's
 *     snapshots form one chain whose bytes are the sum of its disks' chains.
 * S2. Snapshots are instantaneous (§4: usable immediately after creation; no duration is
 *     documented) and never fail.
 * S3. The interval is elapsed time: after a DST change, daily snapshots move by the shift in
 *     local time.
 * S4. Incremental (§4): the first snapshot is a full copy of the used bytes, each later one
 *     the delta since the previous one (storage/content.ts); deleting the oldest hands its
 *     blocks to its successor, which becomes the full copy (storage/chain.ts).
 *     Full: each snapshot holds the disk's used bytes, and deleting one frees exactly those.
 * S5. The newest snapshot is taken before the oldest beyond `keep` is deleted, at the same
 *     instant; the shared series records the result once.
 * S6. The data changes are the VM's own: the same named churn streams as its Azure VM backup
 *     (vm/<id>/disk/<name>/churn), read through a fresh set of streams so both processes draw
 *     identical numbers without sharing a stream's position (common random numbers).
 */

import { createStreams } from '../../engine/random.js';
import type { Series } from '../../engine/series.js';
import type { World } from '../backup/world.js';
import { nextDailyAt } from '../calendar.js';
import type { DiskSnapshotPlan, Vm } from '../scenario/types.js';
import { Chain } from '../storage/chain.js';
import { fullBytes } from '../storage/content.js';
import { ItemContent } from '../workload/item-content.js';

/** The snapshot process of one VM's disks. */
export class DiskSnapshots {
  readonly id: string;
  private readonly plan: DiskSnapshotPlan;
  private readonly content: ItemContent;
  // Incremental: the retained chain. Full: the retained copies' bytes, oldest first.
  private readonly chain = new Chain();
  private readonly fulls: number[] = [];
  private fullTotal = 0;
  private seq = 0;

  /** `total` is the series of all VMs' snapshot bytes, `group` its fleet group's; this process adds its changes to both. */
  constructor(
    private readonly world: World,
    vm: Vm,
    private readonly total: Series,
    private readonly group?: Series,
  ) {
    if (vm.snapshots === null) throw new RangeError(`disk snapshots: VM ${vm.id} has no snapshot plan`);
    this.id = vm.id;
    this.plan = vm.snapshots;
    // S6: a fresh Streams, since world.streams hands out one cached stream per name.
    const streams = createStreams(world.streams.seed);
    this.content = new ItemContent(
      vm.disks.map((d) => ({
        used: d.used,
        growth: d.growth,
        size: d.size,
        churn: d.churn,
        stream: streams.get(`vm/${vm.id}/disk/${d.name}/churn`),
      })),
    );
  }

  /** Schedules the first snapshot: the first local `at` at or after the run's start. */
  start(): void {
    const { origin } = this.world;
    this.schedule(nextDailyAt(origin, this.plan.at, this.plan.timeZone) - origin);
  }

  /** Snapshots kept per disk. */
  get count(): number {
    return this.plan.incremental ? this.chain.size : this.fulls.length;
  }

  /** Bytes this VM's snapshots hold now. */
  get stored(): number {
    return this.plan.incremental ? this.chain.stored : this.fullTotal;
  }

  private schedule(at: number): void {
    if (at >= this.world.horizon) return;
    this.world.sim.at(at, () => this.take(at), 'snapshots/take');
  }

  private take(at: number): void {
    this.schedule(at + this.plan.every);
    const before = this.stored;
    const state = this.content.advanceTo(at);
    const id = ++this.seq;
    if (this.plan.incremental) {
      this.chain.append(id, state);
      while (this.chain.size > this.plan.keep) this.chain.remove(this.chain.oldest()!.id);
    } else {
      const b = fullBytes(state);
      this.fulls.push(b);
      this.fullTotal += b;
      while (this.fulls.length > this.plan.keep) this.fullTotal -= this.fulls.shift()!;
    }
    const change = this.stored - before;
    this.total.record(at, this.total.last() + change);
    this.group?.record(at, this.group.last() + change);
    this.world.trace?.({
      t: at,
      kind: 'disk-snapshot',
      subject: this.id,
      detail: { id, bytes: this.stored },
    });
  }
}
