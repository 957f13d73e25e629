// Azure file-share snapshots as cost lines (docs/reference.md §13.6): "snapshot
// storage cost … billed along with Azure Files usage", at the storage account's snapshot price,
// per GB-month of the snapshots' changed data, per vault and file-share policy. The storage
// account's protected-instance fee and the vaulted copies' storage are the usual meters
// (backup-lines.ts).

import type { PricingContext } from './context.js';
import { BYTES_PER_GB } from './defaults.js';
import type { CostInput, CostLine } from './types.js';

/** Share snapshots, per vault, file-share policy and month (GB-months of their bytes). */
export function fileShareLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const v of input.vaults)
    for (const part of v.parts) {
      if (part.shareSnapshots !== true) continue;
      for (const span of ctx.months) {
        const quantity = part.snapshot.integral(span.from, span.to) / (BYTES_PER_GB * span.length);
        if (!(quantity > 0)) continue;
        const price = ctx.price(v.region, 'fileShareSnapshot');
        out.push({
          month: span.month,
          meter: 'fileShareSnapshots',
          sku: 'Azure Files snapshot storage',
          vault: v.name,
          policy: part.policy,
          region: v.region,
          item: null,
          resource: `vaults/${v.name}`,
          quantity,
          unit: 'GB-month',
          unitPrice: price.value,
          amount: quantity * price.value,
          price: price.path,
          rule: "average share-snapshot bytes (changed data only) over the month, at the storage account's snapshot price (workloads §13.6)",
        });
      }
    }
  return out;
}
