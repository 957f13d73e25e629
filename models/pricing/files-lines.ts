// Azure file-share snapshots as cost lines (docs/reference.md §13.6): "snapshot
// storage cost … billed along with Azure Files usage", at the storage account's snapshot price,
// per GB-month of the snapshots' changed data, per vault and file-share policy. The storage
// account's protected-instance fee and the vaulted copies' storage are the usual meters
// (backup-lines.ts).

import { gbMonths, line, storageHead } from './backup-lines.js';
import type { PricingContext } from './context.js';
import type { CostInput, CostLine } from './types.js';

/** Share snapshots, per vault, file-share policy and month (GB-months of their bytes). */
export function fileShareLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const v of input.vaults)
    for (const part of v.parts) {
      if (part.shareSnapshots !== true) continue;
      const head = storageHead(
        v,
        part.policy,
        'fileShareSnapshots',
        'Azure Files snapshot storage',
        "average share-snapshot bytes (changed data only) over the month, at the storage account's snapshot price (workloads §13.6)",
      );
      for (const span of ctx.months) {
        const quantity = gbMonths(part.snapshot, span);
        // The price is read (and cited) only for a month with snapshots.
        if (!(quantity > 0)) continue;
        const l = line(head, span, quantity, ctx.price(v.region, 'fileShareSnapshot'));
        if (l !== null) out.push(l);
      }
    }
  return out;
}
