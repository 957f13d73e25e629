// The storage ledger (DESIGN.md "Storage"): content states and deltas (content.ts),
// incremental chains (chain.ts) and the per-vault ledger of tiers (ledger.ts).

export { BufferArena } from '../../engine/arena.js';
export { Chain, type ChainView } from './chain.js';
export {
  advance,
  advanceInPlace,
  changedFraction,
  contentState,
  deltaBytes,
  diskDelta,
  fullBytes,
} from './content.js';
export { ARCHIVE_EARLY_DELETION_DAYS, type ExpectedPoints, Ledger } from './ledger.js';
export {
  type ArchiveEntry,
  type ArchiveMove,
  type ChainPoint,
  type ChainTier,
  type ContentState,
  type EarlyDeletion,
  type LedgerOptions,
  type MutableContentState,
  type PointId,
  type SoftDeletedEntry,
  TIERS,
  type Tier,
} from './types.js';
