// The workloads besides Azure VMs and MARS servers (issue 17): SQL Server in Azure VMs,
// Azure file shares and MABS/DPM servers, raw → typed (each in its own module).

import type { Region, Vault, Vm } from '../../models/scenario/types.js';
import type { Workloads } from '../../models/scenario/workloads.js';
import type { Context } from './context.js';
import { normaliseBackupServers } from './dpm.js';
import { normaliseFilePolicies, normaliseFileShares } from './files.js';
import { normaliseSqlDatabases, normaliseSqlPolicies } from './sql.js';

/** What the workloads refer to in the rest of the scenario. */
export interface WorkloadRefs {
  regions: ReadonlyMap<string, Region>;
  vaults: ReadonlyMap<string, Vault>;
  declaredVaults: ReadonlySet<string>;
  vms: readonly Vm[];
  /** Every fleet group declared, including groups with issues of their own (not in `vms`). */
  declaredGroups: ReadonlySet<string>;
}

/** Every workload section of a raw scenario, typed (empty lists for the sections it lacks). */
export function normaliseWorkloads(
  ctx: Context,
  raw: Record<string, unknown>,
  refs: WorkloadRefs,
): Workloads {
  const list = (field: string) => (raw[field] as never[] | undefined) ?? [];
  const sqlPolicies = normaliseSqlPolicies(ctx, list('sqlPolicies'));
  const sqlDatabases = normaliseSqlDatabases(ctx, list('sqlDatabases'), {
    ...refs,
    policies: new Set((list('sqlPolicies') as { name: string }[]).map((p) => p.name)),
    loaded: sqlPolicies,
  });
  const filePolicies = normaliseFilePolicies(ctx, list('fileSharePolicies'));
  const fileShares = normaliseFileShares(ctx, list('fileShares'), {
    ...refs,
    policies: filePolicies,
    declaredPolicies: new Set((list('fileSharePolicies') as { name: string }[]).map((p) => p.name)),
  });
  return {
    sqlPolicies: [...sqlPolicies.values()],
    sqlDatabases,
    fileSharePolicies: [...filePolicies.values()],
    fileShares,
    backupServers: normaliseBackupServers(ctx, list('backupServers'), refs.vaults),
  };
}
