// Fleet groups → one Vm per machine with stable ids (web-001 …), disks parsed, churn as
// a distribution, and references to regions, vaults and policies checked.

import { lognormalFromMeanSd } from '../../engine/distributions.js';
import { type Bytes, bytes, type Millis, MS, millis } from '../../engine/units.js';
import type {
  BackupPlan,
  Disk,
  DiskSnapshotPlan,
  Policy,
  Region,
  Vault,
  Vm,
} from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import { DR_MSG } from '../messages-dr.js';
import {
  formatDuration,
  formatSize,
  parseDuration,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
} from '../units.js';
import type { Context } from './context.js';
import { readDistribution } from './distribution.js';
import { normaliseReplicate } from './dr.js';

type RawDisk = {
  name?: string;
  size: string;
  type?: Disk['type'];
  used?: string;
  churn?: { daily: unknown; spread?: string };
  growth?: string;
};
type RawGroup = {
  name: string;
  count?: number;
  region: string;
  zone?: number;
  os?: Vm['os'];
  vmAgent?: boolean;
  tags?: Record<string, string>;
  disks: RawDisk[];
  backup?: {
    vault: string;
    policy: string;
    from?: string;
    failureRate?: string;
    retries?: number;
    retryAfter?: string;
    stop?: { at: string; deleteData?: boolean };
    onDemand?: { at: string; retain?: string }[];
    afterFailover?: { vault: string; policy?: string };
  };
  snapshots?: { every: string; at?: string; timeZone?: string; keep: number; incremental?: boolean };
  cores?: number;
  size?: string;
  replicate?: Parameters<typeof normaliseReplicate>[1];
};

// docs/reference.md §1.7: a disk up to 32 TB, 256 TB per VM (TiB read as the binary unit: assumption).
const MAX_DISK = 32 * 1024 ** 4;
const MAX_VM = 256 * 1024 ** 4;
// docs/reference.md §2.5: up to 1,000 Azure VMs per vault.
const MAX_VMS_PER_VAULT = 1000;
const percent = (v: unknown) => parsePercent(v);
const percentUncapped = (v: unknown) => parsePercent(v, { max: 1000 });

/**
 * The VM ids and group names the fleet declares, worked out from names and counts alone: what
 * references to VMs and groups are checked against, so that a group with a bad field of its
 * own (left out of the loaded fleet) does not also make every mention of its VMs "unknown".
 */
export interface DeclaredFleet {
  /** Every VM id, `<group>-001` …, in fleet order. */
  ids: ReadonlySet<string>;
  /** Every group name. */
  groups: ReadonlySet<string>;
}

/** A VM's id: its group's name and its number, zero-padded to at least three digits. */
const vmId = (group: string, n: number, count: number): string =>
  `${group}-${String(n).padStart(Math.max(3, String(count).length), '0')}`;

/** The VM ids and group names of the raw fleet, whatever issues its groups have. */
export function declareFleet(raw: readonly { name: string; count?: number }[]): DeclaredFleet {
  const ids = new Set<string>();
  for (const g of raw) for (let n = 1; n <= (g.count ?? 1); n++) ids.add(vmId(g.name, n, g.count ?? 1));
  return { ids, groups: new Set(raw.map((g) => g.name)) };
}

/** Topology the fleet refers to. */
export interface FleetRefs {
  regions: ReadonlyMap<string, Region>;
  vaults: ReadonlyMap<string, Vault>;
  /** Every vault and policy name declared, including ones with issues of their own. */
  declared: { vaults: ReadonlySet<string>; policies: ReadonlySet<string> };
  policies: ReadonlyMap<string, Policy>;
  duration: Millis | null;
}

