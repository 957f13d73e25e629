// Azure Backup GFS retention (docs/reference.md §1.4–1.5): tag a recovery point with the
// tiers that keep it and until when (tags.ts), then hold one item's points and lapse their
// memberships as time passes (queue.ts).
export { RetentionQueue } from './queue.js';
export { backupWeekdays, dayRuleReach, type Reach, type TierReach, unreachableTiers } from './reach.js';
export {
  cachedTierMask,
  explain,
  isVaultSlot,
  matchesDayRule,
  maxPointsKept,
  tagPoint,
  tierMask,
  untilsInto,
} from './tags.js';
export type { PointTags, RetainedPoint, Tier } from './types.js';
export { TIERS } from './types.js';
