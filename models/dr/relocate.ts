// A VM's backup follows it (issue 15): once the VM runs in another region (after a failover or
// a Cross Region Restore), its protection where it was stops with the data retained and a new
// protected item starts in the vault the scenario names for that region (`backup.afterFailover`),
// under the same policy unless another is named; back home, the original item resumes
// (docs/reference.md §1.5, §2.5: a VM is backed up to a vault in its own region).
//
// The new item has an id of its own (`<vm>@<vault>`: it is another protected item, billed and
// logged as such) and reads the VM's own disks' churn streams from a fresh copy, so it sees
// the same data changes as the VM; its start jitter, snapshot and failure draws are its own.
// Its first backup is at the policy's next slot, and it is full (a new item, §1.1).

import { createStreams, type Streams } from '../../engine/random.js';
import { millis } from '../../engine/units.js';
import type { JobStats } from '../backup/stats.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { Policy, Vm } from '../scenario/types.js';

/** The id of a VM's protected item in another vault. */
export function relocatedId(vm: string, vault: string): string {
  return `${vm}@${vault}`;
}

/** What relocating backups needs of the run. */
export interface RelocateContext {
  readonly world: World;
  readonly seed: number;
  readonly vaults: ReadonlyMap<string, VaultRuntime>;
  readonly policies: ReadonlyMap<string, Policy>;
  /** Job statistics and items per policy: a new item counts in its policy's. */
  readonly groups: ReadonlyMap<string, { stats: JobStats; items: ProtectedItem[] }>;
  /** Hooks a new item up to the monitor, when there is one (set once the monitor exists). */
  observe: ((item: VmBackup) => void) | null;
}

/** Starts `vm`'s protected item in `vault` under `policy` now (sim ms `at`): the VM as it runs in the vault's region. */
export function relocatedBackup(
  ctx: RelocateContext,
  vm: Vm,
  vault: string,
  policy: string,
  at: number,
): VmBackup {
  const runtime = ctx.vaults.get(vault)!;
  const id = relocatedId(vm.id, vault);
  const moved: Vm = {
    ...vm,
    id,
    region: runtime.spec.region,
    zone: null,
    backup: {
      ...vm.backup!,
      vault,
      policy,
      from: millis(at),
      stop: null,
      onDemand: [],
      afterFailover: null,
    },
  };
  const world: World = { ...ctx.world, streams: churnOf(ctx, vm.id, id) };
  const group = ctx.groups.get(policy)!;
  const item = new VmBackup(world, moved, ctx.policies.get(policy)!, runtime, group.stats);
  runtime.items.push(item);
  group.items.push(item);
  ctx.observe?.(item);
  item.start();
  return item;
}

// The run's streams, except that the new item's disk churn streams are the VM's own, fresh.
function churnOf(ctx: RelocateContext, vm: string, id: string): Streams {
  const fresh = createStreams(ctx.seed);
  const prefix = `vm/${id}/disk/`;
  const streams = ctx.world.streams;
  return {
    seed: streams.seed,
    get: (name) =>
      name.startsWith(prefix) ? fresh.get(`vm/${vm}/disk/${name.slice(prefix.length)}`) : streams.get(name),
  };
}

/** One VM's backup items, by vault: the one at home and those it was relocated to; which protects it now. */
export class BackupFollow {
  private readonly items = new Map<string, VmBackup>();
  /** The item protecting the VM now, or the last one that did (stopped, its data retained). */
  current: VmBackup;
  /** The vault of `current`. */
  vault: string;

  constructor(
    private readonly vm: Vm,
    home: VmBackup,
  ) {
    this.current = home;
    this.vault = vm.backup!.vault;
    this.items.set(this.vault, home);
  }

  /** The vault that would protect the VM in `region` (home, or backup.afterFailover), or null. */
  vaultIn(region: string, vaults: ReadonlyMap<string, { spec: { region: string } }>): string | null {
    const plan = this.vm.backup!;
    if (region === this.vm.region) return plan.vault;
    const after = plan.afterFailover;
    return after !== null && vaults.get(after.vault)?.spec.region === region ? after.vault : null;
  }

  /**
   * The VM now runs in `region`: protection where it was stops (data retained) and the item in
   * that region's vault resumes or starts. Returns the vault protecting it now, or null.
   */
  moveTo(region: string, ctx: RelocateContext, at: number): string | null {
    const vault = this.vaultIn(region, ctx.vaults);
    if (vault === this.vault && this.current.state === 'protected') return vault;
    if (this.current.state === 'protected') this.current.stopProtection(false);
    if (vault === null) return null;
    let item = this.items.get(vault);
    if (item === undefined) {
      const plan = this.vm.backup!;
      item = relocatedBackup(
        ctx,
        this.vm,
        vault,
        vault === plan.vault ? plan.policy : plan.afterFailover!.policy,
        at,
      );
      this.items.set(vault, item);
    } else if (!item.resume() && item.state !== 'protected') return null; // in soft delete: undelete first
    // The schedule's guarantee follows the VM: the new item's first window opens at the last point before.
    item.exposure.continueFrom(this.current.exposure);
    this.current = item;
    this.vault = vault;
    return vault;
  }
}
