// regions, vaults and links: raw → typed, with references and limits checked.

import { type Millis, MS } from '../../engine/units.js';
import type { GuardedOperation, ResourceGuard } from '../../models/scenario/operations.js';
import type { LinkSpec, Redundancy, Region, Vault } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import { OPS_MSG } from '../messages-ops.js';
import type { PathSegment } from '../source.js';
import { formatDuration, parseBandwidth, parseDuration } from '../units.js';
import type { Context } from './context.js';

type RawRegion = { name: string; pair?: string; zones?: number; cores?: number };
type RawVault = {
  name: string;
  region: string;
  redundancy?: Redundancy;
  crossRegionRestore?: boolean;
  softDelete?: string | false;
  softDeleteAlwaysOn?: boolean;
  immutability?: Vault['immutability'];
  resourceGuard?: { approvalDelay?: string; exclude?: GuardedOperation[] };
  link?: string;
  maxConcurrentTransfers?: number;
};
type RawLink = { name: string; capacity: string; perTransfer?: string };

// docs/reference.md §2.3: soft delete keeps deleted data 14–180 days (default 14).
const SOFT_DELETE_MIN = 14 * MS.day;
const SOFT_DELETE_MAX = 180 * MS.day;

/** Checks a soft-delete retention against §2.3's 14–180 whole days; records a positioned issue and returns false when outside. */
export function checkSoftDelete(ctx: Context, at: readonly PathSegment[], retention: number): boolean {
  if (retention >= SOFT_DELETE_MIN && retention <= SOFT_DELETE_MAX && retention % MS.day === 0) return true;
  ctx.add('policy-limit', at, MSG.softDeleteRange(formatDuration(retention)), { allowed: '14d to 180d' });
  return false;
}
// Assumption: a Resource Guard approval (temporary Contributor, e.g. through PIM) takes an hour;
// docs/reference.md §18.1 gives the flow but no duration.
const DEFAULT_APPROVAL_DELAY = MS.hour;
// docs/reference.md §1.2: "don't schedule backups for more than 100 VMs from one vault at the same time".
const DEFAULT_VAULT_CONCURRENCY = 100;

/** Regions with defaults filled; pairs checked. */
export function normaliseRegions(ctx: Context, raw: RawRegion[]): Map<string, Region> {
  const byName = ctx.index('region', raw, 'regions');
  raw.forEach((r, i) => {
    if (r.pair !== undefined) {
      if (r.pair === r.name) ctx.add('unknown-reference', ['regions', i, 'pair'], MSG.selfPair(r.name));
      else ctx.reference('region', r.pair, byName, ['regions', i, 'pair']);
    }
  });
  return new Map(
    [...byName].map(([name, r]) => [
      name,
      { name, pair: r.pair ?? null, zones: r.zones ?? 3, cores: r.cores ?? null },
    ]),
  );
}

/** Links with bandwidth parsed. */
export function normaliseLinks(ctx: Context, raw: RawLink[]): Map<string, LinkSpec> {
  const out = new Map<string, LinkSpec>();
  ctx.index('link', raw, 'links');
  raw.forEach((l, i) => {
    const capacity = ctx.unit(parseBandwidth, ['links', i, 'capacity'], l.capacity);
    const perTransfer =
      l.perTransfer === undefined
        ? null
        : ctx.unit(parseBandwidth, ['links', i, 'perTransfer'], l.perTransfer);
    if (capacity !== null && capacity <= 0)
      ctx.add('out-of-range', ['links', i, 'capacity'], MSG.positive('link capacity', l.capacity));
    if (perTransfer !== null && perTransfer <= 0)
      ctx.add(
        'out-of-range',
        ['links', i, 'perTransfer'],
        MSG.positive('per-transfer bandwidth', l.perTransfer),
      );
    if (capacity !== null && !out.has(l.name)) out.set(l.name, { name: l.name, capacity, perTransfer });
  });
  return out;
}

