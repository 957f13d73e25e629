// What the diagnostic tables say about a run's items and policies, read from the scenario: an
// item's type, management type and protected container (Azure VM: the VM; MARS: the server;
// SQL: the VM hosting the databases, the billing entity of §12.7; file shares: the storage
// account, §13.6; MABS/DPM: the server, §14.6), a policy's schedule and retention, and an
// item's protected-instance count, from the same price table and rule as the cost model
// (docs/reference.md §8.2), so Usage and the bill agree.

import { MS } from '../../engine/units.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { ProtectedItem, VaultRuntime } from '../backup/world.js';
import { weekdayName } from '../calendar.js';
import type { DpmMachine } from '../dpm/machine.js';
import type { FilesItem } from '../files/item.js';
import { BYTES_PER_GB, DEFAULT_PRICES, mergePrices } from '../pricing/defaults.js';
import type { PriceTable } from '../pricing/types.js';
import type { Policy, Retention, Scenario, Schedule } from '../scenario/types.js';
import type { BackupServer, DpmWorkload, ProtectionGroup } from '../scenario/workloads.js';
import type { JobGroups } from '../workloads/setup.js';
import type { ItemFacts, PolicyFacts } from './rows.js';

/** One backup item of Azure's tables inside a model's item: a SQL database, a file share, a MABS/DPM datasource. */
export interface LogItem {
  /** BackupItemUniqueId: the id its jobs report (a database `<vm>/<name>`, a share `<account>/<name>`, a machine `<server>/<group>-NNN`). */
  id: string;
  /** Its front-end (protected) size, bytes. */
  frontEndBytes: number;
  /** What it holds in vault-standard and vault-archive now, bytes (the ledger's share of it). */
  standardBytes: number;
  archiveBytes: number;
}

/**
 * A model item whose backup items Azure's tables show one by one (§16.3: "cloud storage per
 * item (e.g. each SQL DB)"), with their protected instances at the protected container
 * (§16.1: "for other workloads ... at the protected container level"): SQL databases (the
 * vault item is the VM's databases under one policy, models/sql/item.ts), file shares (a
 * storage account's shares under one policy, models/files/item.ts) and the machine a MABS/DPM
 * server protects (models/dpm/machine.ts), counted at its server.
 */
export interface SplitItem {
  /** Its backup items (protected from the start of the run, backed up yet or not), in order. */
  logItems(now: number): readonly LogItem[];
  /** Bytes it keeps on its protected container's own storage at t (a MABS/DPM machine); absent when it keeps none there. */
  diskBytes?(t: number): number;
}

/** Whether a model item is shown as several backup items. */
export function isSplit(item: ProtectedItem): item is ProtectedItem & SplitItem {
  return typeof (item as Partial<SplitItem>).logItems === 'function';
}

/** Each item's facts, from the job group it is in. */
export function itemFacts(scenario: Scenario, groups: JobGroups): Map<ProtectedItem, ItemFacts> {
  const vaultOf = new Map<string, string>();
  for (const vm of scenario.vms) if (vm.backup !== null) vaultOf.set(vm.id, vm.backup.vault);
  for (const s of scenario.servers) vaultOf.set(s.id, s.vault);
  const out = new Map<ProtectedItem, ItemFacts>();
  for (const [group, g] of groups)
    for (const item of g.items) {
      const base = { item: item.id, vault: vaultOf.get(item.id) ?? '', container: item.id };
      if (g.kind === 'azure-vm') out.set(item, { ...base, type: 'VM', management: 'IaaSVM', policy: group });
      else if (g.kind === 'mars')
        out.set(item, { ...base, type: 'FileFolder', management: 'MAB', policy: null });
      else if (g.kind === 'sql') {
        const vm = item.id.split('/')[0];
        const db = scenario.workloads.sqlDatabases.find((d) => d.vm === vm);
        out.set(item, {
          ...base,
          vault: db?.vault ?? '',
          container: vm,
          type: 'SQLDataBase',
          management: 'AzureWorkload',
          policy: group.replace(/^sql:/, ''),
        });
      } else if (g.kind === 'files') {
        const f = item as FilesItem;
        out.set(item, {
          ...base,
          vault: f.shares[0]?.spec.vault ?? '',
          container: f.account,
          ...FILE_SHARE,
          policy: f.policy.name,
        });
      } else if (g.kind === 'dpm') {
        const m = item as DpmMachine;
        const server = m.server.spec;
        out.set(item, {
          ...base,
          vault: server.vault,
          container: server.id,
          type: DPM_TYPES[m.pg.workload],
          management: DPM_MANAGEMENT[server.kind],
          group: m.pg.name,
          policy: dpmPolicy(server, m.pg.name),
        });
      }
    }
  return out;
}

// BackupItemType and BackupManagementType of the workloads whose values the data model does
// not list (§16.1 gives examples only: VM, FileFolder; IaaSVM, FileFolder): the names of Azure
// Backup's REST API (assumption).
const FILE_SHARE = { type: 'AzureFileShare', management: 'AzureStorage' } as const;
const DPM_TYPES: Readonly<Record<DpmWorkload, string>> = {
  files: 'FileFolder',
  sql: 'SQLDB',
  'hyper-v': 'VM',
};
const DPM_MANAGEMENT: Readonly<Record<BackupServer['kind'], string>> = {
  dpm: 'DPM',
  mabs: 'AzureBackupServer',
};

