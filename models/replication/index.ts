// Site Recovery (Azure-to-Azure) replication, docs/reference.md §5: the fluid replication
// stream, recovery points and pruning, churn limits, reprotect timing.
export * from './census.js';
export * from './fluid.js';
export * from './limits.js';
export * from './points.js';
export type { Window } from './profile.js';
export * from './reprotect.js';
