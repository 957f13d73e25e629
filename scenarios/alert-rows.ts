// A test-alerts case's `rows:` (issue 19): table rows at instants, for KQL rules, read
// against the tables rules can read (models/signals.ts): an unknown table or column is an
// issue with "did you mean"; each value is read in its column's type (a datetime as a
// duration after time 0 or an ISO instant).

import { REPLAY_ORIGIN, type RecordedSignal } from '../models/monitor/replay.js';
import type { Fields } from '../models/monitor/signals.js';
import { ALERT_SCHEMA } from '../models/signals.js';
import { kqlMessage } from './messages-kql.js';
import { MONITOR_MSG } from './messages-monitor.js';
import type { Context } from './normalise/context.js';
import type { PathSegment } from './source.js';
import { parseDuration } from './units.js';

type Raw = Record<string, unknown>;

/** The rows as log signals, and the last row's instant plus a minute; null after recording issues. */
export function readRows(
  ctx: Context,
  raw: readonly Raw[],
  path: PathSegment[],
): { signals: RecordedSignal[]; end: number } | null {
  const signals: RecordedSignal[] = [];
  let end = 0;
  let ok = true;
  raw.forEach((r, i) => {
    const at = (...more: PathSegment[]) => [...path, i, ...more];
    const table = r.table as string;
    const columns = ALERT_SCHEMA.get(table);
    if (columns === undefined) {
      ctx.add(
        'unknown-signal',
        at('table'),
        kqlMessage({ code: 'unknown-table', at: 0, name: table, known: [...ALERT_SCHEMA.keys()] }, 'rule'),
      );
      ok = false;
      return;
    }
    const t = ctx.unit(parseDuration, at('at'), r.at);
    if (t === null) {
      ok = false;
      return;
    }
    const record: Record<string, string | number | boolean> = { TimeGenerated: REPLAY_ORIGIN + t };
    for (const [name, value] of Object.entries((r.columns as Raw | undefined) ?? {})) {
      const col = columns.find((c) => c.name === name);
      if (col === undefined) {
        const known = columns.map((c) => c.name);
        ctx.add(
          'unknown-signal',
          at('columns', name),
          kqlMessage({ code: 'unknown-column', at: 0, name, known }, 'rule'),
          { key: true },
        );
        ok = false;
        continue;
      }
      const v = typed(value, col.type);
      if (v === null) {
        ctx.add('wrong-type', at('columns', name), MONITOR_MSG.rowValue(name, col.type, value));
        ok = false;
      } else record[name] = v;
    }
    const repeat = (r.repeat as number | undefined) ?? 1;
    for (let k = 0; k < repeat; k++)
      signals.push({ signal: 'log', name: table, record: record as Fields, t });
    end = Math.max(end, t + 60_000);
  });
  return ok ? { signals, end } : null;
}

// A YAML scalar as a value of a column type, or null when it is not one.
function typed(v: unknown, type: string): string | number | boolean | null {
  if (type === 'string') return String(v);
  if (type === 'bool') return typeof v === 'boolean' ? v : null;
  if (type === 'datetime') {
    const d = parseDuration(v);
    if (d.ok) return REPLAY_ORIGIN + d.value;
    const iso = typeof v === 'string' ? Date.parse(v) : Number.NaN;
    return Number.isNaN(iso) ? null : iso;
  }
  if (type === 'timespan') {
    const d = parseDuration(v);
    return d.ok ? d.value : null;
  }
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}
