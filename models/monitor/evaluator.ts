// Evaluates one rule's instances lazily. An instance is evaluated at every multiple of the
// rule's frequency after it appears, but between two instants at which a window's contents
// change every evaluation has the same outcome, so the evaluator steps from change to
// change and hands each run of equal outcomes to the state machine at once (instance.ts).
// A series with no data in reach and nothing open costs nothing; the result is what
// evaluating at every tick would give (test/monitor/lazy.test.ts checks it against a naive
// evaluator on random series).
//
// Visibility: an evaluation at tick T sees the samples that arrived (after ingestion
// latency) strictly before T and are stamped inside its window. Callers keep that true by
// catching an instance up to `now` before adding a sample that arrives now.

import { Buckets } from './buckets.js';
import type { CompiledRule } from './compile.js';
import { holds } from './condition.js';
import { applyRun, type Emit, type InstanceState, newState } from './instance.js';

/** One time series of a rule: its dimensions, samples per condition and monitor condition. */
export interface Instance {
  /** Canonical key of `dims`. */
  key: string;
  /** The split dimensions' values, keys sorted. */
  dims: Record<string, string>;
  state: InstanceState;
  /** Per condition, its samples (null until one arrives). */
  series: (Buckets | null)[];
  /** The kernel event that will look at this instance again, if any (owned by the monitor). */
  wake: number | null;
  wakeAt: number;
}

/** Receives an instance's transitions as they are decided. */
export type InstanceEmit = (inst: Instance, t: number, kind: 'fired' | 'resolved', muted: boolean) => void;

/** Runs of equal outcomes a look-ahead examines before settling for a later look. */
const LOOKAHEAD_RUNS = 16;

/** The lazy evaluator of one rule. */
export class RuleEvaluator {
  /** Instances by key, in order of appearance. */
  readonly instances = new Map<string, Instance>();

  constructor(
    readonly rule: CompiledRule,
    private readonly horizon: number,
    private readonly emit: InstanceEmit,
  ) {
    if (rule.alwaysOn) this.instanceFor({}, 0);
  }

  /** The instance a sample with these dimensions belongs to, created if new (first tick after `now`). */
  instanceFor(dims: Readonly<Record<string, unknown>>, now: number): Instance {
    const names = this.rule.splitBy;
    // The key joins the values with a control character no dimension value is expected to hold.
    let key = '';
    for (let i = 0; i < names.length; i++) {
      const v = dims[names[i]];
      key += `${i === 0 ? '' : '\u0001'}${v === undefined || v === null ? '' : String(v)}`;
    }
    let inst = this.instances.get(key);
    if (inst === undefined) {
      const values = names.map((n) => {
        const v = dims[n];
        return v === undefined || v === null ? '' : String(v);
      });
      const pairs = names
        .map((n, i) => [n, values[i]] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const every = this.rule.behaviour.every;
      inst = {
        key,
        dims: Object.fromEntries(pairs),
        state: newState(Math.floor(now / every) * every),
        series: this.rule.sources.map(() => null),
        wake: null,
        wakeAt: Number.POSITIVE_INFINITY,
      };
      this.instances.set(key, inst);
    }
    return inst;
  }

  /** Adds a sample of condition `cond` stamped `t` that arrives at `now`; evaluations up to now do not see it. */
  add(inst: Instance, cond: number, t: number, value: number, now: number): void {
    this.catchUp(inst, now);
    // A sample older than every future window is never seen (late ingestion).
    if (t < this.oldestVisible(inst, cond)) return;
    let series = inst.series[cond];
    if (series === null) {
      series = new Buckets();
      inst.series[cond] = series;
    }
    series.add(t, value);
  }

  /** Evaluates every tick of the instance up to `upTo` (and the horizon), emitting transitions. */
  catchUp(inst: Instance, upTo: number): void {
    const emit: Emit = (t, kind, muted) => {
      this.emit(inst, t, kind, muted);
      return true;
    };
    this.run(inst, inst.state, Math.min(upTo, this.horizon), emit, Number.POSITIVE_INFINITY);
    for (let c = 0; c < inst.series.length; c++) inst.series[c]?.dropBefore(this.oldestVisible(inst, c));
  }

  /**
   * When to look at the instance again if no sample arrives: its next transition, or, when
   * none is found within a few runs, the first tick not yet examined; Infinity when nothing
   * will happen before the horizon.
   */
  nextLook(inst: Instance): number {
    const probe = { ...inst.state };
    let found = Number.POSITIVE_INFINITY;
    const finished = this.run(
      inst,
      probe,
      this.horizon,
      (t) => {
        found = t;
        return false;
      },
      LOOKAHEAD_RUNS,
    );
    if (found !== Number.POSITIVE_INFINITY) return found;
    return finished ? Number.POSITIVE_INFINITY : probe.lastTick + this.rule.behaviour.every;
  }

  /** Steps over runs of equal outcomes up to `upTo`; false when stopped early (emit or maxRuns). */
  private run(inst: Instance, s: InstanceState, upTo: number, emit: Emit, maxRuns: number): boolean {
    const { behaviour, checks } = this.rule;
    const every = behaviour.every;
    const lastTick = Math.floor(upTo / every) * every;
    for (let runs = 0; s.lastTick < lastTick; runs++) {
      if (runs >= maxRuns) return false;
      const t = s.lastTick + every;
      let outcome = true;
      let next = Number.POSITIVE_INFINITY;
      for (let c = 0; c < checks.length; c++) {
        const series = inst.series[c];
        if (outcome && !holds(checks[c], series, t)) outcome = false;
        if (series !== null) {
          const at = series.nextChange(t, every, checks[c].period, checks[c].periods);
          if (at < next) next = at;
        }
      }
      const end = Math.min(next - every, lastTick);
      if (!applyRun(behaviour, s, outcome, t, (end - t) / every + 1, emit)) return false;
    }
    return true;
  }

  /** The oldest sample time any evaluation after the instance's last tick can see. */
  private oldestVisible(inst: Instance, cond: number): number {
    const check = this.rule.checks[cond];
    return inst.state.lastTick + this.rule.behaviour.every - check.period * check.periods;
  }
}
