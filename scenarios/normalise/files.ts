// Azure Files backup: raw `fileSharePolicies` and `fileShares` → typed, with Azure's rules
// checked and cited (docs/reference.md §13.1–13.4; docs/reference.md §2.5).

import { type Millis, MS, millis } from '../../engine/units.js';
import { windowSlots } from '../../models/files/schedule.js';
import type { Region, Retention, Schedule, Vault } from '../../models/scenario/types.js';
import type { FileRestore, FileShare, FileSharePolicy } from '../../models/scenario/workloads.js';
import { MSG } from '../messages.js';
import { FILES_MSG } from '../messages-workloads.js';
import {
  formatDuration,
  formatSize,
  parseDuration,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
} from '../units.js';
import { type Context, normaliseByName } from './context.js';
import { readChurn } from './fleet.js';
import { normaliseRetention, type RawRetention } from './policies.js';

type RawFilePolicy = {
  name: string;
  tier?: 'snapshot' | 'vault';
  schedule: {
    frequency: 'daily' | 'hourly';
    at?: string;
    every?: string;
    window?: { start?: string; duration?: string };
    timeZone?: string;
  };
  retention: RawRetention;
  snapshotRetention?: string;
};

type RawShares = {
  name: string;
  storageAccount: string;
  region: string;
  count?: number;
  size: string;
  growth?: string;
  churn?: { daily: unknown; spread?: string };
  vault: string;
  policy: string;
  restores?: {
    at: string;
    kind?: 'share' | 'items';
    items?: number;
    to?: 'original' | 'alternate';
    age?: string;
  }[];
};

// §13.2: hourly every 4/6/8/12 h in a window of 4–24 h; §13.3: at most 200 snapshots a share,
// snapshot-tier maxima; vault tier: snapshots kept at most 30 days; §13.1: vaulted shares up to
// 10 TB (read as TiB); §13.4: 2,000 shares and 200 storage accounts per vault; 99 items a restore.
const HOURLY = [4, 6, 8, 12].map((h) => h * MS.hour);
/** §13.3: snapshots a share holds at most at any time. */
export const MAX_SNAPSHOTS = 200;
const MAX_VAULTED_SHARE = 10 * 2 ** 40;
const MAX_SHARES = 2000;
const MAX_ACCOUNTS = 200;
const MAX_ITEMS = 99;

/** File-share policies with every rule checked, by name. */
export function normaliseFilePolicies(ctx: Context, raw: RawFilePolicy[]): Map<string, FileSharePolicy> {
  return normaliseByName(ctx, 'file-share policy', raw, 'fileSharePolicies', normaliseFilePolicy);
}

function normaliseFilePolicy(ctx: Context, p: RawFilePolicy, i: number): FileSharePolicy | null {
  const at = (...more: (string | number)[]) => ['fileSharePolicies', i, ...more];
  const tier = p.tier ?? 'snapshot';
  const schedule = readSchedule(ctx, p.schedule, at('schedule'));
  // The shared reader's 7-day daily minimum is Azure VM backup's; Azure Files has its own
  // limits (below). It checks a stand-in and the policy keeps its own value.
  const daily = p.retention.daily;
  const read = normaliseRetention(
    ctx,
    { ...p.retention, ...(daily !== undefined ? { daily: Math.max(7, daily) } : {}) },
    at('retention'),
    p.schedule.frequency,
    [],
  );
  const retention: Retention = { ...read, daily: daily ?? null };
  let snapshotRetention: Millis | null = null;
  if (tier === 'vault') {
    if (p.snapshotRetention === undefined) ctx.add('required', at(), MSG.required('snapshotRetention'));
    else snapshotRetention = readSnapshotRetention(ctx, p.snapshotRetention, at('snapshotRetention'));
  } else if (p.snapshotRetention !== undefined)
    ctx.add('policy-limit', at('snapshotRetention'), FILES_MSG.snapshotRetentionTier());
  if (schedule === null) return null;
  const perDay = windowSlots(schedule);
  if (tier === 'snapshot') checkSnapshotTier(ctx, retention, perDay, at('retention'));
  const count = snapshotCount(tier, retention, perDay, snapshotRetention);
  if (count.total > MAX_SNAPSHOTS)
    ctx.add(
      'policy-limit',
      at(tier === 'vault' ? 'snapshotRetention' : 'retention'),
      FILES_MSG.tooManySnapshots(count.total, count.formula),
    );
  if (tier === 'vault' && snapshotRetention === null) return null;
  return { name: p.name, tier, schedule, retention, snapshotRetention };
}

function readSnapshotRetention(ctx: Context, text: string, path: (string | number)[]): Millis | null {
  const ms = ctx.unit(parseDuration, path, text);
  if (ms === null) return null;
  const days = ms / MS.day;
  if (!Number.isInteger(days) || days < 1 || days > 30) {
    ctx.add('policy-limit', path, FILES_MSG.snapshotRetentionRange(formatDuration(ms)), {
      allowed: '1d to 30d',
    });
    return null;
  }
  return ms;
}

