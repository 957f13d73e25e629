// Site Recovery (Azure-to-Azure) and recovered-VM compute as cost lines, one per meter, resource
// and calendar month (docs/reference.md §5.6, docs/reference.md §17). Pure
// functions of the usage (CostInput.replicated, CostInput.compute) and a pricing context.
// Billing conventions, each an assumption where the sources are silent:
// - The per-instance fee: each instance is free for its first `siteRecovery.freeDays` (31)
//   days from when replication was enabled (§5.6, §17), then prorated by the time replicated
//   in the month: billed ms / the calendar month's length, in instance-months (§5.6: "Billed
//   hourly/prorated", secondary).
// - Replica managed disks are billed on their provisioned size (the source disk's, of the same
//   type, §17) in the target region, prorated by the time replicated in the month.
// - Cache and recovery-point storage are GB-months as for vault storage (monthly.ts): the
//   integral of bytes over the month / (BYTES_PER_GB × the month's length).
// - Transfer is the GB sent in the month (§17: unconfirmed; its price may well be 0).
// - Compute is hours run in the month: by the VM size's price when the table has one, else
//   cores × the per-core-hour price.

import type { Series } from '../../engine/series.js';
import { MS } from '../../engine/units.js';
import type { MonthSpan, PricingContext, UnitPrice } from './context.js';
import { BYTES_PER_GB } from './defaults.js';
import type { ComputeRun, CostInput, CostLine, Meter, MeterUnit, ReplicatedVmUsage } from './types.js';

/** The Site Recovery cost lines of every replicated VM, month by month (§5.6, §17). */
export function siteRecoveryLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: (CostLine | null)[] = [];
  for (const span of ctx.months)
    for (const r of input.replicated ?? []) {
      // The part of the month the VM was replicated.
      const from = Math.max(r.from, span.from);
      const to = Math.min(r.to, span.to);
      if (!(to > from)) continue;
      const make = lineOf(span, r);
      out.push(instanceLine(r, span, ctx, make), ...diskLines(r, span, from, to, ctx, make));
      out.push(...storageLines(r, span, from, to, ctx, make));
    }
  // A line with nothing used is left out; one with use at price 0 stays (e.g. transfer).
  return out.filter((l): l is CostLine => l !== null && l.quantity > 0);
}

/** The compute cost lines of VMs run after a failover or in a drill, month by month (§17). */
export function computeLines(input: CostInput, ctx: PricingContext): CostLine[] {
  const out: CostLine[] = [];
  for (const span of ctx.months)
    for (const run of input.compute ?? []) {
      const ms = Math.min(run.to, span.to) - Math.max(run.from, span.from);
      if (ms > 0) out.push(computeLine(run, span, ms / MS.hour, ctx));
    }
  return out;
}

type Make = (
  meter: Meter,
  region: string,
  resource: string,
  sku: string,
  quantity: number,
  unit: MeterUnit,
  price: UnitPrice,
  rule: string,
) => CostLine;

// A line maker for one VM and month: everything but the meter's own figures.
function lineOf(span: MonthSpan, r: { vm: string; group: string }): Make {
  return (meter, region, resource, sku, quantity, unit, price, rule) => ({
    month: span.month,
    meter,
    sku,
    vault: null,
    policy: `asr:${r.group}`,
    region,
    item: r.vm,
    resource,
    quantity,
    unit,
    unitPrice: price.value,
    amount: quantity * price.value,
    price: price.path,
    rule,
  });
}

const days = (ms: number): string => `${Number((ms / MS.day).toFixed(2))}`;

// §5.6, §17: free for the first freeDays days from `from`, then prorated by time replicated.
function instanceLine(
  r: ReplicatedVmUsage,
  span: MonthSpan,
  ctx: PricingContext,
  make: Make,
): CostLine | null {
  const region = r.targetRegion;
  const free = ctx.price(region, 'siteRecovery.freeDays');
  const billedFrom = Math.max(r.from + free.value * MS.day, span.from);
  const billed = Math.min(r.to, span.to) - billedFrom;
  if (!(billed > 0)) return null;
  const price = ctx.price(region, 'siteRecovery.perInstance');
  return make(
    'asrInstances',
    region,
    `siteRecovery/${r.vm}`,
    'Site Recovery protected instance',
    billed / span.length,
    'instance-month',
    price,
    `free for the first ${free.value} days of replication; ${days(billed)} of the month's ` +
      `${days(span.length)} days billed, prorated`,
  );
}

