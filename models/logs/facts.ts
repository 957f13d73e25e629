// What the diagnostic tables say about a run's items and policies, read from the scenario: an
// item's type, management type and protected container (Azure VM: the VM; MARS: the server;
// SQL: the VM hosting the databases, the billing entity of §12.7), a policy's schedule and
// retention, and an item's protected-instance count, from the same price table and rule as
// the cost model (docs/reference.md §8.2), so Usage and the bill agree.

import { MS } from '../../engine/units.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { ProtectedItem, VaultRuntime } from '../backup/world.js';
import { weekdayName } from '../calendar.js';
import { BYTES_PER_GB, DEFAULT_PRICES, mergePrices } from '../pricing/defaults.js';
import type { PriceTable } from '../pricing/types.js';
import type { Policy, Retention, Scenario, Schedule } from '../scenario/types.js';
import type { JobGroups } from '../workloads/setup.js';
import type { ItemFacts, PolicyFacts } from './rows.js';

/** One backup item of Azure's tables inside a model's item: SQL in a VM, each database of it. */
export interface LogItem {
  /** BackupItemUniqueId: the id its jobs report (a database: `<vm>/<name>`). */
  id: string;
  /** Its front-end (protected) size, bytes. */
  frontEndBytes: number;
  /** What it holds in vault-standard and vault-archive now, bytes (the ledger's share of it). */
  standardBytes: number;
  archiveBytes: number;
}

/**
 * A model item that Azure's tables show as several backup items (§16.3: "cloud storage per
 * item (e.g. each SQL DB)"): SQL databases, whose vault item is the VM's databases under one
 * policy (models/sql/item.ts). Its protected instances stay one row per protected container
 * (§16.1: "for other workloads ... at the protected container level").
 */
export interface SplitItem {
  /** Its backup items that have a backup in the vault by `now`, in order. */
  logItems(now: number): readonly LogItem[];
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
      }
    }
  return out;
}

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
    });
  }
  return [...seen.values()];
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