function readSchedule(
  ctx: Context,
  s: RawFilePolicy['schedule'],
  path: (string | number)[],
): Schedule | null {
  const at = (...more: string[]) => [...path, ...more];
  const timeZone = s.timeZone === undefined ? 'UTC' : ctx.unit(parseTimeZone, at('timeZone'), s.timeZone);
  if (s.frequency === 'daily') {
    if (s.at === undefined) ctx.add('required', path, MSG.required('at'));
    for (const field of ['every', 'window'] as const)
      if (s[field] !== undefined) ctx.add('policy-limit', at(field), MSG.fieldNotFor(field, 'daily', null));
    const start = s.at === undefined ? null : ctx.unit(parseTimeOfDay, at('at'), s.at);
    if (start === null || timeZone === null) return null;
    return { frequency: 'daily', at: start, days: [], every: null, window: millis(MS.day), timeZone };
  }
  if (s.at !== undefined) ctx.add('policy-limit', at('at'), MSG.fieldNotFor('at', 'hourly', 'window.start'));
  let every: Millis | null = null;
  if (s.every === undefined) ctx.add('required', path, MSG.required('every'));
  else {
    every = ctx.unit(parseDuration, at('every'), s.every);
    if (every !== null && !HOURLY.includes(every)) {
      ctx.add('policy-limit', at('every'), FILES_MSG.hourlyInterval(formatDuration(every)), {
        allowed: '4h, 6h, 8h, 12h',
      });
      every = null;
    }
  }
  const startText = s.window?.start ?? '08:00';
  const start = ctx.unit(parseTimeOfDay, at('window', 'start'), startText);
  if (start !== null && start % 30 !== 0)
    ctx.add('policy-limit', at('window', 'start'), FILES_MSG.windowStart(startText));
  let window = millis(MS.day);
  if (s.window?.duration !== undefined) {
    const d = ctx.unit(parseDuration, at('window', 'duration'), s.window.duration);
    if (d !== null && every !== null && (d < 4 * MS.hour || d > MS.day || d % every !== 0))
      ctx.add(
        'policy-limit',
        at('window', 'duration'),
        FILES_MSG.windowDuration(formatDuration(d), formatDuration(every)),
      );
    else if (d !== null) window = d;
  }
  if (start !== null && window < MS.day && start * MS.minute + window > MS.day)
    ctx.add('policy-limit', at('window'), FILES_MSG.windowPastMidnight(startText, formatDuration(window)));
  if (every === null || start === null || timeZone === null || start % 30 !== 0) return null;
  return { frequency: 'hourly', at: start, days: [], every, window, timeZone };
}

/**
 * §13.3's snapshot count, the most snapshots a share keeps: daily schedule d + w + m + y;
 * hourly, per day × (d + 1) + w + m + y (the docs' formula names monthly and yearly, its
 * example has no weekly: weekly is counted too, an assumption on the safe side); vault tier,
 * per day × (snapshot days + 1).
 */
export function snapshotCount(
  tier: FileSharePolicy['tier'],
  r: Retention,
  perDay: number,
  snapshotRetention: Millis | null,
): { total: number; formula: string } {
  if (tier === 'vault') {
    const days = (snapshotRetention ?? 0) / MS.day;
    return { total: perDay * (days + 1), formula: `${perDay} a day × (${days} days + 1)` };
  }
  const d = r.daily ?? 0;
  const rest = [r.weekly?.count, r.monthly?.count, r.yearly?.count].filter(
    (x): x is number => x !== undefined,
  );
  const tail = rest.map((x) => ` + ${x}`).join('');
  const longTerm = rest.reduce((a, b) => a + b, 0);
  if (perDay === 1) return { total: d + longTerm, formula: `${d}${tail}` };
  return { total: perDay * (d + 1) + longTerm, formula: `${perDay} a day × (${d} + 1)${tail}` };
}

// §13.3: the snapshot tier keeps daily points at most 200 days (daily schedule) or
// floor(200 / snapshots a day) − 1 (hourly), weekly 200 weeks, monthly 120 months, yearly 10 years.
function checkSnapshotTier(ctx: Context, r: Retention, perDay: number, path: (string | number)[]): void {
  const dailyMax = perDay === 1 ? 200 : Math.floor(MAX_SNAPSHOTS / perDay) - 1;
  const limits: [keyof Retention, number | undefined, number, string][] = [
    ['daily', r.daily ?? undefined, dailyMax, 'days'],
    ['weekly', r.weekly?.count, 200, 'weeks'],
    ['monthly', r.monthly?.count, 120, 'months'],
    ['yearly', r.yearly?.count, 10, 'years'],
  ];
  for (const [tier, got, max, unit] of limits)
    if (got !== undefined && got > max)
      ctx.add(
        'policy-limit',
        [...path, tier, ...(tier === 'daily' ? [] : ['count'])],
        FILES_MSG.snapshotTierMax(tier, `${max} ${unit}`, `${got}`),
      );
}

