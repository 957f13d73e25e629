// Azure Backup list prices as data (docs/reference.md §8), each number with its source and
// date, and `mergePrices` for a scenario's overrides. The reference itself says the official
// price page was not read (§11): every dollar figure here is secondary or an assumption, and a
// scenario that needs real prices for its region should override them.

import type { Priced, PriceOverride, PriceOverrides, PriceTable, RegionPrices } from './types.js';

/**
 * Bytes in one billed GB: 2^30. Assumption: the reference quotes Azure storage sizes in GiB
 * where it is precise (§4: a 64 GiB disk "billed only for the used data size of 10 GiB"), and
 * Azure's meters call that unit "GB"; the Backup pricing pages do not say which they mean.
 */
export const BYTES_PER_GB = 2 ** 30;

const PER_GB_MONTH = 'USD per GB-month';
const PER_INSTANCE_MONTH = 'USD per instance-month';
const SECONDARY_UK =
  'docs/reference.md §8.3 (secondary: azure-calc-uk-3n7.pages.dev, UK South, Retail Prices API)';
const TIERS =
  'docs/reference.md §8.2 (secondary: eWeek quoting Microsoft, 2015; Microsoft Q&A estimator answer)';

/** The default price table: Azure Backup for Azure VMs in USD, from docs/reference.md §8. */
export const DEFAULT_PRICES: PriceTable = {
  currency: 'USD',
  protectedInstance: {
    small: { value: 5, unit: PER_INSTANCE_MONTH, source: TIERS, date: '2015' },
    // The tiers' "GB" read as 2³⁰ bytes (BYTES_PER_GB), so the unit says GiB (a scenario's GB is 10⁹).
    smallMaxGB: { value: 50, unit: 'GiB', source: TIERS, date: '2015' },
    // §8.3 confirms the $10 instance price in 2026.
    perBlock: {
      value: 10,
      unit: PER_INSTANCE_MONTH,
      source: `${TIERS}; ${SECONDARY_UK}`,
      date: '2026-04',
    },
    blockGB: { value: 500, unit: 'GiB', source: TIERS, date: '2015' },
  },
  vaultStorage: {
    LRS: { value: 0.028, unit: PER_GB_MONTH, source: SECONDARY_UK, date: '2026-04' },
    ZRS: { value: 0.035, unit: PER_GB_MONTH, source: SECONDARY_UK, date: '2026-04' },
    GRS: { value: 0.056, unit: PER_GB_MONTH, source: SECONDARY_UK, date: '2026-04' },
    // §8.1: the estimator's RA-GRS option is what a vault with Cross Region Restore pays.
    'RA-GRS': { value: 0.0711, unit: PER_GB_MONTH, source: `${SECONDARY_UK}; §8.1`, date: '2026-04' },
  },
  vaultArchive: {
    value: 0.0024,
    unit: PER_GB_MONTH,
    source: 'assumption (docs/reference.md has no archive price, §2.4 and §11)',
    date: '2026',
    assumption:
      'plausible vault-archive list price, a few percent of vault-standard; one 2026 blog (wintive.com, ' +
      'unverified) quotes $0.0024. Override with the region price before trusting archive costs.',
  },
  instantRestoreSnapshot: {
    value: 0.05,
    unit: PER_GB_MONTH,
    source:
      'docs/reference.md §8.3 (secondary: c3x.dev, Standard HDD LRS snapshots); §4 and §8.1: ' +
      'instant-restore snapshots are billed as managed-disk snapshots per used GB',
    date: 'undated (reference compiled 2026)',
  },
  diskSnapshot: {
    value: 0.05,
    unit: PER_GB_MONTH,
    source: 'docs/reference.md §8.3 (secondary: c3x.dev, Standard HDD LRS snapshots); §4',
    date: 'undated (reference compiled 2026)',
  },
  fileShareSnapshot: {
    value: 0.06,
    unit: PER_GB_MONTH,
    source:
      'assumption (docs/reference.md §13.6: share snapshots are billed with Azure Files usage, at the storage ' +
      "account's snapshot price and redundancy; no price given)",
    date: '2026',
    assumption:
      'Azure Files Standard transaction-optimized LRS data stored per GB-month (East US list price, about $0.06); ' +
      'hot and cool tiers cost less. Override with your storage account price.',
  },
  softDeleteFreeDays: {
    value: 14,
    unit: 'days',
    source: 'docs/reference.md §2.3, §8.1 (learn:backup/backup-azure-enhanced-soft-delete-about)',
    date: '2022-11-24',
  },
  archiveEarlyDeletionDays: {
    value: 180,
    unit: 'days',
    source: 'docs/reference.md §2.4, §8.1 (learn:backup/archive-tier-support)',
    date: '2023-04-15',
  },
  siteRecovery: {
    perInstance: {
      value: 25,
      unit: PER_INSTANCE_MONTH,
      source:
        'docs/reference.md §5.6, §8.3 (secondary: microsoftnegotiations.com, eon.io, azure-calc-uk; Azure-to-Azure)',
      date: 'undated (reference compiled 2026)',
    },
    freeDays: {
      value: 31,
      unit: 'days',
      source:
        'docs/reference.md §5.6; docs/reference.md §17 (learn:site-recovery/azure-to-azure-common-questions)',
      date: '2022-04-28',
    },
    replicaDisk: {
      premium: {
        value: 0.132,
        unit: PER_GB_MONTH,
        source:
          'assumption (docs/reference.md §17: replica disks are billed, same type as the source; no price given)',
        date: '2026',
        assumption:
          'Premium SSD LRS list price per provisioned GB-month, about a P30 (1 TiB) disk at $135/month; ' +
          'Azure bills managed disks by size tier, not per GB. Override with your region price.',
      },
      standard: {
        value: 0.04,
        unit: PER_GB_MONTH,
        source:
          'assumption (docs/reference.md §17: replica disks are billed, same type as the source; no price given)',
        date: '2026',
        assumption:
          'Standard HDD LRS list price per provisioned GB-month, about an S30 (1 TiB) disk at $41/month; ' +
          'Azure bills managed disks by size tier, not per GB. Override with your region price.',
      },
    },
    cacheStorage: {
      value: 0.02,
      unit: PER_GB_MONTH,
      source:
        'assumption (docs/reference.md §17: a Standard cache storage account in the source region; no price given)',
      date: '2026',
      assumption:
        'Standard general-purpose LRS storage per GB-month; transactions on the cache account are not billed here.',
    },
    recoveryPoints: {
      value: 0.05,
      unit: PER_GB_MONTH,
      source:
        'assumption (docs/reference.md §5.6; docs/reference.md §17: "not found" — no meter in the sources)',
      date: '2026',
      assumption:
        'recovery points priced like incremental snapshot storage (§8.3, $0.05); the Site Recovery FAQ uses $0.16 per ' +
        'GB-month as an illustration only.',
    },
    transfer: {
      value: 0,
      unit: 'USD per GB',
      source:
        'docs/reference.md §17: whether replication traffic is billed as inter-region transfer is unconfirmed',
      date: '2026',
      assumption:
        'not billed by default: no Microsoft text says Azure-to-Azure replication traffic is charged as inter-region ' +
        'egress. The quantity is still counted; set a per-GB price to include it.',
    },
  },
  compute: {
    perCoreHour: {
      value: 0.048,
      unit: 'USD per core-hour',
      source: 'assumption (docs/reference.md §17: recovered VMs incur compute charges; no price given)',
      date: '2026',
      assumption:
        'a general-purpose pay-as-you-go Linux VM at about $0.096 per hour for 2 vCPUs; give `compute.sizes` or ' +
        'your own per-core price for a real figure.',
    },
    sizes: {},
  },
  regions: {},
};

