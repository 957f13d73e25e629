// Azure Backup's meters as cost lines (docs/reference.md §8): vault storage per policy,
// instant-restore snapshots, protected instances per item, soft delete, archive early deletion,
// and managed-disk snapshots taken outside Azure Backup. Billing conventions, each an
// assumption where the reference is silent:
// - A GB-month is ∫ bytes dt / (BYTES_PER_GB × the calendar month's own length): Azure bills
//   storage as the average daily usage over the month (§4: 10 GiB for a whole 31-day month is
//   10 GB-month). A month cut by the horizon is prorated by the part of it inside.
// - Protected instances are prorated by days billed in the month (§2.6, §8.1; instance-spans.ts
//   says which): each billed UTC day pays units(size) × (its length / month length), the size
//   read at its last millisecond (the day's closing size).
// - Soft-deleted data is billed at the vault's rates for the soft-delete period's days before
//   its last `softDeleteFreeDays` (§2.3: a 60-day period undeleted after 52 days bills 46 days,
//   6 free); a period no longer than the free days costs nothing. Purged or not, the billed days
//   stay billed.
// - An archive early deletion is charged whole in the month it happens (§2.4): GB × archive
//   price × days left / 30 (EARLY_DELETION_DAYS_PER_MONTH).
// - Snapshots are priced per GB-month like storage, whatever the vault's redundancy (§4, §8.1).

import type { Series } from '../../engine/series.js';
import { MS } from '../../engine/units.js';
import { startOfLocalDay } from '../calendar.js';
import type { MonthSpan, PricingContext } from './context.js';
import { BYTES_PER_GB } from './defaults.js';
import { billedSpans, type HeldPeriod, softDeleteBilledUntil } from './instance-spans.js';
import { EARLY_DELETION_DAYS_PER_MONTH, instanceUnits, vaultStorageKey } from './meters.js';
import type {
  CostInput,
  CostLine,
  Meter,
  MeterUnit,
  ProtectedItemUsage,
  TimeSpan,
  VaultUsage,
} from './types.js';

/** A cost line without its month, quantity and price. */
export type LineHead = Omit<CostLine, 'month' | 'amount' | 'quantity' | 'unitPrice' | 'price'>;

/** A line from its head, month, quantity and price; null when nothing was used. */
export function line(
  head: LineHead,
  span: MonthSpan,
  quantity: number,
  price: { value: number; path: string },
): CostLine | null {
  if (!(quantity > 0)) return null;
  return {
    month: span.month,
    ...head,
    quantity,
    unitPrice: price.value,
    amount: quantity * price.value,
    price: price.path,
  };
}

/** GB-months of a byte series over a span of a month. */
export function gbMonths(series: Series, span: MonthSpan): number {
  return series.integral(span.from, span.to) / (BYTES_PER_GB * span.length);
}

/** The price-table path of a vault's vault-standard rate (meters.ts vaultStorageKey). */
export function vaultStoragePath(
  vault: Pick<VaultUsage, 'name' | 'redundancy' | 'crossRegionRestore'>,
): string {
  return `vaultStorage.${vaultStorageKey(vault)}`;
}

const GB_MONTH: MeterUnit = 'GB-month';

/** The head of a vault-level storage line of one policy (resource: the vault). */
export function storageHead(
  v: VaultUsage,
  policy: string,
  meter: Meter,
  sku: string,
  rule: string,
): LineHead {
  return {
    meter,
    sku,
    vault: v.name,
    policy,
    region: v.region,
    item: null,
    resource: `vaults/${v.name}`,
    unit: GB_MONTH,
    rule,
  };
}

/** Vault-standard, vault-archive and instant-restore snapshot storage, per vault, policy and month. */
export function storageLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const v of input.vaults) {
    const standardPath = vaultStoragePath(v);
    const redundancy = vaultStorageKey(v);
    for (const part of v.parts) {
      const heads: [Series, LineHead, string][] = [
        [
          part.standard,
          storageHead(
            v,
            part.policy,
            'vaultStandard',
            `Backup storage ${redundancy}`,
            'average stored bytes over the month (§8.1)',
          ),
          standardPath,
        ],
        [
          part.archive,
          storageHead(
            v,
            part.policy,
            'vaultArchive',
            'Backup storage archive',
            'average archived bytes over the month (§2.4)',
          ),
          'vaultArchive',
        ],
        [
          part.snapshot,
          storageHead(
            v,
            part.policy,
            'snapshots',
            'Instant-restore snapshot storage',
            'average snapshot bytes over the month (§4, §8.1)',
          ),
          'instantRestoreSnapshot',
        ],
      ];
      // Azure file-share snapshots (the last head) are billed with the storage account (files-lines.ts).
      if (part.shareSnapshots === true) heads.pop();
      for (const span of ctx.months)
        for (const [series, head, path] of heads) {
          const l = line(head, span, gbMonths(series, span), ctx.price(v.region, path));
          if (l !== null) out.push(l);
        }
    }
  }
  return out;
}

