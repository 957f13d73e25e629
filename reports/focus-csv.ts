// costs.csv: every cost line of every run in the shape of the FinOps Open Cost and Usage
// Specification (FOCUS 1.0, the columns of Azure's FOCUS cost export, in its alphabetical
// order), then vaultsim's own `x_` columns. One row per line: a meter's use by one resource
// in one calendar month at one unit price. Runs follow in report order (base first); each
// run's rows keep its lines' order (month, meter, resource). RFC 4180, `\n` line endings.
//
// Money is written at full precision (the shortest decimal that reads back as the same
// double, never in exponent form), so a FinOps tool summing BilledCost gets the run's total
// to the cent; vaultsim prices at list price, so ListCost = ContractedCost = EffectiveCost =
// BilledCost. Tags: the fleet tags of the VM or fleet group a row charges, as a JSON object
// with its keys in code-unit order (FOCUS KeyValueFormat); empty (a FOCUS null) on rows that
// charge no single tagged resource.

import type { CostTags, Meter, MeterUnit } from '../models/pricing/types.js';
import type { RunResult } from '../models/results/types.js';
import { csvField } from './csv.js';

/** The FOCUS columns, as Azure's FOCUS 1.0 export orders them. */
export const FOCUS_COLUMNS = [
  'BilledCost',
  'BillingAccountId',
  'BillingAccountName',
  'BillingAccountType',
  'BillingCurrency',
  'BillingPeriodEnd',
  'BillingPeriodStart',
  'ChargeCategory',
  'ChargeClass',
  'ChargeDescription',
  'ChargeFrequency',
  'ChargePeriodEnd',
  'ChargePeriodStart',
  'CommitmentDiscountCategory',
  'CommitmentDiscountId',
  'CommitmentDiscountName',
  'CommitmentDiscountStatus',
  'CommitmentDiscountType',
  'ConsumedQuantity',
  'ConsumedUnit',
  'ContractedCost',
  'ContractedUnitPrice',
  'EffectiveCost',
  'InvoiceIssuerName',
  'ListCost',
  'ListUnitPrice',
  'PricingCategory',
  'PricingQuantity',
  'PricingUnit',
  'ProviderName',
  'PublisherName',
  'RegionId',
  'RegionName',
  'ResourceId',
  'ResourceName',
  'ResourceType',
  'ServiceCategory',
  'ServiceName',
  'SkuId',
  'SkuMeter',
  'SkuPriceId',
  'SubAccountId',
  'SubAccountName',
  'SubAccountType',
  'Tags',
] as const;

/** vaultsim's columns after the FOCUS ones (FOCUS reserves the `x_` prefix for them). */
export const X_COLUMNS = [
  'x_Variant',
  'x_Vault',
  'x_Policy',
  'x_Item',
  'x_Meter',
  'x_Tier',
  'x_PriceSource',
  'x_Rule',
] as const;

/** The header of costs.csv, in column order. */
export const COSTS_COLUMNS = [...FOCUS_COLUMNS, ...X_COLUMNS] as const;

/** How a meter appears in FOCUS: the service, its FOCUS category, the resource kind, the storage tier. */
export interface MeterService {
  serviceName: string;
  /** One of FOCUS's allowed ServiceCategory values. */
  serviceCategory: 'Storage' | 'Compute' | 'Management and Governance' | 'Networking';
  resourceType: string;
  /** The vaultsim storage tier the meter bills, or '' when it bills none. */
  tier: string;
}

const backup = (resourceType: string, tier: string): MeterService => ({
  serviceName: 'Azure Backup',
  serviceCategory: 'Storage',
  resourceType,
  tier,
});
const storage = (resourceType: string, tier = ''): MeterService => ({
  serviceName: 'Storage',
  serviceCategory: 'Storage',
  resourceType,
  tier,
});
const vm = (): MeterService => ({
  serviceName: 'Virtual Machines',
  serviceCategory: 'Compute',
  resourceType: 'Virtual machine',
  tier: '',
});

/**
 * Each meter's FOCUS service. Categories follow Microsoft's FinOps toolkit service map
 * (Azure Backup: Storage; Azure Site Recovery: Management and Governance; VMs: Compute);
 * snapshots and Site Recovery's disks and cache are Azure Storage meters (docs/reference.md
 * §8.1, docs/reference.md §17), and replication transfer is bandwidth.
 */
export const METER_SERVICES: Readonly<Record<Meter, MeterService>> = {
  protectedInstances: backup('Recovery Services vault', ''),
  vaultStandard: backup('Recovery Services vault', 'vault-standard'),
  vaultArchive: backup('Recovery Services vault', 'vault-archive'),
  snapshots: storage('Snapshot', 'snapshot'),
  softDelete: backup('Recovery Services vault', 'soft-deleted'),
  archiveEarlyDeletion: backup('Recovery Services vault', 'vault-archive'),
  diskSnapshots: storage('Snapshot', 'snapshot'),
  asrInstances: {
    serviceName: 'Azure Site Recovery',
    serviceCategory: 'Management and Governance',
    resourceType: 'Recovery Services vault',
    tier: '',
  },
  asrReplicaDisks: storage('Disk'),
  asrCache: storage('Storage account'),
  asrRecoveryPoints: storage('Disk'),
  asrTransfer: {
    serviceName: 'Bandwidth',
    serviceCategory: 'Networking',
    resourceType: 'Virtual machine',
    tier: '',
  },
  failoverCompute: vm(),
  drillCompute: vm(),
  // Issue 17: share snapshots are Azure Files storage, billed with the storage account (workloads §13.6).
  fileShareSnapshots: storage('Storage account', 'snapshot'),
};

