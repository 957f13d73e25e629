// `pricing:` — the price overrides, checked as a whole (mergePrices names the field of a bad
// number), their regions against the scenario's, and VM-size prices against the sizes the
// fleet uses, and every other price against what the scenario could bill in any of its runs
// (pricing-uses.ts, worked out once per file): a price no charge would read is an error, not a
// silent no-op.

import { DEFAULT_PRICES, mergePrices } from '../../models/pricing/defaults.js';
import type { PriceOverrides, RegionPriceOverrides } from '../../models/pricing/types.js';
import type { Region } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import type { Context } from './context.js';
import { blockPath, type PriceUse } from './pricing-uses.js';

/** Checks the scenario's price overrides; records an issue per problem and returns them (or {}). */
export function normalisePricing(
  ctx: Context,
  raw: unknown,
  regions: readonly Region[],
  use: PriceUse,
): PriceOverrides {
  if (raw === undefined) return {};
  const pricing = raw as PriceOverrides;
  try {
    mergePrices(DEFAULT_PRICES, pricing);
  } catch (err) {
    ctx.add('out-of-range', ['pricing'], (err as Error).message);
  }
  const known = new Set(regions.map((r) => r.name));
  for (const name of Object.keys(pricing.regions ?? {}))
    ctx.reference('region', name, known, ['pricing', 'regions', name]);
  // A size any run of the file (base, variant, sweep point) gives a fleet group is priced there.
  const sizes = use.sizes;
  const check = (at: readonly (string | number)[], given: Readonly<Record<string, unknown>> | undefined) => {
    for (const size of Object.keys(given ?? {})) {
      if (sizes.has(size)) continue;
      ctx.add('no-effect', [...at, size], MSG.unusedSizePrice(size, [...sizes].sort()), {
        allowed: sizes.size > 0 ? [...sizes].sort().join(', ') : '(no fleet group sets size:)',
        key: true,
      });
    }
  };
  check(['pricing', 'compute', 'sizes'], pricing.compute?.sizes);
  for (const [name, r] of Object.entries(pricing.regions ?? {}))
    check(['pricing', 'regions', name, 'compute', 'sizes'], r.compute?.sizes);
  checkUnbilled(ctx, pricing, use, known);
  return pricing;
}

// Every other price a block overrides must be one something in the scenario could bill: in
// any of its runs (the base, a variant or a sweep point may be the one that bills it).
function checkUnbilled(
  ctx: Context,
  pricing: PriceOverrides,
  use: PriceUse,
  known: ReadonlySet<string>,
): void {
  const regional = pricing.regions ?? {};
  const overrides = (region: string, key: string) =>
    Object.hasOwn(regional, region) && regional[region].vaultStorage?.[key as 'LRS'] !== undefined;
  const blocks: [string | null, RegionPriceOverrides][] = [
    [null, pricing],
    // A block for an undeclared region has its issue already (unknown region).
    ...Object.entries(regional)
      .filter(([name]) => known.has(name))
      .map(([name, r]): [string, RegionPriceOverrides] => [name, r]),
  ];
  for (const [region, block] of blocks) {
    for (const key of Object.keys(block)) {
      if (key === 'vaultStorage' || key === 'regions') continue;
      const reason = use.unused(key);
      if (reason !== null)
        ctx.add('no-effect', blockPath(region, key), MSG.unusedPrice(reason), { key: true });
    }
    for (const key of Object.keys(block.vaultStorage ?? {}) as ('LRS' | 'ZRS' | 'GRS' | 'RA-GRS')[]) {
      const reason = use.unusedStorage(key, region, (r) => overrides(r, key));
      if (reason !== null)
        ctx.add('no-effect', blockPath(region, 'vaultStorage', key), MSG.unusedPrice(reason), { key: true });
    }
  }
}
