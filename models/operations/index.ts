// Operations by an admin or an attacker during a run (issue 14; docs/reference.md §2.3,
// docs/reference.md §18): the rules they meet (rules.ts), what they change
// (apply.ts), the run's log of them (operations.ts), and what survives an attack (survivors.ts).
export { type Applied, type ApplyContext, apply, type Member, NO_CHANGES } from './apply.js';
export { Operations, requestOf, targetOf } from './operations.js';
export {
  type BlockedBy,
  type CriticalOperation,
  criticalOf,
  type Facts,
  judge,
  type Verdict,
} from './rules.js';
export { type SurvivorSource, survivors } from './survivors.js';
