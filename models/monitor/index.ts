// Monitoring (issue 6; docs/reference.md §7): signals from models, Azure Monitor alert
// rules evaluated lazily with their documented semantics, action groups and built-in
// backup alerts. types.ts holds the scenario's monitor section; monitor.ts runs it.

export { BackupHealth, BUILT_IN_ALERTS, failureStatus } from './backup-health.js';
export { Buckets } from './buckets.js';
export { type CompiledRule, compileRule } from './compile.js';
export { type Check, holds, passes, violates } from './condition.js';
export { type Instance, RuleEvaluator } from './evaluator.js';
export * from './evidence.js';
export { applyRun, type Behaviour, type InstanceState, newState } from './instance.js';
export * from './limits.js';
export {
  detectsFor,
  isWorldAction,
  Monitor,
  type MonitorOptions,
  type MonitorOutcome,
  type Notice,
} from './monitor.js';
export { suppressedAt } from './processing.js';
export { RateLimits } from './rate-limits.js';
export { REPLAY_ORIGIN, type RecordedSignal, replay } from './replay.js';
export { alertsResult } from './results.js';
export { route } from './routing.js';
export { SecurityAlerts, type SecurityFiring, type SecurityKind, securityTitle } from './security.js';
export * from './signals.js';
export * from './types.js';