// §17: replica managed disks of the source disks' size and type, in the target region.
function diskLines(
  r: ReplicatedVmUsage,
  span: MonthSpan,
  from: number,
  to: number,
  ctx: PricingContext,
  make: Make,
): CostLine[] {
  const region = r.targetRegion;
  return r.disks.map((d) =>
    make(
      'asrReplicaDisks',
      region,
      `siteRecovery/${r.vm}/replicaDisks/${d.name}`,
      d.type === 'premium' ? 'Premium SSD managed disk (replica)' : 'Standard managed disk (replica)',
      (d.size / BYTES_PER_GB) * ((to - from) / span.length),
      'GB-month',
      ctx.price(region, `siteRecovery.replicaDisk.${d.type}`),
      `replica of the ${d.type} disk ${d.name}, ${Number((d.size / BYTES_PER_GB).toFixed(2))} GB provisioned, ` +
        `for ${days(to - from)} of the month's ${days(span.length)} days`,
    ),
  );
}

// §17: the cache storage account (source region), recovery points and transfer.
function storageLines(
  r: ReplicatedVmUsage,
  span: MonthSpan,
  from: number,
  to: number,
  ctx: PricingContext,
  make: Make,
): CostLine[] {
  const gbMonths = (s: Series) => s.integral(from, to) / (BYTES_PER_GB * span.length);
  const sent = (valueBefore(r.sent, to) - valueBefore(r.sent, from)) / BYTES_PER_GB;
  return [
    make(
      'asrCache',
      r.sourceRegion,
      `siteRecovery/${r.vm}/cache`,
      'Cache storage account (Standard)',
      gbMonths(r.cache),
      'GB-month',
      ctx.price(r.sourceRegion, 'siteRecovery.cacheStorage'),
      'replicated changes held in the source-region cache storage account until uploaded, averaged over the month',
    ),
    make(
      'asrRecoveryPoints',
      r.targetRegion,
      `siteRecovery/${r.vm}/recoveryPoints`,
      'Site Recovery recovery-point storage',
      gbMonths(r.recoveryPoints),
      'GB-month',
      ctx.price(r.targetRegion, 'siteRecovery.recoveryPoints'),
      'changed data kept for the retained recovery points, averaged over the month (no meter in the sources: assumption)',
    ),
    make(
      'asrTransfer',
      r.sourceRegion,
      `siteRecovery/${r.vm}/transfer`,
      'Inter-region data transfer (replication)',
      sent,
      'GB',
      ctx.price(r.sourceRegion, 'siteRecovery.transfer'),
      `GB replicated ${r.sourceRegion} → ${r.targetRegion} in the month (billing unconfirmed in the sources, §17)`,
    ),
  ];
}

// A series' value just before t, so that a sample at a month's first instant counts in that
// month, not the one before. Series are right-continuous: a step series' jump at t is in
// valueAt(t), so its value before t is valueAt(t − 1) (usage times are whole ms); a linear
// series is continuous.
function valueBefore(s: Series, t: number): number {
  return s.kind === 'step' ? s.valueAt(t - 1) : s.valueAt(t);
}

// §17: compute charges once the recovered or test VM exists; by size, else per core.
function computeLine(run: ComputeRun, span: MonthSpan, hours: number, ctx: PricingContext): CostLine {
  const meter: Meter = run.kind === 'failover' ? 'failoverCompute' : 'drillCompute';
  const make = lineOf(span, run);
  const what = run.kind === 'failover' ? 'after failover' : 'as a drill (test failover) VM';
  const ran = `${Number(hours.toFixed(2))} h run ${what} in ${run.region}`;
  const sizePath = `compute.sizes.${run.size}`;
  if (run.size !== null && ctx.has(run.region, sizePath)) {
    const price = ctx.price(run.region, sizePath);
    return make(
      meter,
      run.region,
      `compute/${run.vm}`,
      `Virtual Machines ${run.size}`,
      hours,
      'hour',
      price,
      `${ran}, at the ${run.size} price per VM-hour`,
    );
  }
  const core = ctx.price(run.region, 'compute.perCoreHour');
  const why = run.size === null ? 'no VM size given' : `no price for size ${run.size}`;
  return make(
    meter,
    run.region,
    `compute/${run.vm}`,
    `Virtual Machines (${run.cores} vCPU)`,
    hours,
    'hour',
    { value: run.cores * core.value, path: core.path },
    `${ran}, at ${run.cores} cores × the per-core-hour price (${why})`,
  );
}