/** Soft-deleted data (§2.3): the period's days before its last free days, at the vault's rates. */
export function softDeleteLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const v of input.vaults) {
    const path = vaultStoragePath(v);
    for (const e of v.softDeleted) {
      const free = ctx.price(v.region, 'softDeleteFreeDays');
      const period = e.purgeAt - e.deletedAt;
      const billedUntil = softDeleteBilledUntil(e, free.value);
      const days = formatDays;
      const left =
        e.leftAt === undefined
          ? 'still held at the end'
          : `left soft delete after ${days(e.leftAt - e.deletedAt)}`;
      const rule =
        `soft-delete period ${days(period)}: billed from deletion for ${days(Math.max(0, billedUntil - e.deletedAt))}, ` +
        `the last ${free.value} d of the period free (${free.path}, §2.3); ${left}`;
      const head: LineHead = {
        meter: 'softDelete',
        sku: 'Backup storage (soft-deleted)',
        vault: v.name,
        policy: e.policy,
        region: v.region,
        item: e.item,
        resource: `vaults/${v.name}/items/${e.item}`,
        unit: GB_MONTH,
        rule,
      };
      for (const span of ctx.months) {
        const billed = Math.min(billedUntil, span.to) - Math.max(e.deletedAt, span.from);
        if (billed <= 0) continue;
        const l = line(
          head,
          span,
          (e.bytes / BYTES_PER_GB) * (billed / span.length),
          ctx.price(v.region, path),
        );
        if (l !== null) out.push(l);
      }
    }
  }
  return out;
}

/** Archive copies deleted before their early-deletion period was over (§2.4), charged in the month of deletion. */
export function earlyDeletionLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const regionOf = new Map(input.vaults.map((v) => [v.name, v.region]));
  const out: CostLine[] = [];
  for (const d of input.archiveEarlyDeletions) {
    const span = ctx.months.find((m) => d.at >= m.from && d.at < m.to);
    if (span === undefined) continue;
    const region = regionOf.get(d.vault) ?? '';
    const head: LineHead = {
      meter: 'archiveEarlyDeletion',
      sku: 'Backup storage archive early deletion',
      vault: d.vault,
      policy: d.policy,
      region,
      item: d.item,
      resource: `vaults/${d.vault}/items/${d.item}`,
      unit: GB_MONTH,
      rule: `${Number(d.daysCharged.toFixed(3))} d of the early-deletion period left, charged as GB × days / ${EARLY_DELETION_DAYS_PER_MONTH} (§2.4)`,
    };
    const quantity = (d.bytes / BYTES_PER_GB) * (d.daysCharged / EARLY_DELETION_DAYS_PER_MONTH);
    const l = line(head, span, quantity, ctx.price(region, 'vaultArchive'));
    if (l !== null) out.push(l);
  }
  return out;
}

/** Managed-disk snapshots taken outside Azure Backup, per fleet group and month (§4). */
export function diskSnapshotLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const g of input.diskSnapshots ?? []) {
    const head: LineHead = {
      meter: 'diskSnapshots',
      sku: 'Managed disk snapshot storage',
      vault: null,
      policy: `snapshots:${g.group}`,
      region: g.region,
      item: null,
      resource: `snapshots/${g.group}`,
      unit: GB_MONTH,
      rule: 'average snapshot bytes over the month (§4)',
    };
    for (const span of ctx.months) {
      const l = line(head, span, gbMonths(g.bytes, span), ctx.price(g.region, 'diskSnapshot'));
      if (l !== null) out.push(l);
    }
  }
  return out;
}

/**
 * Protected instances (§8.2) per item and month, in Azure's units: an item of at most
 * smallMaxGB is one small instance; above, one instance per started blockGB (500 GiB → 1,
 * 501 GiB → 2, 2,000 GiB → 4; GB read as 2³⁰ bytes, defaults.ts), over the days billed
 * (instance-spans.ts: protected at the day's close, or in soft delete before the period's free
 * days), prorated by the month's length. One line per tier the item was in.
 */
