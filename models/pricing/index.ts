// Azure Backup pricing (docs/reference.md §8): a cited price table, the per-meter rules, and
// a run's usage priced per calendar month.

export { type MonthSpan, monthsOf, type PricingContext, pricingContext, type UnitPrice } from './context.js';
export { BYTES_PER_GB, DEFAULT_PRICES, mergePrices } from './defaults.js';
export {
  archiveEarlyDeletionDaysLeft,
  archiveEarlyDeletionFee,
  EARLY_DELETION_DAYS_PER_MONTH,
  protectedInstanceFee,
  protectedInstanceUnits,
  roundCents,
  vaultStorageRate,
} from './meters.js';
export {
  costBreakdown,
  costSummary,
  METER_UNITS,
  monthlyCosts,
  type PricedRun,
  priceRun,
} from './monthly.js';
export { lineTags, type TagIndex, tagIndex, tagLines } from './tags.js';
export * from './types.js';
