// The Backup Reports views over a time range, as Azure's workbook defines them
// (docs/reference.md §16.3, docs/reference.md §9): "last N days" is the last N
// completed UTC days; jobs count when triggered in the range; cloud storage and protected
// instances are their values at the range's end; items deleted before the end are not shown;
// a range longer than the workspace's retention is cut to it. Lists are cut to `top` entries.

import { MS } from '../../engine/units.js';
import type { RetentionThresholds } from '../scenario/diagnostics.js';
import { adherence } from './adherence.js';
import type { ItemRecord, ReportsCollector } from './collect.js';
import type {
  BackupReportsResult,
  ItemRow,
  JobsView,
  Listed,
  OptimizeView,
  PolicyRow,
  ReportRange,
  SummaryView,
  UsageView,
} from './types.js';

/** How the views are computed. */
export interface ViewOptions {
  /** The last N completed days; null: everything the workspace keeps. */
  rangeDays: number | null;
  /** Optimize: no recovery point for this many days makes an item inactive (§16.3: 7 by default). */
  inactiveAfterDays: number;
  /** Optimize: retention above these values is listed. */
  retentionAbove: RetentionThresholds;
  /** Longest list shown per table. */
  top: number;
}

const MB = 2 ** 20;
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every view of the collected tables over the options' range. */
export function backupReports(c: ReportsCollector, options: ViewOptions): BackupReportsResult {
  const kept = Math.floor(c.retention / MS.day);
  const asked = options.rangeDays;
  const days = Math.max(0, Math.min(asked ?? c.days, c.days, kept));
  const cutBy =
    asked === null ? null : days >= asked ? null : kept < Math.min(asked, c.days) ? 'retention' : 'run';
  const first = c.days - days;
  const date = (d: number) => new Date(c.day0 + d * MS.day).toISOString().slice(0, 10);
  const range: ReportRange = { from: date(first), to: date(c.days), days, asked, cutBy };
  // Items still there at the end of the range (§16.3: items deleted mid-range are not shown).
  const present = [...c.items.values()].filter((it) => it.lastDay === c.days - 1);
  const policyName = (id: string | null) =>
    id === null ? null : (c.policies.get(id)?.name ?? id.replace(/^policies\//, ''));
  const cut = <T>(rows: T[]): Listed<T> => ({ rows: rows.slice(0, options.top), total: rows.length });
  const items: ItemRow[] = present
    .map((it) => ({
      item: it.id,
      type: it.type,
      vault: it.vault,
      policy: policyName(it.policy),
      protectionState: it.protection ?? '',
      cloudStorageBytes: it.cloudMB * MB,
      frontEndBytes: it.frontEndMB === null ? null : it.frontEndMB * MB,
      latestRecoveryPoint: it.latestPoint === null ? null : new Date(it.latestPoint).toISOString(),
    }))
    .sort((a, b) => b.cloudStorageBytes - a.cloudStorageBytes || byName(a.item, b.item));
  return {
    range,
    summary: summary(c, present, first),
    items: cut(items),
    usage: usage(c, present, first, days, date, cut),
    jobs: jobs(c, first, date, cut),
    policies: policies(c, present),
    optimize: optimize(c, present, options, policyName, cut),
    adherence: adherence(c, first, days, date, policyName, options.top),
  };
}

function summary(c: ReportsCollector, present: ItemRecord[], first: number): SummaryView {
  const byType = new Map<string, { completed: number; failed: number }>();
  for (const it of [...c.items.values()].sort((a, b) => byName(a.id, b.id))) {
    const type = it.type || 'unknown';
    const t = byType.get(type) ?? { completed: 0, failed: 0 };
    for (let d = first; d < c.days; d++) {
      t.completed += it.ok[d];
      t.failed += it.failed[d];
    }
    byType.set(type, t);
  }
  return {
    backupItems: present.length,
    cloudStorageBytes: present.reduce((s, it) => s + it.cloudMB * MB, 0),
    protectedInstances:
      present.reduce((s, it) => s + it.instances, 0) +
      presentContainers(c).reduce((s, [, x]) => s + x.instances, 0),
    jobs: [...byType]
      .filter(([, t]) => t.completed + t.failed > 0)
      .sort(([a], [b]) => byName(a, b))
      .map(([type, t]) => ({
        type,
        ...t,
        successRate: t.completed + t.failed === 0 ? null : t.completed / (t.completed + t.failed),
      })),
  };
}

// Containers whose own ProtectedInstance rows reach the range's end, by name.
function presentContainers(c: ReportsCollector): [string, { vault: string; instances: number }][] {
  return [...c.containers].filter(([, x]) => x.lastDay === c.days - 1).sort(([a], [b]) => byName(a, b));
}

function usage(
  c: ReportsCollector,
  present: ItemRecord[],
  first: number,
  days: number,
  date: (d: number) => string,
  cut: <T>(rows: T[]) => Listed<T>,
): UsageView {
  // A billing entity is a protected container under one workload (§16.3: SQL's at the VM level),
  // so a VM backed up as a VM and hosting SQL databases is two entities.
  const entities = new Map<
    string,
    { container: string; type: string; vault: string; protectedInstances: number; cloudStorageBytes: number }
  >();
  const workloadOf = new Map<string, string>();
  for (const it of present) {
    const key = `${it.container}\u0000${it.management}`;
    const e = entities.get(key) ?? {
      container: it.container,
      type: it.type,
      vault: it.vault,
      protectedInstances: 0,
      cloudStorageBytes: 0,
    };
    e.protectedInstances += it.instances;
    e.cloudStorageBytes += it.cloudMB * MB;
    entities.set(key, e);
    if (it.management !== 'IaaSVM') workloadOf.set(it.container, key);
  }
  // Instances counted at the container (SQL: the VM), not at an item (§16.1): an Azure VM's are
  // per item, so a container's own row belongs to its other workload's entity.
  for (const [container, x] of presentContainers(c)) {
    const key = workloadOf.get(container) ?? `${container}\u0000`;
    const e = entities.get(key) ?? {
      container,
      type: '',
      vault: x.vault,
      protectedInstances: 0,
      cloudStorageBytes: 0,
    };
    e.protectedInstances += x.instances;
    entities.set(key, e);
  }
  const daily: UsageView['daily'] = [];
  let instanceDays = 0;
  for (let d = first; d < c.days; d++) {
    daily.push({ day: date(d), protectedInstances: c.instances[d], cloudStorageBytes: c.storageMB[d] * MB });
    instanceDays += c.instances[d];
  }
  // A container that bills nothing (an item that never backed up, §2.6) is no billing entity.
  const list = [...entities.values()]
    .filter((e) => e.protectedInstances > 0 || e.cloudStorageBytes > 0)
    .sort(
      (a, b) =>
        b.protectedInstances - a.protectedInstances ||
        b.cloudStorageBytes - a.cloudStorageBytes ||
        byName(a.container, b.container) ||
        byName(a.type, b.type),
    );
  return {
    protectedInstances: list.reduce((s, e) => s + e.protectedInstances, 0),
    cloudStorageBytes: list.reduce((s, e) => s + e.cloudStorageBytes, 0),
    protectedInstanceDays: instanceDays,
    averageProtectedInstances: days === 0 ? 0 : instanceDays / days,
    entities: cut(list),
    daily,
  };
}

function jobs(
  c: ReportsCollector,
  first: number,
  date: (d: number) => string,
  cut: <T>(rows: T[]) => Listed<T>,
): JobsView {
  const daily: JobsView['daily'] = [];
  for (let d = first; d < c.days; d++) daily.push({ day: date(d), completed: 0, failed: 0 });
  const perItem: { item: string; failed: number; completed: number }[] = [];
  for (const it of c.items.values()) {
    let failed = 0;
    let completed = 0;
    for (let d = first; d < c.days; d++) {
      daily[d - first].completed += it.ok[d];
      daily[d - first].failed += it.failed[d];
      failed += it.failed[d];
      completed += it.ok[d];
    }
    if (failed > 0) perItem.push({ item: it.id, failed, completed });
  }
  const causes = [...c.failuresByCode]
    .map(([code, perDay]) => {
      let n = 0;
      for (let d = first; d < c.days; d++) n += perDay[d];
      return { code, failed: n };
    })
    .filter((x) => x.failed > 0)
    .sort((a, b) => b.failed - a.failed || byName(a.code, b.code));
  return {
    completed: daily.reduce((s, x) => s + x.completed, 0),
    failed: daily.reduce((s, x) => s + x.failed, 0),
    daily,
    causes,
    items: cut(perItem.sort((a, b) => b.failed - a.failed || byName(a.item, b.item))),
  };
}

function policies(c: ReportsCollector, present: ItemRecord[]): PolicyRow[] {
  return [...c.policies.values()]
    .map((p) => {
      const members = present.filter((it) => it.policy === p.id);
      return {
        policy: p.name,
        vaults: p.vaults,
        type: p.management,
        frequency: p.frequency,
        items: members.length,
        cloudStorageBytes: members.reduce((s, it) => s + it.cloudMB * MB, 0),
      };
    })
    .sort((a, b) => byName(a.policy, b.policy));
}

const TIERS = ['daily', 'weekly', 'monthly', 'yearly'] as const;

function optimize(
  c: ReportsCollector,
  present: ItemRecord[],
  options: ViewOptions,
  policyName: (id: string | null) => string | null,
  cut: <T>(rows: T[]) => Listed<T>,
): OptimizeView {
  const end = c.end;
  const window = options.inactiveAfterDays * MS.day;
  const inactive = present
    .filter((it) => it.latestPoint === null || it.latestPoint < end - window)
    .map((it) => ({
      item: it.id,
      vault: it.vault,
      policy: policyName(it.policy),
      latestRecoveryPoint: it.latestPoint === null ? null : new Date(it.latestPoint).toISOString(),
      daysWithout: it.latestPoint === null ? null : Math.floor((end - it.latestPoint) / MS.day),
    }))
    .sort(
      (a, b) =>
        (b.daysWithout ?? Number.POSITIVE_INFINITY) - (a.daysWithout ?? Number.POSITIVE_INFINITY) ||
        byName(a.item, b.item),
    );
  const retention: OptimizeView['retention']['rows'] = [];
  const schedule: OptimizeView['schedule']['rows'] = [];
  for (const it of [...present].sort((a, b) => byName(a.id, b.id))) {
    const p = it.policy === null ? undefined : c.policies.get(it.policy);
    if (p === undefined) continue;
    for (const tier of TIERS) {
      const kept = p.retention[tier];
      const above = options.retentionAbove[tier];
      if (kept !== null && kept > above) retention.push({ item: it.id, policy: p.name, tier, kept, above });
    }
    // §16.3: databases on a daily full backup (a weekly full with daily differentials costs less).
    if (p.management === 'AzureWorkload' && p.frequency === 'Daily')
      schedule.push({ item: it.id, policy: p.name });
  }
  return {
    inactiveAfterDays: options.inactiveAfterDays,
    inactive: cut(inactive),
    retention: cut(retention),
    schedule: cut(schedule),
  };
}
