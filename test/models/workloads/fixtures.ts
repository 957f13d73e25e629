// Builders for driving the workload models (SQL, files, DPM) directly: a vault runtime on a
// test world, and a job group.
import { Pool } from '../../../engine/pool.js';
import { JobStats } from '../../../models/backup/stats.js';
import { protectionOf, type VaultRuntime, type World } from '../../../models/backup/world.js';
import type { WorkloadKind } from '../../../models/results/workloads.js';
import type { Vault } from '../../../models/scenario/types.js';
import { Ledger } from '../../../models/storage/ledger.js';
import { WorkloadGroup } from '../../../models/workloads/group.js';

/** An LRS vault `rsv` in eastus with no link, no soft delete, one transfer slot. */
export function aVaultRuntime(world: World, overrides: Partial<Vault> = {}): VaultRuntime {
  const spec: Vault = {
    name: 'rsv',
    region: 'eastus',
    redundancy: 'LRS',
    crossRegionRestore: false,
    softDelete: null,
    softDeleteAlwaysOn: false,
    immutability: 'disabled',
    resourceGuard: null,
    link: null,
    maxConcurrentTransfers: 1,
    ...overrides,
  };
  return {
    spec,
    ledger: new Ledger(spec.name),
    pool: new Pool(world.sim, { name: 'rsv/transfers', slots: spec.maxConcurrentTransfers, handoff: true }),
    link: null,
    items: [],
    protection: protectionOf(spec),
  };
}

/** A job group of a workload with fresh statistics. */
export const aGroup = (kind: WorkloadKind, name = `${kind}:p`): WorkloadGroup =>
  new WorkloadGroup(kind, name, new JobStats());