/** Expands fleet groups into VMs; records issues for bad references and limits. */
export function normaliseFleet(ctx: Context, raw: RawGroup[], refs: FleetRefs): Vm[] {
  ctx.index('fleet group', raw, 'fleet');
  const vms: Vm[] = [];
  const perVault = new Map<string, { count: number; index: number }>();
  raw.forEach((g, i) => {
    const at = (...more: (string | number)[]) => ['fleet', i, ...more];
    const region = ctx.reference('region', g.region, refs.regions, at('region'))
      ? refs.regions.get(g.region)
      : undefined;
    if (g.zone !== undefined && region !== undefined && g.zone > region.zones)
      ctx.add('zone-not-in-region', at('zone'), MSG.zoneNotInRegion(g.zone, region.name, region.zones));
    const disks = g.disks.map((d, k) => normaliseDisk(ctx, d, k, at('disks', k)));
    const total = disks.reduce((s, d) => s + (d?.size ?? 0), 0);
    if (total > MAX_VM) ctx.add('policy-limit', at('disks'), MSG.vmTooLarge(formatSize(total)));
    const backup = g.backup === undefined ? null : normaliseBackup(ctx, g, i, refs);
    const snapshots = g.snapshots === undefined ? null : normaliseSnapshots(ctx, g, i);
    const replicate =
      g.replicate === undefined || region === undefined
        ? null
        : normaliseReplicate(ctx, g.replicate, at('replicate'), g.region, refs.regions);
    if (backup !== null) {
      const seen = perVault.get(backup.vault) ?? { count: 0, index: i };
      perVault.set(backup.vault, { count: seen.count + (g.count ?? 1), index: seen.index });
    }
    if (disks.some((d) => d === null)) return;
    const count = g.count ?? 1;
    const tags = Object.fromEntries(
      Object.entries(g.tags ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    for (let n = 1; n <= count; n++) {
      vms.push({
        id: vmId(g.name, n, count),
        group: g.name,
        region: g.region,
        zone: g.zone ?? null,
        os: g.os ?? 'linux',
        vmAgent: g.vmAgent ?? true,
        tags,
        disks: disks as Disk[],
        backup,
        snapshots,
        cores: g.cores ?? 2,
        size: g.size ?? null,
        replicate,
      });
    }
  });
  for (const [vault, { count, index }] of perVault)
    if (count > MAX_VMS_PER_VAULT)
      ctx.add(
        'policy-limit',
        ['fleet', index, 'backup', 'vault'],
        MSG.vaultFull(vault, count, MAX_VMS_PER_VAULT),
      );
  checkIds(ctx, vms, raw);
  return vms;
}

function normaliseDisk(ctx: Context, d: RawDisk, k: number, at: (string | number)[]): Disk | null {
  const size = ctx.unit(parseSize, [...at, 'size'], d.size);
  if (size !== null && size > MAX_DISK)
    ctx.add('policy-limit', [...at, 'size'], MSG.diskTooLarge(formatSize(size)));
  if (size !== null && size <= 0) ctx.add('out-of-range', [...at, 'size'], MSG.positive('disk size', d.size));
  let used: Bytes | null = size;
  if (d.used !== undefined && size !== null) {
    if (d.used.trim().endsWith('%')) {
      const f = ctx.unit(percent, [...at, 'used'], d.used);
      used = f === null ? null : bytes(Math.round(size * f));
    } else {
      used = ctx.unit(parseSize, [...at, 'used'], d.used);
      if (used !== null && used > size)
        ctx.add('out-of-range', [...at, 'used'], MSG.usedOverSize(d.used, d.size));
    }
  }
  const churn = readChurn(ctx, d.churn, [...at, 'churn']);
  const growth = d.growth === undefined ? 0 : ctx.unit(percentUncapped, [...at, 'growth'], d.growth);
  if (size === null || used === null || churn === null || growth === null) return null;
  return {
    name: d.name ?? (k === 0 ? 'os' : `data-${k}`),
    size,
    type: d.type ?? 'premium',
    used,
    churn,
    growth,
  };
}

/** Reads a churn block `{daily, spread?}` at `path` into a distribution of daily fractions. */
export function readChurn(
  ctx: Context,
  churn: { daily: unknown; spread?: string } | undefined,
  path: (string | number)[],
): Disk['churn'] | null {
  if (churn === undefined) return { kind: 'constant', value: 0 };
  const dailyPath = [...path, 'daily'];
  const daily = readDistribution(ctx, dailyPath, churn.daily, percent);
  if (churn.spread === undefined || daily === null) return daily;
  if (daily.kind !== 'constant') {
    ctx.add(
      'invalid-distribution',
      [...path, 'spread'],
      MSG.invalidDistribution(MSG.spreadWithDistribution()),
    );
    return null;
  }
  const sd = ctx.unit(percent, [...path, 'spread'], churn.spread);
  if (sd === null) return null;
  if (daily.value <= 0) {
    ctx.add('invalid-distribution', dailyPath, MSG.invalidDistribution(MSG.spreadNeedsMean()));
    return null;
  }
  return lognormalFromMeanSd(daily.value, sd);
}

function normaliseBackup(ctx: Context, g: RawGroup, i: number, refs: FleetRefs): Vm['backup'] {
  const b = g.backup!;
  const at = (...more: (string | number)[]) => ['fleet', i, 'backup', ...more];
  const vaultOk = ctx.reference('vault', b.vault, refs.declared.vaults, at('vault'));
  ctx.reference('policy', b.policy, refs.declared.policies, at('policy'));
  const vault = refs.vaults.get(b.vault);
  // docs/reference.md §2.5: the vault must be in the VM's region.
  if (vaultOk && vault !== undefined && vault.region !== g.region)
    ctx.add('policy-limit', at('vault'), MSG.vaultRegion(b.vault, vault.region, g.region));
  const from = b.from === undefined ? millis(0) : ctx.offset(at('from'), b.from);
  const failureRate = b.failureRate === undefined ? 0 : ctx.unit(percent, at('failureRate'), b.failureRate);
  const retryAfter =
    b.retryAfter === undefined ? millis(MS.hour) : ctx.unit(parseDuration, at('retryAfter'), b.retryAfter);
  let stop: BackupPlan['stop'] = null;
  if (b.stop !== undefined) {
    const stopAt = ctx.offset(at('stop', 'at'), b.stop.at);
    const deleteData = b.stop.deleteData ?? false;
    // docs/reference.md §2.3: an immutable vault blocks stop protection with delete data.
    if (deleteData && vault !== undefined && vault.immutability !== 'disabled')
      ctx.add('policy-limit', at('stop', 'deleteData'), MSG.immutableDelete(vault.name));
    if (stopAt !== null) stop = { at: stopAt, deleteData };
  }
  // docs/reference.md §1.3: on-demand points are kept 30 days when triggered from the portal.
  const onDemand = (b.onDemand ?? []).map((o, k) => ({
    at: ctx.offset(at('onDemand', k, 'at'), o.at),
    retain:
      o.retain === undefined
        ? millis(30 * MS.day)
        : ctx.unit(parseDuration, at('onDemand', k, 'retain'), o.retain),
  }));
  const afterFailover = readAfterFailover(ctx, b.afterFailover, b.policy, g.region, at, refs);
  if (from === null || failureRate === null || retryAfter === null) return null;
  const valid = onDemand.filter(
    (o): o is { at: Millis; retain: Millis } => o.at !== null && o.retain !== null,
  );
  return {
    vault: b.vault,
    policy: b.policy,
    from,
    failureRate,
    retries: b.retries ?? 0,
    retryAfter,
    stop,
    onDemand: valid.sort((a, c) => a.at - c.at),
    afterFailover,
  };
}

// backup.afterFailover: a vault (and policy) in another region than the VMs' own.
function readAfterFailover(
  ctx: Context,
  raw: { vault: string; policy?: string } | undefined,
  policy: string,
  region: string,
  at: (...more: (string | number)[]) => (string | number)[],
  refs: FleetRefs,
): BackupPlan['afterFailover'] {
  if (raw === undefined) return null;
  const vaultOk = ctx.reference('vault', raw.vault, refs.declared.vaults, at('afterFailover', 'vault'));
  const policyOk =
    raw.policy === undefined ||
    ctx.reference('policy', raw.policy, refs.declared.policies, at('afterFailover', 'policy'));
  const vault = refs.vaults.get(raw.vault);
  if (vaultOk && vault !== undefined && vault.region === region) {
    ctx.add('policy-limit', at('afterFailover', 'vault'), DR_MSG.afterFailoverHome(raw.vault, region));
    return null;
  }
  return vaultOk && policyOk ? { vault: raw.vault, policy: raw.policy ?? policy } : null;
}

// docs/reference.md §4: up to 500 incremental snapshots per disk; up to seven every five minutes.
const MIN_SNAPSHOT_INTERVAL = 5 * MS.minute;

function normaliseSnapshots(ctx: Context, g: RawGroup, i: number): DiskSnapshotPlan | null {
  const s = g.snapshots!;
  const at = (field: string) => ['fleet', i, 'snapshots', field];
  const every = ctx.unit(parseDuration, at('every'), s.every);
  if (every !== null && every < MIN_SNAPSHOT_INTERVAL)
    ctx.add('policy-limit', at('every'), MSG.snapshotInterval(formatDuration(every)));
  const start = s.at === undefined ? 0 : ctx.unit(parseTimeOfDay, at('at'), s.at);
  const timeZone = s.timeZone === undefined ? 'UTC' : ctx.unit(parseTimeZone, at('timeZone'), s.timeZone);
  if (every === null || start === null || timeZone === null) return null;
  return { every, at: start, timeZone, keep: s.keep, incremental: s.incremental ?? true };
}

function checkIds(ctx: Context, vms: Vm[], raw: RawGroup[]): void {
  const groupOf = new Map<string, number>();
  raw.forEach((g, i) => {
    if (!groupOf.has(g.name)) groupOf.set(g.name, i);
  });
  const seen = new Set<string>();
  for (const vm of vms) {
    if (seen.has(vm.id)) {
      ctx.add('duplicate-name', ['fleet', groupOf.get(vm.group) ?? 0, 'name'], MSG.duplicateVmId(vm.id));
      return;
    }
    seen.add(vm.id);
  }
}

/** Whole days in a duration, for messages. */
export const days = (ms: number): number => ms / MS.day;