// Fields that are divided by or must be positive for the formulas to mean anything.
const POSITIVE = new Set(['protectedInstance.blockGB']);

function isPriced(x: unknown): x is Priced {
  return typeof x === 'object' && x !== null && 'value' in x && 'unit' in x;
}

function mergeLeaf(base: Priced, override: PriceOverride, path: string): Priced {
  const o = typeof override === 'number' ? { value: override } : override;
  if (typeof o !== 'object' || o === null || typeof o.value !== 'number') {
    throw new RangeError(`prices.${path}: expected a number or { value, source?, date? }`);
  }
  // An override replaces the citation: the default's source no longer explains the value.
  const source = o.source ?? 'override';
  return checked({ value: o.value, unit: base.unit, source, date: o.date ?? 'unspecified' }, path);
}

function checked(p: Priced, path: string): Priced {
  const out: Priced = { value: p.value, unit: p.unit, source: p.source, date: p.date };
  if (!Number.isFinite(p.value) || p.value < 0) {
    throw new RangeError(`prices.${path}: must be a finite number >= 0, got ${p.value}`);
  }
  if (POSITIVE.has(path.replace(/^regions\.[^.]+\./, '')) && p.value === 0)
    throw new RangeError(`prices.${path}: must be > 0, got 0`);
  return p.assumption === undefined ? out : { ...out, assumption: p.assumption };
}