/** FOCUS PricingUnit of each vaultsim unit (FOCUS unit format: plural, hyphenated compounds). */
export const FOCUS_UNITS: Readonly<Record<MeterUnit, string>> = {
  'instance-month': 'Instance-Months',
  'GB-month': 'GB-Months',
  GB: 'GB',
  hour: 'Hours',
};

/** A number as FOCUS's numeric format wants it: plain decimal, no exponent, the shortest form that reads back exactly. */
export function focusNumber(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`costs.csv: not a finite number: ${x}`);
  if (x === 0) return '0';
  const text = String(x);
  const e = text.indexOf('e');
  if (e < 0) return text;
  // Expand "1.5e-8" / "1.2e+21" into plain digits: the same decimal, so it parses to the same double.
  const sign = text.startsWith('-') ? '-' : '';
  const mantissa = text.slice(sign.length, e);
  const exponent = Number(text.slice(e + 1));
  const [int, frac = ''] = mantissa.split('.');
  const digits = int + frac;
  const point = int.length + exponent;
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

// FOCUS date/time: 'YYYY-MM-DDTHH:mm:ssZ' (milliseconds only when the instant has them).
function focusInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** The UTC start (inclusive) and end (exclusive) of a "YYYY-MM" calendar month, epoch ms. */
export function monthBounds(month: string): { start: number; end: number } {
  const [year, m] = month.split('-').map(Number);
  return { start: Date.UTC(year, m - 1, 1), end: Date.UTC(year, m, 1) };
}

// A resource's display name: the item, else the vault, else the resource id's last segment.
function resourceName(line: RunResult['cost']['lines'][number]): string {
  if (line.item !== null) return line.item;
  if (line.vault !== null) return line.vault;
  const parts = line.resource.split('/');
  return parts[parts.length - 1];
}

/**
 * A line's tags as FOCUS's Tags column holds them: a JSON object (FOCUS KeyValueFormat, string
 * values), keys in code-unit order whatever order they came in; '' (a FOCUS null) without tags.
 */
export function focusTags(tags: CostTags | undefined): string {
  if (tags === undefined) return '';
  const keys = Object.keys(tags).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return keys.length === 0 ? '' : JSON.stringify(Object.fromEntries(keys.map((k) => [k, tags[k]])));
}

/** Every run's cost lines as FOCUS-shaped CSV text, header first, each line ending in `\n`. */
export function costsCsv(results: readonly RunResult[]): string {
  const out = [COSTS_COLUMNS.join(',')];
  // Lines of one VM or group share one tags object (pricing/tags.ts): serialise each once.
  const tagText = new Map<CostTags, string>();
  const tagsOf = (tags: CostTags | undefined) => {
    if (tags === undefined) return '';
    const known = tagText.get(tags);
    if (known !== undefined) return known;
    const text = focusTags(tags);
    tagText.set(tags, text);
    return text;
  };
  for (const r of results) {
    const runStart = Date.parse(r.start);
    const runEnd = Date.parse(r.end);
    for (const line of r.cost.lines) {
      const billing = monthBounds(line.month);
      const service = METER_SERVICES[line.meter];
      const unit = FOCUS_UNITS[line.unit];
      const amount = focusNumber(line.amount);
      const unitPrice = focusNumber(line.unitPrice);
      const quantity = focusNumber(line.quantity);
      const row: Record<(typeof COSTS_COLUMNS)[number], string> = {
        BilledCost: amount,
        BillingAccountId: r.scenario,
        BillingAccountName: r.scenario,
        BillingAccountType: 'Scenario',
        BillingCurrency: r.cost.currency,
        BillingPeriodEnd: focusInstant(billing.end),
        BillingPeriodStart: focusInstant(billing.start),
        ChargeCategory: 'Usage',
        ChargeClass: '',
        ChargeDescription: line.sku,
        ChargeFrequency: 'Usage-Based',
        ChargePeriodEnd: focusInstant(Math.min(billing.end, runEnd)),
        ChargePeriodStart: focusInstant(Math.max(billing.start, runStart)),
        CommitmentDiscountCategory: '',
        CommitmentDiscountId: '',
        CommitmentDiscountName: '',
        CommitmentDiscountStatus: '',
        CommitmentDiscountType: '',
        ConsumedQuantity: quantity,
        ConsumedUnit: unit,
        ContractedCost: amount,
        ContractedUnitPrice: unitPrice,
        EffectiveCost: amount,
        InvoiceIssuerName: 'Microsoft',
        ListCost: amount,
        ListUnitPrice: unitPrice,
        PricingCategory: 'Standard',
        PricingQuantity: quantity,
        PricingUnit: unit,
        ProviderName: 'Microsoft',
        PublisherName: 'Microsoft',
        RegionId: line.region,
        RegionName: line.region,
        ResourceId: line.resource,
        ResourceName: resourceName(line),
        ResourceType: service.resourceType,
        ServiceCategory: service.serviceCategory,
        ServiceName: service.serviceName,
        SkuId: line.meter,
        SkuMeter: line.sku,
        SkuPriceId: line.price,
        SubAccountId: `${r.scenario}/${r.variant}`,
        SubAccountName: r.variant,
        SubAccountType: 'Variant',
        Tags: tagsOf(line.tags),
        x_Variant: r.variant,
        x_Vault: line.vault ?? '',
        x_Policy: line.policy,
        x_Item: line.item ?? '',
        x_Meter: line.meter,
        x_Tier: service.tier,
        x_PriceSource: line.price,
        x_Rule: line.rule,
      };
      out.push(COSTS_COLUMNS.map((c) => csvField(row[c])).join(','));
    }
  }
  return `${out.join('\n')}\n`;
}
