// A scenario's alert rules against the signals the models emit (models/signals.ts): a rule
// on a metric or log table no model emits, or filtering or splitting by a dimension the
// signal does not have, would never fire, and detection would silently fall back to the
// decision delay (issue 15). Each is an error naming the closest known name and the list.

import { type SignalInfo, signalsOf } from '../../models/signals.js';
import { NOOP_MSG } from '../messages-noop.js';
import type { PathSegment } from '../source.js';
import { closest } from '../suggest.js';
import type { Context } from './context.js';

type Raw = Record<string, unknown>;
type Path = readonly PathSegment[];

/** Checks every rule of `monitor.alerts` (raw, schema-valid) at `path`; records an issue per unknown name. */
export function checkSignals(ctx: Context, rules: readonly Raw[], path: Path): void {
  rules.forEach((r, i) => {
    const at = (...more: PathSegment[]) => [...path, i, ...more];
    // A KQL rule's tables and columns are checked with its query (normalise/kql.ts).
    if (typeof r.query === 'string') return;
    if (typeof r.log === 'string') {
      const table = known(ctx, 'log', r.log, at('log'));
      if (table === null) return;
      dimensions(ctx, table, r.where, at('where'));
      split(ctx, [table], r.splitBy, at('splitBy'));
      if (typeof r.field === 'string') dimension(ctx, table, r.field, at('field'), false);
      return;
    }
    const conditions: { raw: Raw; at: Path }[] =
      typeof r.metric === 'string'
        ? [{ raw: r, at: at() }]
        : ((r.conditions as Raw[] | undefined) ?? []).map((c, k) => ({ raw: c, at: at('conditions', k) }));
    const metrics = conditions.flatMap((c) => {
      const metric = known(ctx, 'metric', c.raw.metric as string, [...c.at, 'metric']);
      if (metric === null) return [];
      dimensions(ctx, metric, c.raw.where, [...c.at, 'where']);
      return [metric];
    });
    if (metrics.length === conditions.length) split(ctx, metrics, r.splitBy, at('splitBy'));
  });
}

// The signal named `name`, or null after recording an unknown-signal issue.
function known(ctx: Context, kind: SignalInfo['kind'], name: string, path: Path): SignalInfo | null {
  const signals = signalsOf(kind);
  const signal = signals.get(name);
  if (signal !== undefined) return signal;
  const names = [...signals.keys()];
  ctx.add('unknown-signal', path, NOOP_MSG.unknownSignal(kind, name, closest(name, names), names), {
    allowed: names.join(', '),
  });
  return null;
}

function dimensions(ctx: Context, signal: SignalInfo, where: unknown, path: Path): void {
  if (where === null || typeof where !== 'object') return;
  for (const name of Object.keys(where as Raw)) dimension(ctx, signal, name, [...path, name], true);
}

// splitBy: each name must be a dimension of some condition's metric (a log rule: its table).
function split(ctx: Context, signals: readonly SignalInfo[], splitBy: unknown, path: Path): void {
  if (!Array.isArray(splitBy) || signals.length === 0) return;
  splitBy.forEach((name: string, j) => {
    if (!signals.some((s) => s.dimensions.includes(name)))
      dimension(ctx, signals[0], name, [...path, j], false);
  });
}

function dimension(ctx: Context, signal: SignalInfo, name: string, path: Path, key: boolean): void {
  if (signal.dimensions.includes(name)) return;
  const names = signal.dimensions;
  ctx.add(
    'unknown-signal',
    path,
    NOOP_MSG.unknownDimension(signal.kind, signal.name, name, closest(name, names), names),
    { allowed: names.join(', '), key },
  );
}
