// SQL Server in Azure VM backup: raw `sqlPolicies` and `sqlDatabases` → typed, with Azure's
// rules checked and cited (docs/reference.md §12.2, §12.4; docs/reference.md §2.4,
// §2.5). Databases are expanded per VM of their host fleet group.

import { type Millis, MS, millis } from '../../engine/units.js';
import { parseWeekday, weekdayName } from '../../models/calendar.js';
import type { Retention, Schedule, Vault, Vm } from '../../models/scenario/types.js';
import type { SqlDatabase, SqlPolicy } from '../../models/scenario/workloads.js';
import { MSG } from '../messages.js';
import { SQL_MSG } from '../messages-workloads.js';
import {
  formatDuration,
  parseDuration,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
} from '../units.js';
import { type Context, normaliseByName } from './context.js';
import { readChurn } from './fleet.js';
import { normaliseRetention, type RawRetention } from './policies.js';

type Weekdays = string | string[];

type RawSqlPolicy = {
  name: string;
  full: { frequency: 'daily' | 'weekly'; at: string; days?: Weekdays; timeZone?: string };
  differential?: { days: Weekdays; at?: string; retention: string };
  log?: { every: string; retention: string };
  retention: RawRetention;
  compression?: boolean;
  archive?: { after?: string };
};

type RawFraction = { daily: unknown; spread?: string };

type RawSqlDatabases = {
  name: string;
  host: string;
  count?: number;
  size: string;
  growth?: string;
  churn?: RawFraction;
  log: RawFraction;
  recoveryModel?: 'full' | 'simple';
  compressionSaving?: string;
  vault: string;
  policy: string;
};

// §12.2: log intervals (API scheduleFrequencyInMins) and retention ranges, in days.
const LOG_INTERVALS = [15, 30, 60, 120, 240, 480, 720, 1440].map((m) => m * MS.minute);
const LOG_DAYS = { min: 7, max: 35 };
const DIFFERENTIAL_DAYS = { min: 7, max: 180 };
const MIN_RETENTION_DAYS = 7;
// §2.4: SQL full points may move to archive once 45 days old.
const ARCHIVE_MIN_AGE = 45 * MS.day;
// §12.4: at most 2,000 databases per server and per vault.
const MAX_DATABASES = 2000;
/** §12.2 (the Azure estimator): "80% compression" with SQL compression on, read as 80% smaller (assumption). */
export const DEFAULT_COMPRESSION_SAVING = 0.8;

