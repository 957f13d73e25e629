// The monitor of one run: receives signals from models (SignalSink), delays them by the
// ingestion latency (§7.6), evaluates alert rules lazily (evaluator.ts), records built-in
// backup alerts (§7.5), and at the end routes every transition through processing rules and
// action groups (routing.ts). Nothing here costs a kernel event per tick.
//
// Rules whose actions act on the world (`notify`, `failover:<plan>`) are live: their
// instances are looked at again, by a kernel event, when their next transition is due, so
// those notifications happen at their own simulated time and other models can react
// (`subscribe`, `whenNotified`). Other rules are only caught up when a sample arrives and at
// the end; their transitions carry the same evaluation times either way.

import { type Distribution, makeSampler, type Sampler } from '../../engine/distributions.js';
import type { RandomStream, Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { AlertRowMapper } from '../kql/alert.js';
import type { Row } from '../kql/values.js';
import { ALWAYS_LISTED, BackupHealth, BUILT_IN_ALERTS, type BuiltInKind } from './backup-health.js';
import { type CompiledRule, compileRule } from './compile.js';
import { passes } from './condition.js';
import { type Instance, RuleEvaluator } from './evaluator.js';
import { type AlertEvaluation, evaluationAt } from './evidence.js';
import { suppressedAt } from './processing.js';
import { type RuleDeliveries, route } from './routing.js';
import { BACKUP_HEALTH_EVENTS, BACKUP_JOBS_TABLE, type Fields, type SignalSink } from './signals.js';
import type { MonitorSpec, Severity, Transition } from './types.js';

/** A notification from a rule that acts on the world (its actions include notify or failover:<plan>). */
export interface Notice {
  /** Simulated time it was sent, ms. */
  t: number;
  rule: string;
  instance: Record<string, string>;
  severity: Severity;
  /** The rule's actions. */
  actions: readonly string[];
}

/** What a run's monitor produced, in simulated ms (results.ts turns it into AlertsResult). */
export interface MonitorOutcome {
  rules: {
    name: string;
    kind: 'metric' | 'log' | 'built-in';
    severity: Severity;
    fired: number;
    resolved: number;
    deliveries: RuleDeliveries;
  }[];
  /** Every firing ordered by time, rule, instance; resolvedAt null while open (and always for stateless rules). */
  firings: {
    rule: string;
    instance: Record<string, string>;
    severity: Severity;
    firedAt: number;
    resolvedAt: number | null;
  }[];
  /** Marked fault instants, sorted. */
  faults: number[];
}

/** How a monitor is set up besides its spec. */
export interface MonitorOptions {
  streams: Streams;
  /** Epoch ms of simulated time 0. */
  origin: number;
  /** Last instant evaluated, ms. */
  horizon: number;
  /** Make every rule live (tests use it to check live and lazy evaluation agree). */
  allLive?: boolean;
  /** List every built-in security alert in the results, fired or not (the run has operations). */
  security?: boolean;
  /** Record what each evaluation that fired or resolved this rule saw (`vaultsim explain alert`). */
  explain?: { rule: string; record: (evaluation: AlertEvaluation) => void };
  /**
   * The scenario's diagnostics (issue 19): the tables' rows come from them (Backup Health sends
   * none of its own), and reach rules after their latency (§16.2) instead of `latency.log`.
   */
  diagnostics?: { tables: readonly string[]; latency: Distribution };
}

type Consumer = {
  ev: RuleEvaluator;
  cond: number;
  field: string | null;
  filters: CompiledRule['sources'][number]['filters'];
  rows: AlertRowMapper | null;
};

/** Whether an action acts on the world. */
export const isWorldAction = (action: string): boolean =>
  action === 'notify' || action.startsWith('failover:') || action.startsWith('backup:');

/** Matches the actions that detect a fault for a recovery plan: `notify` or `failover:<plan>`. */
export const detectsFor =
  (plan: string) =>
  (action: string): boolean =>
    action === 'notify' || action === `failover:${plan}`;

/** The monitor of one run. */
export class Monitor implements SignalSink {
  /** Where the backup model reports job outcomes and deletions. */
  readonly backup: BackupHealth;
  private readonly evaluators: RuleEvaluator[];
  private readonly live: boolean[];
  private readonly consumers = new Map<string, Consumer[]>();
  private readonly transitions: Transition[] = [];
  private readonly notices: Notice[] = [];
  private listeners: ((n: Notice) => void)[] = [];
  private readonly faults: number[] = [];
  private readonly latency: { metric: Sampler; log: Sampler; metricZero: boolean; logZero: boolean };
  // The diagnostics' tables and their latency (issue 19), or null.
  private readonly tableLatency: { tables: ReadonlySet<string>; sampler: Sampler } | null;
  private readonly builtInIndex: number;

  constructor(
    private readonly sim: Simulation,
    private readonly spec: MonitorSpec,
    private readonly options: MonitorOptions,
  ) {
    const horizon = options.horizon;
    this.evaluators = spec.rules.map(
      (rule, i) =>
        new RuleEvaluator(compileRule(rule, i), horizon, (inst, t, kind, muted) =>
          this.emit(i, inst, t, kind, muted),
        ),
    );
    this.live = spec.rules.map((r) => options.allLive === true || r.actions.some(isWorldAction));
    this.evaluators.forEach((ev, i) => {
      ev.rule.sources.forEach((s, cond) => {
        const key = `${s.signal}:${s.name}`;
        const list = this.consumers.get(key) ?? [];
        list.push({ ev, cond, field: s.field, filters: s.filters, rows: s.rows ?? null });
        this.consumers.set(key, list);
      });
      if (this.live[i]) for (const inst of ev.instances.values()) this.reschedule(ev, inst);
    });
    const { metric, log } = spec.latency;
    this.latency = {
      metric: makeSampler(metric),
      log: makeSampler(log),
      metricZero: metric.kind === 'constant' && metric.value === 0,
      logZero: log.kind === 'constant' && log.value === 0,
    };
    const diag = options.diagnostics;
    this.tableLatency =
      diag === undefined ? null : { tables: new Set(diag.tables), sampler: makeSampler(diag.latency) };
    this.builtInIndex = spec.rules.length;
    this.backup = new BackupHealth(
      this,
      (kind, t, instance) => this.builtIn(kind, t, instance),
      spec.builtIn.jobFailure,
      {
        metric: this.consumes('metric', BACKUP_HEALTH_EVENTS),
        log: this.consumes('log', BACKUP_JOBS_TABLE) && diag === undefined,
      },
      options.origin,
    );
  }

  /** Whether some rule reads this metric or log table (models may skip emitting it otherwise). */
  consumes(signal: 'metric' | 'log', name: string): boolean {
    return this.consumers.has(`${signal}:${name}`);
  }

  metric(name: string, dims: Fields, t: number, value: number): void {
    const list = this.consumers.get(`metric:${name}`);
    if (list === undefined) return;
    const delay = this.latency.metricZero
      ? 0
      : this.draw(this.latency.metric, `monitor/ingest/metric/${name}`);
    this.arrive(list, dims, t, value, delay);
  }

  log(table: string, record: Fields, t: number): void {
    const list = this.consumers.get(`log:${table}`);
    if (list === undefined) return;
    const own = this.tableLatency?.tables.has(table) === true ? this.tableLatency.sampler : null;
    const delay =
      own !== null
        ? this.draw(own, `monitor/ingest/log/${table}`)
        : this.latency.logZero
          ? 0
          : this.draw(this.latency.log, `monitor/ingest/log/${table}`);
    this.arrive(list, record, t, 1, delay);
  }

  /** Marks a fault at `t` (ms): rules report the time from the fault before their first notification to it. */
  markFault(t: number): void {
    let i = this.faults.length;
    while (i > 0 && this.faults[i - 1] > t) i--;
    this.faults.splice(i, 0, t);
  }

  /** Calls `listener` with every notice from now on; returns a function that stops it. */
  subscribe(listener: (n: Notice) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** The first notice at or after `after` from a rule with an action `match` accepts, so far; or null. */
  firstNoticeAfter(after: number, match: (action: string) => boolean): Notice | null {
    return this.notices.find((n) => n.t >= after && n.actions.some(match)) ?? null;
  }

  /**
   * Calls `callback` once with the first notice at or after `after` from a rule with an action
   * `match` accepts: at once if one was already sent, else when it is. Returns a cancel function.
   */
  whenNotified(after: number, match: (action: string) => boolean, callback: (n: Notice) => void): () => void {
    const past = this.firstNoticeAfter(after, match);
    if (past !== null) {
      callback(past);
      return () => {};
    }
    const stop = this.subscribe((n) => {
      if (n.t < after || !n.actions.some(match)) return;
      stop();
      callback(n);
    });
    return stop;
  }

  /** Evaluates everything up to the horizon and routes every notification; call once, after the run. */
  finish(): MonitorOutcome {
    for (const ev of this.evaluators)
      for (const inst of ev.instances.values()) ev.catchUp(inst, this.options.horizon);
    const sorted = [...this.transitions].sort(
      (a, b) => a.t - b.t || a.ruleIndex - b.ruleIndex || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0),
    );
    const deliveries = route(sorted, {
      actions: new Map([
        ...this.spec.rules.map((r) => [r.name, r.actions] as const),
        ...Object.values(BUILT_IN_ALERTS).map((b) => [b.name, this.spec.builtIn.actions] as const),
      ]),
      groups: new Map(this.spec.actionGroups.map((g) => [g.name, g])),
      processing: this.spec.processingRules,
      origin: this.options.origin,
      webhookStream: (url) => this.options.streams.get(`monitor/webhook/${url}`),
    });
    return {
      rules: this.ruleOutcomes(sorted, deliveries),
      firings: firings(sorted),
      faults: [...this.faults],
    };
  }

  private ruleOutcomes(
    sorted: Transition[],
    deliveries: Map<string, RuleDeliveries>,
  ): MonitorOutcome['rules'] {
    const none = {
      sent: 0,
      suppressedByRateLimit: 0,
      suppressedByProcessingRule: 0,
      failed: 0,
      firstSentAt: null,
    };
    const counts = new Map<string, number>();
    for (const tr of sorted)
      counts.set(`${tr.kind}:${tr.rule}`, (counts.get(`${tr.kind}:${tr.rule}`) ?? 0) + 1);
    const count = (rule: string, kind: Transition['kind']) => counts.get(`${kind}:${rule}`) ?? 0;
    const listed = (kind: BuiltInKind, name: string) =>
      kind === 'jobFailure'
        ? this.spec.builtIn.jobFailure
        : ALWAYS_LISTED.has(kind) || this.options.security === true || count(name, 'fired') > 0;
    const builtIns = (
      Object.entries(BUILT_IN_ALERTS) as [BuiltInKind, (typeof BUILT_IN_ALERTS)[BuiltInKind]][]
    )
      .filter(([kind, b]) => listed(kind, b.name))
      .map(([, b]) => ({ name: b.name, kind: 'built-in' as const, severity: b.severity as Severity }));
    return [
      ...this.spec.rules.map((r) => ({ name: r.name, kind: r.kind, severity: r.severity })),
      ...builtIns,
    ].map((r) => ({
      ...r,
      fired: count(r.name, 'fired'),
      resolved: count(r.name, 'resolved'),
      deliveries: deliveries.get(r.name) ?? none,
    }));
  }

  private draw(sampler: Sampler, stream: string): number {
    return Math.max(0, Math.round(sampler(this.stream(stream))));
  }

  private stream(name: string): RandomStream {
    return this.options.streams.get(name);
  }

  // A signal arrives after its latency; rules see it from then on.
  private arrive(list: Consumer[], dims: Fields, t: number, value: number, delay: number): void {
    const at = Math.max(this.sim.now, t + delay);
    if (at === this.sim.now) this.deliver(list, dims, t, value);
    else this.sim.at(at, () => this.deliver(list, dims, t, value), 'monitor/ingest');
  }

  private deliver(list: Consumer[], dims: Fields, t: number, value: number): void {
    const now = this.sim.now;
    for (const c of list) {
      if (c.rows !== null) {
        this.deliverRow(c, dims, t, now);
        continue;
      }
      if (!passes(c.filters, dims)) continue;
      const v = c.field === null ? value : Number(dims[c.field]);
      if (
        c.field !== null &&
        (dims[c.field] === undefined || typeof dims[c.field] === 'boolean' || !Number.isFinite(v))
      )
        continue;
      const inst = c.ev.instanceFor(dims, now);
      c.ev.add(inst, c.cond, t, v, now);
      if (this.live[c.ev.rule.index]) this.reschedule(c.ev, inst);
    }
  }

  // A KQL rule's row (issue 19): its query's row-wise part decides whether it counts, in which series, with which value.
  private deliverRow(c: Consumer, record: Fields, t: number, now: number): void {
    const row: Row = { ...record };
    row.TimeGenerated ??= this.options.origin + t;
    const mapped = c.rows!(row);
    if (mapped === null) return;
    const inst = c.ev.instanceFor(mapped.dims, now);
    c.ev.add(inst, c.cond, t, mapped.value, now);
    if (this.live[c.ev.rule.index]) this.reschedule(c.ev, inst);
  }

  // A live instance's next look: cancel the pending one if it moved.
  private reschedule(ev: RuleEvaluator, inst: Instance): void {
    const at = ev.nextLook(inst);
    if (at === inst.wakeAt && inst.wake !== null) return;
    if (inst.wake !== null) this.sim.cancel(inst.wake);
    inst.wake = null;
    inst.wakeAt = at;
    if (at > this.options.horizon) return;
    inst.wake = this.sim.at(
      at,
      () => {
        inst.wake = null;
        ev.catchUp(inst, this.sim.now);
        this.reschedule(ev, inst);
      },
      'monitor/evaluate',
    );
  }

  private emit(ruleIndex: number, inst: Instance, t: number, kind: Transition['kind'], muted: boolean): void {
    const rule = this.spec.rules[ruleIndex];
    const explain = this.options.explain;
    if (explain !== undefined && explain.rule === rule.name)
      explain.record(evaluationAt(this.evaluators[ruleIndex].rule, inst, t, kind));
    this.record(
      {
        t,
        kind,
        rule: rule.name,
        ruleIndex,
        key: inst.key,
        instance: inst.dims,
        severity: rule.severity,
        muted,
      },
      rule.actions,
    );
  }

  /** Records a built-in alert of `kind` firing at `t` (ms; at once when t ≤ now, else by an event at t) for an instance. */
  builtIn(kind: BuiltInKind, t: number, instance: Record<string, string>): void {
    const b = BUILT_IN_ALERTS[kind];
    const index = this.builtInIndex + Object.keys(BUILT_IN_ALERTS).indexOf(kind);
    const tr: Transition = {
      t,
      kind: 'fired',
      rule: b.name,
      ruleIndex: index,
      key: JSON.stringify(instance),
      instance,
      severity: b.severity,
      muted: false,
    };
    if (t <= this.sim.now) this.record(tr, this.spec.builtIn.actions);
    else if (t <= this.options.horizon)
      this.sim.at(t, () => this.record(tr, this.spec.builtIn.actions), 'monitor/built-in');
  }

  // Keeps a transition; a firing of a rule that acts on the world is a notice at once.
  private record(tr: Transition, actions: readonly string[]): void {
    this.transitions.push(tr);
    if (tr.kind !== 'fired' || tr.muted || !actions.some(isWorldAction)) return;
    if (suppressedAt(this.spec.processingRules, tr.rule, tr.t, this.options.origin)) return;
    const notice: Notice = { t: tr.t, rule: tr.rule, instance: tr.instance, severity: tr.severity, actions };
    this.notices.push(notice);
    for (const l of [...this.listeners]) l(notice);
  }
}

// Pairs each stateful firing with its resolution.
function firings(sorted: Transition[]): MonitorOutcome['firings'] {
  const out: MonitorOutcome['firings'] = [];
  const open = new Map<string, number>();
  for (const tr of sorted) {
    const id = `${tr.ruleIndex}|${tr.key}`;
    if (tr.kind === 'fired') {
      open.set(id, out.length);
      out.push({
        rule: tr.rule,
        instance: tr.instance,
        severity: tr.severity,
        firedAt: tr.t,
        resolvedAt: null,
      });
    } else {
      const i = open.get(id);
      if (i !== undefined) out[i].resolvedAt = tr.t;
      open.delete(id);
    }
  }
  // The timeline's order: fired at, then rule name, then instance.
  const keyed = out.map((f) => ({ f, text: JSON.stringify(f.instance) }));
  keyed.sort((a, b) => a.f.firedAt - b.f.firedAt || cmp(a.f.rule, b.f.rule) || cmp(a.text, b.text));
  return keyed.map((k) => k.f);
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
