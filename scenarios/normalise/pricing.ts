// `pricing:` — the price overrides, checked as a whole (mergePrices names the field of a bad
// number), their regions against the scenario's, and VM-size prices against the sizes the
// fleet uses: a price no charge would read is an error, not a silent no-op.

import { DEFAULT_PRICES, mergePrices } from '../../models/pricing/defaults.js';
import type { PriceOverrides } from '../../models/pricing/types.js';
import type { Region, Vm } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import type { Context } from './context.js';

/** Checks the scenario's price overrides; records an issue per problem and returns them (or {}). */
export function normalisePricing(
  ctx: Context,
  raw: unknown,
  regions: readonly Region[],
  vms: readonly Vm[],
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
  const sizes = new Set(vms.map((vm) => vm.size).filter((s): s is string => s !== null && s !== undefined));
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
  return pricing;
}