const list = (v: Weekdays | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** SQL policies with every rule checked, by name. */
export function normaliseSqlPolicies(ctx: Context, raw: RawSqlPolicy[]): Map<string, SqlPolicy> {
  return normaliseByName(ctx, 'SQL policy', raw, 'sqlPolicies', normaliseSqlPolicy);
}

function normaliseSqlPolicy(ctx: Context, p: RawSqlPolicy, i: number): SqlPolicy | null {
  const at = (...more: (string | number)[]) => ['sqlPolicies', i, ...more];
  const full = readFull(ctx, p.full, at('full'));
  const days = list(p.full.days);
  // §12.2: "Minimum retention period for any type of backup … is seven days" (said here with
  // its source; the shared reader then sees a valid value and does not repeat it).
  const daily = p.retention.daily;
  if (daily !== undefined && daily < MIN_RETENTION_DAYS)
    ctx.add('policy-limit', at('retention', 'daily'), SQL_MSG.minimumRetention(daily));
  const retention = normaliseRetention(
    ctx,
    {
      ...p.retention,
      ...(daily !== undefined && daily < MIN_RETENTION_DAYS ? { daily: MIN_RETENTION_DAYS } : {}),
    },
    at('retention'),
    p.full.frequency,
    days,
  );
  const log = p.log === undefined ? null : readLog(ctx, p.log, at('log'));
  const differential =
    p.differential === undefined ? null : readDifferential(ctx, p, at('differential'), full, retention);
  const archive = readArchive(ctx, p.archive, at('archive'));
  if (full === null || log === undefined || differential === undefined || archive === undefined) return null;
  return { name: p.name, full, differential, log, retention, compression: p.compression ?? false, archive };
}

function readFull(ctx: Context, f: RawSqlPolicy['full'], path: (string | number)[]): Schedule | null {
  const timeZone =
    f.timeZone === undefined ? 'UTC' : ctx.unit(parseTimeZone, [...path, 'timeZone'], f.timeZone);
  const start = ctx.unit(parseTimeOfDay, [...path, 'at'], f.at);
  const days = list(f.days).map((d) => parseWeekday(d) as number);
  if (f.frequency === 'weekly' && days.length === 0) ctx.add('required', path, MSG.required('days'));
  if (f.frequency === 'daily' && f.days !== undefined)
    ctx.add('policy-limit', [...path, 'days'], MSG.fieldNotFor('days', 'daily', null));
  if (timeZone === null || start === null) return null;
  return {
    frequency: f.frequency,
    at: start,
    days: [...new Set(days)].sort(),
    every: null,
    window: millis(MS.day),
    timeZone,
  };
}

// A whole number of days within [min, max], else null after an issue from `message`.
function wholeDays(
  ctx: Context,
  path: (string | number)[],
  text: string,
  range: { min: number; max: number },
  message: (got: string) => string,
): Millis | null {
  const ms = ctx.unit(parseDuration, path, text);
  if (ms === null) return null;
  const days = ms / MS.day;
  if (!Number.isInteger(days) || days < range.min || days > range.max) {
    ctx.add('policy-limit', path, message(formatDuration(ms)), { allowed: `${range.min}d to ${range.max}d` });
    return null;
  }
  return ms;
}

function readLog(
  ctx: Context,
  l: NonNullable<RawSqlPolicy['log']>,
  path: (string | number)[],
): SqlPolicy['log'] | undefined {
  const every = ctx.unit(parseDuration, [...path, 'every'], l.every);
  if (every !== null && !LOG_INTERVALS.includes(every))
    ctx.add('policy-limit', [...path, 'every'], SQL_MSG.logInterval(formatDuration(every)), {
      allowed: '15m, 30m, 1h, 2h, 4h, 8h, 12h, 24h',
    });
  const retention = wholeDays(ctx, [...path, 'retention'], l.retention, LOG_DAYS, SQL_MSG.logRetention);
  if (every === null || !LOG_INTERVALS.includes(every) || retention === null) return undefined;
  return { every, retention };
}

function readDifferential(
  ctx: Context,
  p: RawSqlPolicy,
  path: (string | number)[],
  full: Schedule | null,
  retention: Retention,
): SqlPolicy['differential'] | undefined {
  const d = p.differential!;
  // §12.2: "You can add a differential backup, but only if you configure full backups to occur weekly."
  if (p.full.frequency === 'daily') {
    ctx.add('policy-limit', path, SQL_MSG.differentialNeedsWeekly());
    return undefined;
  }
  const raw = list(d.days);
  const days = raw.map((x) => parseWeekday(x) as number);
  // §12.2: "You can't configure a full backup and a differential backup on the same day."
  const fullDays = new Set(full?.days ?? []);
  let clash = false;
  days.forEach((day, k) => {
    if (!fullDays.has(day)) return;
    clash = true;
    ctx.add(
      'policy-limit',
      [...path, 'days', ...(Array.isArray(d.days) ? [k] : [])],
      SQL_MSG.differentialOnFullDay(weekdayName(day)),
    );
  });
  const at = d.at === undefined ? (full?.at ?? null) : ctx.unit(parseTimeOfDay, [...path, 'at'], d.at);
  const kept = wholeDays(
    ctx,
    [...path, 'retention'],
    d.retention,
    DIFFERENTIAL_DAYS,
    SQL_MSG.differentialRetention,
  );
  // §12.2: a differential's retention "can't be greater than that of the full backup".
  const fullKept = (retention.weekly?.count ?? 0) * 7 * MS.day;
  if (kept !== null && fullKept > 0 && kept > fullKept)
    ctx.add(
      'policy-limit',
      [...path, 'retention'],
      SQL_MSG.differentialLongerThanFull(formatDuration(kept), formatDuration(fullKept)),
    );
  if (clash || at === null || kept === null || (fullKept > 0 && kept > fullKept)) return undefined;
  return { days: [...new Set(days)].sort(), at, retention: kept };
}

function readArchive(
  ctx: Context,
  a: RawSqlPolicy['archive'],
  path: (string | number)[],
): SqlPolicy['archive'] | undefined {
  if (a === undefined) return null;
  if (a.after === undefined) return { after: millis(ARCHIVE_MIN_AGE) };
  const after = ctx.unit(parseDuration, [...path, 'after'], a.after);
  if (after === null) return undefined;
  if (after < ARCHIVE_MIN_AGE) {
    ctx.add('policy-limit', [...path, 'after'], SQL_MSG.archiveTooSoon(formatDuration(after)));
    return undefined;
  }
  return { after };
}

/** What databases refer to: vaults, SQL policies, and the fleet's VMs. */
export interface SqlRefs {
  vaults: ReadonlyMap<string, Vault>;
  declaredVaults: ReadonlySet<string>;
  policies: ReadonlySet<string>;
  /** The SQL policies that loaded without issues, by name (what a database's fields act through). */
  loaded: ReadonlyMap<string, SqlPolicy>;
  vms: readonly Vm[];
  /** Every fleet group declared, including groups with issues of their own (not in `vms`). */
  declaredGroups: ReadonlySet<string>;
}

/** SQL databases expanded per VM of their host group (ids `<vm>/<name>`), every rule checked. */
export function normaliseSqlDatabases(ctx: Context, raw: RawSqlDatabases[], refs: SqlRefs): SqlDatabase[] {
  ctx.index('sqlDatabases group', raw, 'sqlDatabases');
  const hosts = new Map<string, Vm[]>();
  for (const vm of refs.vms) {
    const list = hosts.get(vm.group);
    if (list === undefined) hosts.set(vm.group, [vm]);
    else list.push(vm);
  }
  const out: SqlDatabase[] = [];
  const seen = new Set<string>();
  const perVault = new Map<string, number>();
  const perVm = new Map<string, { count: number; vault: string }>();
  raw.forEach((g, i) => {
    const at = (...more: (string | number)[]) => ['sqlDatabases', i, ...more];
    // A host group with issues of its own loads no VM; its own issue says so.
    const hostOk = ctx.reference('fleet group', g.host, refs.declaredGroups, at('host')) && hosts.has(g.host);
    const vaultOk = ctx.reference('vault', g.vault, refs.declaredVaults, at('vault'));
    ctx.reference('SQL policy', g.policy, refs.policies, at('policy'));
    const vms = hosts.get(g.host) ?? [];
    const vault = refs.vaults.get(g.vault);
    const region = vms[0]?.region;
    if (hostOk && vaultOk && vault !== undefined && region !== undefined && vault.region !== region)
      ctx.add('policy-limit', at('vault'), SQL_MSG.vaultRegion(g.vault, vault.region, region));
    const size = ctx.unit(parseSize, at('size'), g.size);
    const growth =
      g.growth === undefined ? 0 : ctx.unit((v) => parsePercent(v, { max: 1000 }), at('growth'), g.growth);
    const log = readChurn(ctx, g.log, at('log'));
    // Assumption: without churn, the pages changed per day follow the log volume's distribution.
    const churn = g.churn === undefined ? log : readChurn(ctx, g.churn, at('churn'));
    const saving =
      g.compressionSaving === undefined
        ? DEFAULT_COMPRESSION_SAVING
        : ctx.unit(parsePercent, at('compressionSaving'), g.compressionSaving);
    warnIdleFields(ctx, g, refs.loaded.get(g.policy), at);
    const count = g.count ?? 1;
    for (const vm of vms) {
      const seenVm = perVm.get(vm.id);
      if (seenVm !== undefined && seenVm.vault !== g.vault)
        ctx.add('policy-limit', at('vault'), SQL_MSG.oneVaultPerVm(vm.id, seenVm.vault, g.vault));
      perVm.set(vm.id, { count: (seenVm?.count ?? 0) + count, vault: seenVm?.vault ?? g.vault });
    }
    perVault.set(g.vault, (perVault.get(g.vault) ?? 0) + count * vms.length);
    const vaultCount = perVault.get(g.vault)!;
    const crowded = vms.find((vm) => perVm.get(vm.id)!.count > MAX_DATABASES);
    if (vaultCount > MAX_DATABASES)
      ctx.add('policy-limit', at('count'), SQL_MSG.tooManyDatabases(`vault ${g.vault}`, vaultCount));
    else if (crowded !== undefined)
      ctx.add(
        'policy-limit',
        at('count'),
        SQL_MSG.tooManyDatabases(`VM ${crowded.id}`, perVm.get(crowded.id)!.count),
      );
    if (size === null || growth === null || log === null || churn === null || saving === null) return;
    const width = Math.max(2, String(count).length);
    for (const vm of vms)
      for (let n = 1; n <= count; n++) {
        const id = `${vm.id}/${count === 1 ? g.name : `${g.name}-${String(n).padStart(width, '0')}`}`;
        if (seen.has(id)) {
          ctx.add('duplicate-name', at('name'), SQL_MSG.duplicateDatabase(id));
          return;
        }
        seen.add(id);
        out.push({
          id,
          group: g.name,
          vm: vm.id,
          region: vm.region,
          vault: g.vault,
          policy: g.policy,
          size,
          growth,
          churn,
          log,
          recoveryModel: g.recoveryModel ?? 'full',
          compressionSaving: saving,
        });
      }
  });
  return out;
}

// Fields of a database group that its policy never reads (issue 15's warnings): a compression
// saving without compression (Q3), a churn without differentials (Q3: churn is what a
// differential carries). Said only of a policy that loaded.
function warnIdleFields(
  ctx: Context,
  g: RawSqlDatabases,
  policy: SqlPolicy | undefined,
  at: (...more: (string | number)[]) => (string | number)[],
): void {
  if (policy === undefined) return;
  if (g.compressionSaving !== undefined && !policy.compression)
    ctx.warn('field-never-acts', at('compressionSaving'), SQL_MSG.savingWithoutCompression(policy.name));
  if (g.churn !== undefined && policy.differential === null)
    ctx.warn('field-never-acts', at('churn'), SQL_MSG.churnWithoutDifferentials(policy.name));
}