// An open map of prices (compute.sizes): every key is the scenario's, every value an override.
function mergeSizes(base: Record<string, Priced>, override: unknown, path: string): Record<string, Priced> {
  if (override !== undefined && (typeof override !== 'object' || override === null)) {
    throw new RangeError(`prices${path}: expected an object`);
  }
  const out: Record<string, Priced> = {};
  const over = (override ?? {}) as Record<string, PriceOverride>;
  for (const key of [...new Set([...Object.keys(base), ...Object.keys(over)])].sort()) {
    const template = base[key] ?? { value: 0, unit: VM_HOUR, source: 'override', date: 'unspecified' };
    out[key] =
      over[key] === undefined
        ? checked(template, `${path.slice(1)}.${key}`)
        : mergeLeaf(template, over[key], `${path.slice(1)}.${key}`);
  }
  return out;
}

const VM_HOUR = 'USD per VM-hour';

function mergeNode(base: object, override: object | undefined, path: string): unknown {
  if (override !== undefined && (typeof override !== 'object' || override === null)) {
    throw new RangeError(`prices${path}: expected an object`);
  }
  const over = (override ?? {}) as Record<string, unknown>;
  const known = base as Record<string, unknown>;
  for (const key of Object.keys(over)) {
    if (!(key in known)) throw new RangeError(`prices${path}.${key}: not a price-table field`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(known)) {
    const at = `${path}.${key}`;
    const o = over[key];
    if (key === 'currency' && path === '') {
      if (o !== undefined && typeof o !== 'string')
        throw new RangeError('prices.currency: expected a string');
      out[key] = o ?? value;
    } else if (key === 'regions' && path === '') {
      out[key] = {}; // filled by mergePrices from the merged default table
    } else if (key === 'sizes' && path === '.compute') {
      out[key] = mergeSizes(value as Record<string, Priced>, o, at);
    } else if (isPriced(value)) {
      out[key] =
        o === undefined ? checked(value, at.slice(1)) : mergeLeaf(value, o as PriceOverride, at.slice(1));
    } else {
      out[key] = mergeNode(value as object, o as object | undefined, at);
    }
  }
  return out;
}

/**
 * A full price table from `defaults` with a scenario's `overrides` applied: the default
 * table's entries, then each region of `overrides.regions` as the merged default table with
 * that region's entries applied (paths `regions.<name>.…`). Throws a RangeError naming the
 * field (e.g. "prices.vaultStorage.GRS") for a negative or non-finite number or an unknown field.
 */
export function mergePrices(defaults: PriceTable, overrides: PriceOverrides = {}): PriceTable {
  const { regions: regionOverrides, ...rest } = overrides;
  const table = mergeNode(defaults, rest, '') as PriceTable & { regions: Record<string, RegionPrices> };
  const { currency: _currency, regions: _regions, ...base } = table;
  const regions: Record<string, RegionPrices> = {};
  const names = [
    ...new Set([...Object.keys(defaults.regions), ...Object.keys(regionOverrides ?? {})]),
  ].sort();
  for (const name of names) {
    const from = (defaults.regions[name] ?? base) as object;
    const o = regionOverrides?.[name];
    if (o !== undefined && (typeof o !== 'object' || o === null)) {
      throw new RangeError(`prices.regions.${name}: expected an object`);
    }
    if (o !== undefined && ('currency' in o || 'regions' in o)) {
      throw new RangeError(
        `prices.regions.${name}: a region takes prices only (currency and regions are the table's)`,
      );
    }
    regions[name] = mergeNode(from, o, `.regions.${name}`) as RegionPrices;
  }
  table.regions = regions;
  return table;
}
