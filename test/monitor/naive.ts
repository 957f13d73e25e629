// A deliberately naive evaluator for the property tests: every instance is evaluated at
// every tick from raw samples, with a per-tick state machine written out plainly. It shares
// only the rule's parameters (compileRule) and the filter and threshold helpers with the
// lazy evaluator, never its buckets, run-skipping or step function.
import { compileRule } from '../../models/monitor/compile.js';
import { passes, violates } from '../../models/monitor/condition.js';
import type { RecordedSignal } from '../../models/monitor/replay.js';
import type { AlertRule } from '../../models/monitor/types.js';

/** A firing as the naive evaluator reports it. */
export interface NaiveFiring {
  rule: string;
  instance: Record<string, string>;
  firedAt: number;
  resolvedAt: number | null;
}

type Sample = { t: number; arrival: number; value: number; cond: number };

/** Every firing of `rules` over `signals` (emitted at their timestamps, seen after a fixed latency) up to `horizon`. */
export function naiveFirings(
  rules: readonly AlertRule[],
  signals: readonly RecordedSignal[],
  latency: { metric: number; log: number },
  horizon: number,
): NaiveFiring[] {
  const out: NaiveFiring[] = [];
  rules.forEach((rule, index) => {
    out.push(...naiveRule(rule, index, signals, latency, horizon));
  });
  const text = (f: NaiveFiring) => JSON.stringify(f.instance);
  return out.sort(
    (a, b) =>
      a.firedAt - b.firedAt ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : 0),
  );
}

function naiveRule(
  rule: AlertRule,
  index: number,
  signals: readonly RecordedSignal[],
  latency: { metric: number; log: number },
  horizon: number,
): NaiveFiring[] {
  const c = compileRule(rule, index);
  const every = c.behaviour.every;
  // Instances: created at their first sample's arrival (or at 0 when always on).
  const instances = new Map<string, { dims: Record<string, string>; created: number; samples: Sample[] }>();
  if (c.alwaysOn) instances.set('[]', { dims: {}, created: 0, samples: [] });
  for (const s of signals) {
    if (s.t > horizon) continue;
    const fields = s.signal === 'metric' ? s.dims : s.record;
    const arrival = s.t + (s.signal === 'metric' ? latency.metric : latency.log);
    if (arrival > horizon) continue;
    c.sources.forEach((src, cond) => {
      if (src.signal !== s.signal || src.name !== s.name || !passes(src.filters, fields)) return;
      let value = s.signal === 'metric' ? s.value : 1;
      if (src.field !== null) {
        const raw = fields[src.field];
        if (typeof raw !== 'number' || !Number.isFinite(raw)) return;
        value = raw;
      }
      const values = c.splitBy.map((n) => (fields[n] === undefined ? '' : String(fields[n])));
      const key = JSON.stringify(values);
      let inst = instances.get(key);
      if (inst === undefined) {
        const dims = Object.fromEntries(
          c.splitBy.map((n, i) => [n, values[i]]).sort(([a], [b]) => (a < b ? -1 : 1)),
        );
        inst = { dims, created: arrival, samples: [] };
        instances.set(key, inst);
      }
      inst.created = Math.min(inst.created, arrival);
      inst.samples.push({ t: s.t, arrival, value, cond });
    });
  }
  const out: NaiveFiring[] = [];
  for (const inst of instances.values()) {
    let open: NaiveFiring | null = null;
    let healthy = 0;
    let prevTrue = false;
    let lastFired = Number.NEGATIVE_INFINITY;
    for (let t = Math.floor(inst.created / every) * every + every; t <= horizon; t += every) {
      const outcome = c.checks.every((check, cond) => {
        let failing = 0;
        for (let k = 1; k <= check.periods; k++) {
          const to = t - (k - 1) * check.period;
          const from = to - check.period;
          const seen = inst.samples.filter(
            (s) => s.cond === cond && s.arrival < t && s.t >= from && s.t < to,
          );
          if (
            violates(
              aggregate(
                check.aggregation,
                seen.map((s) => s.value),
              ),
              check.threshold,
            )
          )
            failing++;
        }
        return failing >= check.minFailing;
      });
      if (c.behaviour.stateful) {
        if (outcome) {
          healthy = 0;
          if (open === null) {
            open = { rule: rule.name, instance: inst.dims, firedAt: t, resolvedAt: null };
            out.push(open);
          }
        } else if (open !== null && ++healthy === c.behaviour.resolveChecks) {
          open.resolvedAt = t;
          open = null;
          healthy = 0;
        }
      } else {
        if (outcome && (!prevTrue || t - lastFired >= c.behaviour.cadence)) {
          out.push({ rule: rule.name, instance: inst.dims, firedAt: t, resolvedAt: null });
          lastFired = t;
        }
        prevTrue = outcome;
      }
    }
  }
  return out;
}

function aggregate(how: string, values: number[]): number | null {
  if (how === 'count') return values.length;
  if (how === 'total') return values.reduce((a, b) => a + b, 0);
  if (values.length === 0) return null;
  if (how === 'average') return values.reduce((a, b) => a + b, 0) / values.length;
  return how === 'minimum' ? Math.min(...values) : Math.max(...values);
}
