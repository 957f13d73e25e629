// Wires the workloads of issue 17 into a run: SQL Server in Azure VMs (models/sql), Azure
// file shares (models/files) and MABS/DPM servers (models/dpm). Each protected item joins
// its vault's items (the daily round visits it) and a job group (`sql:<policy>`,
// `files:<policy>`, `dpm:<server group>`), and its bytes count in its vault's ledger under
// that group's part (billing by policy). Nothing here is built for a scenario without them.

import { Pool } from '../../engine/pool.js';
import { createStreams, type Streams } from '../../engine/random.js';
import { type FailureCause, JobStats } from '../backup/stats.js';
import type { ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import { DpmMachine } from '../dpm/machine.js';
import { ServerRuntime } from '../dpm/server.js';
import { Outages, resolveFaults } from '../dr/faults.js';
import { FilesItem } from '../files/item.js';
import type { BackupSignals } from '../monitor/signals.js';
import type { JobKind } from '../results/types.js';
import type { BackupServerResult, WorkloadKind, WorkloadsResult } from '../results/workloads.js';
import type { Scenario } from '../scenario/types.js';
import type { BackupServer, FileShare, SqlDatabase } from '../scenario/workloads.js';
import { SqlItem } from '../sql/item.js';
import { SqlRecoveries } from '../sql/recovery.js';
import { grownUsed } from '../workload/growth.js';
import { WorkloadGroup } from './group.js';

/** §12.4: DefaultBackupTasksThreshold, "20" (localized FAQ copies): concurrent backups per VM. */
export const SQL_TASKS_PER_VM = 20;

/** A run's job groups as simulate keeps them. */
export type JobGroups = Map<string, { stats: JobStats; items: ProtectedItem[]; kind: JobKind }>;

/** The workloads of a run, before and after the event loop. */
export interface WorkloadsRun {
  /**
   * Reports the items' jobs: SQL databases' and file shares' to `signals` (the monitor's Backup
   * Health Events and built-in alerts, and the jobs table), MABS/DPM machines' to `tables` only
   * (the jobs table: Azure Backup's metrics do not cover them, docs/reference.md §7.5).
   */
  observe(signals: BackupSignals | null, tables: BackupSignals | null): void;
  /** Schedules the items' first events; call once world.eagerStarts is set. */
  start(): void;
  /** The results once the run has ended (`days`: its daily rounds). */
  finish(days: number): WorkloadsResult;
}

// SQL databases grouped by (VM, policy), in scenario order: one protected item each.
function sqlItemsOf(dbs: readonly SqlDatabase[]): { vm: string; policy: string; dbs: SqlDatabase[] }[] {
  const out = new Map<string, { vm: string; policy: string; dbs: SqlDatabase[] }>();
  for (const db of dbs) {
    const key = `${db.vm}/sql/${db.policy}`;
    const entry = out.get(key);
    if (entry === undefined) out.set(key, { vm: db.vm, policy: db.policy, dbs: [db] });
    else entry.dbs.push(db);
  }
  return [...out.values()];
}

// File shares grouped by (storage account, policy), in scenario order: one protected item each.
function fileItemsOf(
  shares: readonly FileShare[],
): { account: string; policy: string; shares: FileShare[] }[] {
  const out = new Map<string, { account: string; policy: string; shares: FileShare[] }>();
  for (const share of shares) {
    const key = `${share.storageAccount}/files/${share.policy}`;
    const entry = out.get(key);
    if (entry === undefined)
      out.set(key, { account: share.storageAccount, policy: share.policy, shares: [share] });
    else entry.shares.push(share);
  }
  return [...out.values()];
}

// The machines of a MABS/DPM server: `<server>/<protection group>-NNN`, groups in order.
function machinesOf(server: BackupServer): { id: string; pg: BackupServer['protectionGroups'][number] }[] {
  return server.protectionGroups.flatMap((pg) => {
    const width = Math.max(3, String(pg.machines).length);
    return Array.from({ length: pg.machines }, (_, k) => ({
      id: `${server.id}/${pg.name}-${String(k + 1).padStart(width, '0')}`,
      pg,
    }));
  });
}

/**
 * The ledger parts the workloads add (after the Azure VM policies and MARS groups): per
 * vault, each item id and its part (`sql:<policy>`, …), and the parts' order.
 */
export function workloadParts(scenario: Scenario): { order: string[]; members: [string, string, string][] } {
  const w = scenario.workloads;
  const members: [string, string, string][] = [];
  for (const g of sqlItemsOf(w.sqlDatabases))
    members.push([g.dbs[0].vault, `${g.vm}/sql/${g.policy}`, `sql:${g.policy}`]);
  // A share's vault points are a chain of its own in the ledger, under its id.
  for (const g of fileItemsOf(w.fileShares)) {
    const part = `files:${g.policy}`;
    members.push([g.shares[0].vault, `${g.account}/files/${g.policy}`, part]);
    for (const share of g.shares) members.push([share.vault, share.id, part]);
  }
  for (const server of w.backupServers)
    for (const m of machinesOf(server)) members.push([server.vault, m.id, `dpm:${server.group}`]);
  return {
    order: [
      ...w.sqlPolicies.map((p) => `sql:${p.name}`),
      ...w.fileSharePolicies.map((p) => `files:${p.name}`),
      ...w.backupServers.map((s) => `dpm:${s.group}`),
    ],
    members,
  };
}

/** Builds every workload item of the scenario, adds it to its vault and job group. */
export function setupWorkloads(
  world: World,
  scenario: Scenario,
  vaults: ReadonlyMap<string, VaultRuntime>,
  groups: JobGroups,
  seed: number,
): WorkloadsRun {
  const w = scenario.workloads;
  const byGroup = new Map<string, WorkloadGroup>();
  const groupOf = (kind: WorkloadKind, name: string): WorkloadGroup => {
    let g = byGroup.get(name);
    if (g === undefined) {
      const stats = new JobStats();
      groups.set(name, { stats, items: [], kind });
      g = new WorkloadGroup(kind, name, stats);
      byGroup.set(name, g);
    }
    return g;
  };
  const add = (item: ProtectedItem, vault: VaultRuntime, group: WorkloadGroup) => {
    vault.items.push(item);
    groups.get(group.name)!.items.push(item);
  };
  // SQL: a VM's databases share its backup tasks; its first item bills the SQL Server (§12.7).
  const sqlPolicies = new Map(w.sqlPolicies.map((p) => [p.name, p]));
  const sqlItems: SqlItem[] = [];
  for (const p of w.sqlPolicies)
    if (w.sqlDatabases.some((db) => db.policy === p.name)) groupOf('sql', `sql:${p.name}`);
  const tasks = new Map<string, Pool>();
  const billed = new Set<string>();
  for (const g of sqlItemsOf(w.sqlDatabases)) {
    const vault = vaults.get(g.dbs[0].vault)!;
    let pool = tasks.get(g.vm);
    if (pool === undefined) {
      pool = new Pool(world.sim, { name: `sql/${g.vm}/tasks`, slots: SQL_TASKS_PER_VM, handoff: true });
      tasks.set(g.vm, pool);
    }
    const onVm = w.sqlDatabases.filter((db) => db.vm === g.vm);
    const size = billed.has(g.vm)
      ? null
      : (t: number) =>
          onVm.reduce((sum, db) => sum + grownUsed(db.size, db.growth, Number.POSITIVE_INFINITY, t), 0);
    billed.add(g.vm);
    const group = groupOf('sql', `sql:${g.policy}`);
    const item = new SqlItem(world, g.vm, sqlPolicies.get(g.policy)!, g.dbs, vault, pool, group, size);
    add(item, vault, group);
    sqlItems.push(item);
  }
  // Files: a storage account's first item bills the account (§13.6: the protected shares' total size).
  const outages =
    scenario.faults.length > 0 ? new Outages(resolveFaults(scenario.faults, createStreams(seed))) : null;
  const blocked = (region: string, t: number): FailureCause | null =>
    outages?.regionDown(region, t) === true ? 'region-outage' : null;
  const filePolicies = new Map(w.fileSharePolicies.map((p) => [p.name, p]));
  for (const p of w.fileSharePolicies)
    if (w.fileShares.some((share) => share.policy === p.name)) groupOf('files', `files:${p.name}`);
  const fileItems: FilesItem[] = [];
  const accounts = new Set<string>();
  for (const g of fileItemsOf(w.fileShares)) {
    const vault = vaults.get(g.shares[0].vault)!;
    const inAccount = w.fileShares.filter((share) => share.storageAccount === g.account);
    const size = accounts.has(g.account)
      ? null
      : (t: number) =>
          inAccount.reduce((sum, x) => sum + grownUsed(x.size, x.growth, Number.POSITIVE_INFINITY, t), 0);
    accounts.add(g.account);
    const group = groupOf('files', `files:${g.policy}`);
    const item = new FilesItem(
      world,
      g.account,
      filePolicies.get(g.policy)!,
      g.shares,
      vault,
      group,
      blocked,
      size,
    );
    add(item, vault, group);
    fileItems.push(item);
  }
  // MABS/DPM: each protected machine is an item (and a protected instance, §14.6).
  const servers: { runtime: ServerRuntime; machines: DpmMachine[] }[] = [];
  for (const spec of w.backupServers) {
    const vault = vaults.get(spec.vault)!;
    const runtime = new ServerRuntime(world.sim, spec, world.origin, world.horizon);
    const group = groupOf('dpm', `dpm:${spec.group}`);
    const vaultDown = (t: number) => blocked(vault.spec.region, t) !== null;
    const machines = machinesOf(spec).map((m) => {
      const item = new DpmMachine(world, m.id, m.pg, runtime, vault, group, vaultDown);
      add(item, vault, group);
      group.items++;
      return item;
    });
    servers.push({ runtime, machines });
  }
  const sqlRecoveries =
    sqlItems.length > 0 && scenario.faults.length > 0
      ? new SqlRecoveries(world.sim, scenario, seed, world.streams as Streams)
      : null;
  return {
    observe(signals, tables) {
      if (signals !== null) for (const item of [...sqlItems, ...fileItems]) item.observe(signals);
      if (tables !== null) for (const s of servers) for (const m of s.machines) m.observe(tables);
    },
    start() {
      for (const item of sqlItems) item.start();
      for (const item of fileItems) item.start();
      for (const s of servers) {
        s.runtime.start();
        for (const m of s.machines) m.start();
      }
      sqlRecoveries?.start(sqlItems);
    },
    finish(days) {
      // The windows still open at the end of the run count among the gaps (databases, shares, machines).
      for (const item of sqlItems) item.closeGaps(world.horizon);
      for (const item of fileItems) item.closeGaps(world.horizon);
      for (const s of servers) for (const m of s.machines) m.closeGaps(world.horizon);
      return {
        groups: [...byGroup.values()].map((g) => g.result(days)),
        sqlRecoveries: sqlRecoveries?.results ?? [],
        fileRestores: fileItems
          .flatMap((item) => item.restores)
          .sort((a, b) =>
            a.at < b.at ? -1 : a.at > b.at ? 1 : a.share < b.share ? -1 : a.share > b.share ? 1 : 0,
          ),
        servers: servers.map((s) => serverResult(s.runtime, s.machines, scenario.start, world.horizon)),
      };
    },
  };
}

// A server's figures at the end of the run.
function serverResult(
  runtime: ServerRuntime,
  machines: readonly DpmMachine[],
  origin: number,
  horizon: number,
): BackupServerResult {
  const iso = (t: number) => new Date(origin + t).toISOString();
  const spec = runtime.spec;
  const vaultBytes = (m: DpmMachine) => m.vaultBytes();
  return {
    server: spec.id,
    kind: spec.kind,
    machines: machines.length,
    offline: spec.offline.map((o) => ({ from: iso(o.at), to: iso(Math.min(horizon, o.at + o.for)) })),
    stoppedAfter15Days: runtime.stoppedAfter15Days().map(iso),
    lostAt: Number.isNaN(runtime.lostAt) ? null : iso(runtime.lostAt),
    disk: {
      points: machines.reduce((n, m) => n + m.diskPoints, 0),
      bytes: machines.reduce((n, m) => n + m.diskBytes(horizon), 0),
    },
    vault: {
      points: machines.reduce((n, m) => n + m.vaultPoints, 0),
      bytes: machines.reduce((n, m) => n + vaultBytes(m), 0),
    },
  };
}
