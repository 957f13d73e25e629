// Which price overrides could bill anything: a price no meter of the scenario would ever read is
// a `no-effect` issue (pricing.ts), never a silently ignored number. Worked out from the raw
// scenario, so a part with issues of its own (a fleet group with a bad disk) still counts.

import type { PathSegment } from '../source.js';

type Raw = Record<string, unknown>;

/** A vault-storage rate, by the key a vault is billed at (models/pricing/meters.ts vaultStorageKey). */
type StorageKey = 'LRS' | 'ZRS' | 'GRS' | 'RA-GRS';

/** One vault as billed: its name, region and vault-storage rate. */
export interface BilledVault {
  name: string;
  region: string;
  key: StorageKey;
}

/** The vaults of the raw scenario with the storage rate each is billed at. */
export function billedVaults(r: Raw): BilledVault[] {
  const vaults = objects(r.vaults) as {
    name: string;
    region: string;
    redundancy?: string;
    crossRegionRestore?: boolean;
  }[];
  // §8.1, §2.2: a vault with Cross Region Restore pays RA-GRS instead of its redundancy's rate.
  return vaults.map((v) => ({
    name: v.name,
    region: v.region,
    key: v.crossRegionRestore === true ? 'RA-GRS' : ((v.redundancy ?? 'GRS') as StorageKey),
  }));
}

/**
 * What every run of a file (base, variants, sweep points) could bill, worked out once for the
 * file (load.ts) rather than per run: a price is judged by all the runs.
 */
export interface PriceUse {
  /** The VM sizes any run gives a fleet group. */
  sizes: ReadonlySet<string>;
  /** unusedReason over every run: the first run's reason when no run bills `key`, else null. */
  unused(key: string): string | null;
  /** unusedStorageReason over every run's vaults. */
  unusedStorage(
    key: StorageKey,
    region: string | null,
    regionOverrides: (region: string) => boolean,
  ): string | null;
}

/** The price use of `runs` (the first is the base: its reason is the one reported). */
export function priceUse(runs: readonly Raw[]): PriceUse {
  const sizes = new Set<string>();
  for (const r of runs) for (const g of objects(r.fleet)) if (typeof g.size === 'string') sizes.add(g.size);
  const vaults = runs.flatMap(billedVaults);
  // The regions with a vault billed at each rate: whether a block's rate has a payer, without a scan.
  const regionsAt = new Map<StorageKey, Set<string>>();
  for (const v of vaults) {
    const set = regionsAt.get(v.key);
    if (set === undefined) regionsAt.set(v.key, new Set([v.region]));
    else set.add(v.region);
  }
  // Memoised: a reason depends on the runs only (a storage reason, once no vault pays, too).
  const reasons = new Map<string, string | null>();
  const memo = (id: string, work: () => string | null): string | null => {
    const known = reasons.get(id);
    if (known !== undefined) return known;
    const reason = work();
    reasons.set(id, reason);
    return reason;
  };
  return {
    sizes,
    unused: (key) =>
      memo(`price:${key}`, () => {
        const first = runs.length > 0 ? unusedReason(runs[0], key) : null;
        return first !== null && runs.every((r, i) => i === 0 || unusedReason(r, key) !== null)
          ? first
          : null;
      }),
    unusedStorage(key, region, regionOverrides) {
      const at = regionsAt.get(key);
      const paid =
        at !== undefined && (region === null ? [...at].some((r) => !regionOverrides(r)) : at.has(region));
      if (paid) return null;
      return memo(JSON.stringify(['storage', key, region]), () =>
        unusedStorageReason(vaults, key, region, regionOverrides),
      );
    },
  };
}

/**
 * Why the price at `key` (a top-level key of a price block) would bill nothing in this scenario,
 * or null when something could bill it. Scenario-wide: a region's own block is judged like the
 * default for everything but vault storage (checked per region by the caller).
 */
export function unusedReason(r: Raw, key: string): string | null {
  const list = (field: string) => objects(r[field]);
  const fleetHas = (field: string) => list('fleet').some((g) => g[field] !== undefined);
  switch (key) {
    case 'protectedInstance': {
      const items = ['servers', 'sqlDatabases', 'fileShares', 'backupServers'];
      return fleetHas('backup') || items.some((f) => list(f).length > 0)
        ? null
        : 'nothing is protected (no fleet group has backup:, and there are no servers, sqlDatabases, fileShares or backupServers)';
    }
    case 'vaultArchive':
    case 'archiveEarlyDeletionDays':
      // Only a policy's archive: moves points to the archive tier (§2.4).
      return [...list('policies'), ...list('sqlPolicies')].some((p) => p.archive !== undefined)
        ? null
        : 'no policy or sqlPolicy moves points to the archive tier (archive:)';
    case 'instantRestoreSnapshot':
      return fleetHas('backup')
        ? null
        : 'no fleet group is backed up (backup:), and only Azure VM backups keep instant-restore snapshots';
    case 'diskSnapshot':
      return fleetHas('snapshots') ? null : 'no fleet group takes managed-disk snapshots (snapshots:)';
    case 'fileShareSnapshot':
      return list('fileShares').length > 0 ? null : 'the scenario has no fileShares';
    case 'siteRecovery':
      return fleetHas('replicate') ? null : 'no fleet group replicates with Site Recovery (replicate:)';
    case 'softDeleteFreeDays': {
      const on = list('vaults').some((v) => v.softDelete !== false);
      const turnedOn = list('events').some((e) => e.setSoftDelete !== undefined);
      return on || turnedOn ? null : 'every vault has softDelete: false and no event turns soft delete on';
    }
    default:
      // currency labels every amount; compute prices are checked by VM size (pricing.ts) or
      // depend on what recovers where (failovers, drills, restores): counted as used.
      return null;
  }
}

/**
 * Why the vault-storage rate `key` of a price block (the default's when `region` is null, else
 * `regions.<region>`'s) bills no vault, or null when a vault pays it. A default rate reaches a
 * vault unless the vault's region overrides that same rate.
 */
export function unusedStorageReason(
  vaults: readonly BilledVault[],
  key: StorageKey,
  region: string | null,
  regionOverrides: (region: string) => boolean,
): string | null {
  const payers = vaults.filter(
    (v) => v.key === key && (region === null ? !regionOverrides(v.region) : v.region === region),
  );
  if (payers.length > 0) return null;
  const where = region === null ? '' : ` in ${region}`;
  const here = region === null ? vaults : vaults.filter((v) => v.region === region);
  if (here.length === 0) return region === null ? 'the scenario has no vault' : `no vault is in ${region}`;
  const billed = key === 'RA-GRS' ? 'RA-GRS (a GRS vault with crossRegionRestore: true)' : key;
  const shown = here.map((v) =>
    v.key === key ? `${v.name}: ${key}, at regions.${v.region}'s own price` : `${v.name}: ${v.key}`,
  );
  return `no vault${where} is billed at ${billed} (${shown.join('; ')})`;
}

/** The path of a price-block key: the default's, or a region's. */
export const blockPath = (region: string | null, ...rest: string[]): PathSegment[] =>
  region === null ? ['pricing', ...rest] : ['pricing', 'regions', region, ...rest];

// The objects of a raw list. The runs of a file are read before each variant is schema-checked
// (load.ts works the price use out once, first), so a list may be missing or hold anything.
function objects(list: unknown): Raw[] {
  return Array.isArray(list) ? list.filter((x): x is Raw => typeof x === 'object' && x !== null) : [];
}