// A MABS/DPM protection group as a policy: protection groups are a server's own.
const dpmPolicy = (server: BackupServer, group: string) => `${server.id}/${group}`;

/** The policies a vault's items are under now, in the order their items come, as Policy rows describe them. */
export function policyFacts(scenario: Scenario, v: VaultRuntime): PolicyFacts[] {
  const seen = new Map<string, PolicyFacts>();
  for (const item of v.items) {
    if (item instanceof VmBackup) {
      const p = item.policyNow;
      if (!seen.has(p.name)) seen.set(p.name, vmPolicy(p, v.spec.name));
    }
  }
  for (const db of scenario.workloads.sqlDatabases) {
    if (db.vault !== v.spec.name || seen.has(db.policy)) continue;
    const p = scenario.workloads.sqlPolicies.find((x) => x.name === db.policy);
    if (p === undefined) continue;
    seen.set(db.policy, {
      ...scheduleFacts(p.full),
      name: p.name,
      vault: v.spec.name,
      subType: 'Standard',
      management: 'AzureWorkload',
      retention: retentionFacts(p.retention),
      log:
        p.log === null
          ? null
          : { everyMinutes: p.log.every / MS.minute, retentionDays: p.log.retention / MS.day },
      differential:
        p.differential === null
          ? null
          : {
              days: p.differential.days.map(weekdayName).join(', '),
              retentionDays: p.differential.retention / MS.day,
            },
    });
  }
  for (const share of scenario.workloads.fileShares) {
    if (share.vault !== v.spec.name || seen.has(share.policy)) continue;
    const p = scenario.workloads.fileSharePolicies.find((x) => x.name === share.policy);
    if (p === undefined) continue;
    seen.set(p.name, {
      ...scheduleFacts(p.schedule),
      name: p.name,
      vault: v.spec.name,
      subType: 'Standard',
      management: FILE_SHARE.management,
      retention: retentionFacts(p.retention),
      log: null,
    });
  }
  for (const server of scenario.workloads.backupServers)
    if (server.vault === v.spec.name)
      for (const pg of server.protectionGroups) seen.set(dpmPolicy(server, pg.name), dpmFacts(server, pg, v));
  return [...seen.values()];
}

// A protection group's online goals (§14.2: at most twice a day, GFS retention) as a Policy row.
function dpmFacts(server: BackupServer, pg: ProtectionGroup, v: VaultRuntime): PolicyFacts {
  return {
    name: dpmPolicy(server, pg.name),
    vault: v.spec.name,
    subType: 'Standard',
    management: DPM_MANAGEMENT[server.kind],
    frequency: 'Daily',
    times: pg.online.times.map(hhmm).join(', '),
    days: '',
    intervalHours: null,
    windowHours: null,
    retention: retentionFacts(pg.online.retention),
    log: null,
    // §14.1: synchronised to disk every `sync` (15 minutes for SQL Server, an hour otherwise).
    syncPerDay: Math.floor(MS.day / pg.disk.sync),
    timeZone: pg.online.timeZone,
  };
}

function vmPolicy(p: Policy, vault: string): PolicyFacts {
  return {
    ...scheduleFacts(p.schedule),
    name: p.name,
    vault,
    subType: p.type === 'enhanced' ? 'Enhanced' : 'Standard',
    management: 'IaaSVM',
    retention: retentionFacts(p.retention),
    log: null,
  };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

function scheduleFacts(
  s: Schedule,
): Pick<PolicyFacts, 'frequency' | 'times' | 'days' | 'intervalHours' | 'windowHours' | 'timeZone'> {
  const hourly = s.frequency === 'hourly';
  return {
    frequency: hourly ? 'Hourly' : s.frequency === 'weekly' ? 'Weekly' : 'Daily',
    times: hhmm(s.at),
    days: s.frequency === 'weekly' ? s.days.map(weekdayName).join(', ') : '',
    intervalHours: hourly && s.every !== null ? s.every / MS.hour : null,
    windowHours: hourly ? s.window / MS.hour : null,
    timeZone: s.timeZone,
  };
}

function retentionFacts(r: Retention): PolicyFacts['retention'] {
  return {
    daily: r.daily,
    weekly: r.weekly?.count ?? null,
    monthly: r.monthly?.count ?? null,
    yearly: r.yearly?.count ?? null,
  };
}

const tables = new WeakMap<Scenario, PriceTable>();

/** Protected instances of an item of `usedBytes` in `region`: §8.2's units, from the scenario's price table. */
export function instanceUnits(scenario: Scenario, region: string, usedBytes: number): number {
  let prices = tables.get(scenario);
  if (prices === undefined) {
    prices = mergePrices(DEFAULT_PRICES, scenario.prices);
    tables.set(scenario, prices);
  }
  const own = Object.hasOwn(prices.regions, region) ? prices.regions[region] : undefined;
  const p = (own ?? prices).protectedInstance;
  if (usedBytes <= p.smallMaxGB.value * BYTES_PER_GB) return 1;
  return Math.ceil(usedBytes / (p.blockGB.value * BYTES_PER_GB));
}