export function protectedInstanceLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const regionOf = new Map(input.vaults.map((v) => [v.name, v.region]));
  const held = heldPeriods(input, ctx);
  const out: CostLine[] = [];
  for (const item of input.protectedItems) {
    const region = regionOf.get(item.vault) ?? '';
    const smallMax = ctx.price(region, 'protectedInstance.smallMaxGB').value * BYTES_PER_GB;
    const block = ctx.price(region, 'protectedInstance.blockGB').value * BYTES_PER_GB;
    const billed = billedSpans(item, held.get(item.item) ?? [], input.start, input.end);
    for (const span of ctx.months) {
      const tally = instanceDays(item, billed.spans, span, ctx.origin, smallMax, block);
      const heldDays = daysWithin(billed.softDeleted, span);
      const inSoftDelete =
        heldDays > 0
          ? `; ${formatDays(heldDays)} of them in soft delete before the period's free days (§2.3)`
          : '';
      for (const [tier, t] of [
        ['small', tally.small],
        ['blocks', tally.blocks],
      ] as const) {
        if (t.quantity <= 0) continue;
        const price = ctx.price(
          region,
          tier === 'small' ? 'protectedInstance.small' : 'protectedInstance.perBlock',
        );
        const sizes = t.minUnits === t.maxUnits ? `${t.minUnits}` : `${t.minUnits}–${t.maxUnits}`;
        const days = `${formatDays(t.days)} billed (§8.2), each a day that closed holding data that bills the fee${inSoftDelete}`;
        const rule =
          tier === 'small'
            ? `at most ${smallMax / BYTES_PER_GB} ${GIB} used: 1 small instance; ${days}`
            : `${sizes} instance(s) of ${block / BYTES_PER_GB} ${GIB} (one per started block of used data); ${days}`;
        const l = line(
          {
            meter: 'protectedInstances',
            sku:
              tier === 'small'
                ? `Protected instance (≤ ${smallMax / BYTES_PER_GB} ${GIB})`
                : 'Protected instance',
            vault: item.vault,
            policy: item.policy,
            region,
            item: item.item,
            resource: `vaults/${item.vault}/items/${item.item}`,
            unit: 'instance-month',
            rule,
          },
          span,
          t.quantity,
          price,
        );
        if (l !== null) out.push(l);
      }
    }
  }
  return out;
}

// The protected-instance tiers' unit in the rule and SKU texts: the model reads the tiers' "GB"
// as 2³⁰ bytes (BYTES_PER_GB; docs/model.md), so they say GiB, not the scenario format's 10⁹-byte GB.
const GIB = 'GiB';

// "12 d", "0.5 d".
function formatDays(ms: number): string {
  return `${Number((ms / MS.day).toFixed(3))} d`;
}

// Each item's soft-delete periods, with the free days of its vault's region.
function heldPeriods(input: CostInput, ctx: PricingContext): Map<string, HeldPeriod[]> {
  const out = new Map<string, HeldPeriod[]>();
  for (const v of input.vaults) {
    if (v.softDeleted.length === 0) continue;
    const freeDays = ctx.price(v.region, 'softDeleteFreeDays').value;
    for (const entry of v.softDeleted) {
      const periods = out.get(entry.item);
      if (periods === undefined) out.set(entry.item, [{ entry, freeDays }]);
      else periods.push({ entry, freeDays });
    }
  }
  return out;
}

// The ms of `spans` inside a month's part.
function daysWithin(spans: readonly TimeSpan[], span: MonthSpan): number {
  let ms = 0;
  for (const s of spans) ms += Math.max(0, Math.min(s.to, span.to) - Math.max(s.from, span.from));
  return ms;
}

interface TierTally {
  quantity: number;
  /** The ms billed in this tier. */
  days: number;
  minUnits: number;
  maxUnits: number;
}

// Instance-months of an item over its billed spans' part in a month, split by tier, a UTC day
// at a time, each day at its closing size.
function instanceDays(
  item: ProtectedItemUsage,
  spans: readonly TimeSpan[],
  span: MonthSpan,
  origin: number,
  smallMax: number,
  block: number,
): { small: TierTally; blocks: TierTally } {
  // Unit-milliseconds are whole numbers, so a whole month sums exactly before the one division.
  const small = { quantity: 0, days: 0, minUnits: 1, maxUnits: 1 };
  const blocks = { quantity: 0, days: 0, minUnits: Number.POSITIVE_INFINITY, maxUnits: 0 };
  for (const billed of spans) {
    const to = Math.min(billed.to, span.to);
    for (let dayStart = Math.max(billed.from, span.from); dayStart < to; ) {
      const dayEnd = startOfLocalDay(origin + dayStart, 'UTC') - origin + MS.day;
      const end = Math.min(dayEnd, to);
      const share = end - dayStart;
      const size = item.used.valueAt(Math.max(dayStart, end - 1));
      if (!(size >= 0)) throw new RangeError(`protected item "${item.item}": used size ${size} is not >= 0`);
      const { tier, units } = instanceUnits(size, smallMax, block);
      if (tier === 'small') {
        small.quantity += share;
        small.days += share;
      } else {
        blocks.quantity += share * units;
        blocks.days += share;
        blocks.minUnits = Math.min(blocks.minUnits, units);
        blocks.maxUnits = Math.max(blocks.maxUnits, units);
      }
      dayStart = end;
    }
  }
  small.quantity /= span.length;
  blocks.quantity /= span.length;
  return { small, blocks };
}
