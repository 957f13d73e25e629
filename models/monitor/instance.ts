// The monitor condition of one alert instance (one time series of a rule), as a pure step
// function over runs of evaluations with the same outcome (§7.1):
// - stateful: fires on the first evaluation that holds, then not again until resolved;
//   resolves at the `resolveChecks`-th consecutive evaluation that does not hold;
// - stateless: fires when the condition starts to hold, then again every `cadence` while
//   it keeps holding; never resolves.
// A run of n equal outcomes costs O(1) (plus one call per firing): the evaluator hands over
// whole runs between the instants at which a window's contents change.

/** How an instance behaves, from its rule. */
export interface Behaviour {
  /** Evaluation frequency, ms; ticks are its multiples. */
  every: number;
  stateful: boolean;
  /** Consecutive healthy evaluations that resolve a stateful alert. */
  resolveChecks: number;
  /** Stateless: time between firings while the condition holds (a multiple of `every`). */
  cadence: number;
  /** Actions are skipped for firings less than this long after the last firing that ran them. */
  mute: number;
}

/** What an instance remembers between evaluations. */
export interface InstanceState {
  /** The last evaluated tick. */
  lastTick: number;
  /** Stateful: fired and not yet resolved. */
  open: boolean;
  /** Stateful and open: consecutive healthy evaluations so far. */
  healthy: number;
  /** Whether the last evaluation held. */
  prevTrue: boolean;
  /** Time of the last firing. */
  lastFired: number;
  /** Time of the last firing whose actions ran. */
  lastActed: number;
}

/** Receives a transition; returning false asks the caller to stop early (a look-ahead). */
export type Emit = (t: number, kind: 'fired' | 'resolved', muted: boolean) => boolean;

/** A fresh state whose first evaluation is the tick after `lastTick`. */
export function newState(lastTick: number): InstanceState {
  return {
    lastTick,
    open: false,
    healthy: 0,
    prevTrue: false,
    lastFired: Number.NEGATIVE_INFINITY,
    lastActed: Number.NEGATIVE_INFINITY,
  };
}

/**
 * Applies `n` consecutive evaluations, all with `outcome`, at ticks from, from + every, …;
 * calls `emit` for each transition in time order. Returns false if `emit` asked to stop.
 */
export function applyRun(
  b: Behaviour,
  s: InstanceState,
  outcome: boolean,
  from: number,
  n: number,
  emit: Emit,
): boolean {
  const last = from + (n - 1) * b.every;
  s.lastTick = last;
  if (!outcome) {
    s.prevTrue = false;
    if (!s.open) return true;
    const need = b.resolveChecks - s.healthy;
    if (n < need) {
      s.healthy += n;
      return true;
    }
    s.open = false;
    s.healthy = 0;
    return emit(from + (need - 1) * b.every, 'resolved', false);
  }
  if (b.stateful) {
    s.healthy = 0;
    s.prevTrue = true;
    if (s.open) return true;
    s.open = true;
    return fire(b, s, from, emit);
  }
  let t = s.prevTrue ? Math.max(from, s.lastFired + b.cadence) : from;
  s.prevTrue = true;
  for (; t <= last; t += b.cadence) if (!fire(b, s, t, emit)) return false;
  return true;
}

function fire(b: Behaviour, s: InstanceState, t: number, emit: Emit): boolean {
  s.lastFired = t;
  const muted = t - s.lastActed < b.mute;
  if (!muted) s.lastActed = t;
  return emit(t, 'fired', muted);
}