/** What shares refer to: regions, vaults and file-share policies. */
export interface FileRefs {
  regions: ReadonlyMap<string, Region>;
  vaults: ReadonlyMap<string, Vault>;
  declaredVaults: ReadonlySet<string>;
  policies: ReadonlyMap<string, FileSharePolicy>;
  declaredPolicies: ReadonlySet<string>;
}

/** File shares expanded per group (ids `<storage account>/<name>`), every rule checked. */
export function normaliseFileShares(ctx: Context, raw: RawShares[], refs: FileRefs): FileShare[] {
  ctx.index('fileShares group', raw, 'fileShares');
  const out: FileShare[] = [];
  const seen = new Set<string>();
  const accountVault = new Map<string, string>();
  const shares = new Map<string, number>();
  const accounts = new Map<string, Set<string>>();
  raw.forEach((g, i) => {
    const at = (...more: (string | number)[]) => ['fileShares', i, ...more];
    const regionOk = ctx.reference('region', g.region, refs.regions, at('region'));
    const vaultOk = ctx.reference('vault', g.vault, refs.declaredVaults, at('vault'));
    ctx.reference('file-share policy', g.policy, refs.declaredPolicies, at('policy'));
    const vault = refs.vaults.get(g.vault);
    if (regionOk && vaultOk && vault !== undefined && vault.region !== g.region)
      ctx.add(
        'policy-limit',
        at('vault'),
        FILES_MSG.vaultRegion(g.vault, vault.region, g.storageAccount, g.region),
      );
    const first = accountVault.get(g.storageAccount);
    if (first !== undefined && first !== g.vault)
      ctx.add('policy-limit', at('vault'), FILES_MSG.accountVaults(g.storageAccount, first, g.vault));
    accountVault.set(g.storageAccount, first ?? g.vault);
    const count = g.count ?? 1;
    shares.set(g.vault, (shares.get(g.vault) ?? 0) + count);
    const inVault = accounts.get(g.vault) ?? new Set<string>();
    inVault.add(g.storageAccount);
    accounts.set(g.vault, inVault);
    if (shares.get(g.vault)! > MAX_SHARES)
      ctx.add(
        'policy-limit',
        at('count'),
        FILES_MSG.tooMany(g.vault, shares.get(g.vault)!, 'file shares', MAX_SHARES),
      );
    if (inVault.size > MAX_ACCOUNTS)
      ctx.add(
        'policy-limit',
        at('storageAccount'),
        FILES_MSG.tooMany(g.vault, inVault.size, 'storage accounts', MAX_ACCOUNTS),
      );
    const size = ctx.unit(parseSize, at('size'), g.size);
    if (size !== null && size > MAX_VAULTED_SHARE && refs.policies.get(g.policy)?.tier === 'vault')
      ctx.add('policy-limit', at('size'), FILES_MSG.shareTooLarge(formatSize(size)));
    const growth =
      g.growth === undefined ? 0 : ctx.unit((v) => parsePercent(v, { max: 1000 }), at('growth'), g.growth);
    const churn = readChurn(ctx, g.churn, at('churn'));
    const restores = readRestores(ctx, g.restores ?? [], at('restores'));
    if (size === null || growth === null || churn === null || restores === null) return;
    const width = Math.max(2, String(count).length);
    for (let n = 1; n <= count; n++) {
      const id = `${g.storageAccount}/${count === 1 ? g.name : `${g.name}-${String(n).padStart(width, '0')}`}`;
      if (seen.has(id)) {
        ctx.add('duplicate-name', at('name'), FILES_MSG.duplicateShare(id));
        return;
      }
      seen.add(id);
      out.push({
        id,
        group: g.name,
        storageAccount: g.storageAccount,
        region: g.region,
        vault: g.vault,
        policy: g.policy,
        size,
        growth,
        churn,
        restores,
      });
    }
  });
  return out;
}

function readRestores(
  ctx: Context,
  raw: NonNullable<RawShares['restores']>,
  path: (string | number)[],
): FileRestore[] | null {
  const out: FileRestore[] = [];
  let ok = true;
  raw.forEach((r, k) => {
    const at = ctx.offset([...path, k, 'at'], r.at);
    const age = r.age === undefined ? millis(0) : ctx.unit(parseDuration, [...path, k, 'age'], r.age);
    const kind = r.kind ?? 'share';
    if (kind === 'share' && r.items !== undefined) {
      ctx.add('policy-limit', [...path, k, 'items'], FILES_MSG.itemsNeedItemRestore());
      ok = false;
    }
    if (r.items !== undefined && r.items > MAX_ITEMS) {
      ctx.add('policy-limit', [...path, k, 'items'], FILES_MSG.tooManyItems(r.items));
      ok = false;
    }
    if (at === null || age === null) ok = false;
    else out.push({ at, kind, items: kind === 'items' ? (r.items ?? 1) : 0, to: r.to ?? 'original', age });
  });
  return ok ? out.sort((a, b) => a.at - b.at) : null;
}