/** Vaults with defaults filled; region, link, redundancy rules and soft-delete range checked. */
export function normaliseVaults(
  ctx: Context,
  raw: RawVault[],
  regions: ReadonlyMap<string, Region>,
  links: ReadonlySet<string>,
): Map<string, Vault> {
  const out = new Map<string, Vault>();
  ctx.index('vault', raw, 'vaults');
  raw.forEach((v, i) => {
    const at = (field: string) => ['vaults', i, field];
    ctx.reference('region', v.region, regions, at('region'));
    if (v.link !== undefined) ctx.reference('link', v.link, links, at('link'));
    const redundancy = v.redundancy ?? 'GRS';
    const unpairedGrs = checkRedundancy(ctx, v, regions.get(v.region), at('redundancy'));
    const crr = v.crossRegionRestore ?? false;
    // docs/reference.md §2.2: Cross Region Restore is only for GRS vaults.
    if (crr && redundancy !== 'GRS')
      ctx.add('policy-limit', at('crossRegionRestore'), MSG.crrNeedsGrs(redundancy));
    // A written GRS without a pair has its issue already: the same missing pair is said once.
    if (crr && !unpairedGrs && regions.get(v.region)?.pair === null)
      ctx.add('policy-limit', at('crossRegionRestore'), MSG.crrNeedsPair(v.region));
    let softDelete: Millis | null = SOFT_DELETE_MIN as Millis;
    if (v.softDelete === false) softDelete = null;
    else if (v.softDelete !== undefined) {
      softDelete = ctx.unit(parseDuration, at('softDelete'), v.softDelete);
      if (softDelete !== null) checkSoftDelete(ctx, at('softDelete'), softDelete);
    }
    const alwaysOn = v.softDeleteAlwaysOn ?? false;
    if (alwaysOn && v.softDelete === false)
      ctx.add('policy-limit', at('softDeleteAlwaysOn'), OPS_MSG.alwaysOnNeedsSoftDelete(v.name));
    const resourceGuard = readGuard(ctx, v.resourceGuard, at('resourceGuard'));
    if (out.has(v.name)) return;
    out.set(v.name, {
      name: v.name,
      region: v.region,
      redundancy,
      crossRegionRestore: crr,
      softDelete,
      softDeleteAlwaysOn: alwaysOn,
      immutability: v.immutability ?? 'disabled',
      resourceGuard,
      link: v.link ?? null,
      maxConcurrentTransfers: v.maxConcurrentTransfers ?? DEFAULT_VAULT_CONCURRENCY,
    });
  });
  return out;
}

/**
 * The redundancy a vault's region can give (docs/scenario-format.md §vaults): ZRS spreads copies
 * over availability zones, GRS copies to the paired region (Azure Storage redundancy docs). Only
 * a redundancy the scenario writes is checked: the default GRS is Azure's own default, kept in a
 * region without `pair:` as before (the pair then only matters to Cross Region Restore).
 * Returns whether it reported a GRS vault's missing pair.
 */
function checkRedundancy(
  ctx: Context,
  v: RawVault,
  region: Region | undefined,
  path: readonly PathSegment[],
): boolean {
  if (region === undefined) return false;
  if (v.redundancy === 'ZRS' && region.zones === 0)
    ctx.add('policy-limit', path, MSG.zrsNeedsZones(v.name, region.name));
  if (v.redundancy !== 'GRS' || region.pair !== null) return false;
  ctx.add('policy-limit', path, MSG.grsNeedsPair(v.name, region.name));
  return true;
}

// A vault's Resource Guard (docs/reference.md §18.1), or null without one.
function readGuard(
  ctx: Context,
  raw: RawVault['resourceGuard'],
  path: (string | number)[],
): ResourceGuard | null {
  if (raw === undefined) return null;
  const delay =
    raw.approvalDelay === undefined
      ? DEFAULT_APPROVAL_DELAY
      : ctx.unit(parseDuration, [...path, 'approvalDelay'], raw.approvalDelay);
  return {
    approvalDelay: (delay ?? DEFAULT_APPROVAL_DELAY) as Millis,
    exclude: [...(raw.exclude ?? [])].sort(),
  };
}
