// The scalar functions of the subset, as Kusto defines them: ago, now, bin/floor, iff/iif,
// tostring, todouble/toreal, toint/tolong, todatetime, isempty/isnotempty, isnull/isnotnull,
// not, startofday, strlen, tolower, toupper, strcat, round. An aggregation outside summarize
// and any other name are problems naming the function at its offset.

import type { Expr, KType, Value } from './ast.js';
import { parseDatetime } from './lexer.js';
import { type Compiled, mismatch, type Scope } from './scalar.js';
import { formatValue, isNumeric } from './values.js';

/** The aggregation functions summarize takes. */
export const AGGREGATIONS: ReadonlySet<string> = new Set([
  'count',
  'countif',
  'sum',
  'avg',
  'min',
  'max',
  'dcount',
  'arg_max',
  'arg_min',
]);

/** The scalar functions the subset knows, for messages. */
export const FUNCTIONS: readonly string[] = [
  'ago',
  'bin',
  'floor',
  'iff',
  'iif',
  'isempty',
  'isnotempty',
  'isnotnull',
  'isnull',
  'not',
  'now',
  'round',
  'startofday',
  'strcat',
  'strlen',
  'todatetime',
  'todouble',
  'toint',
  'tolong',
  'tolower',
  'toreal',
  'tostring',
  'toupper',
];

/** Epoch ms of 0001-01-01T00:00:00Z: Kusto bins datetimes from there (so 7d bins start on Mondays). */
export const KUSTO_EPOCH = -62_135_596_800_000;

type Compile = (e: Expr, scope: Scope) => Compiled;
const NONE: Compiled = { type: null, fn: () => null };

/** Type-checks and compiles a function call. */
export function callFunction(e: Extract<Expr, { k: 'call' }>, scope: Scope, compile: Compile): Compiled {
  if (AGGREGATIONS.has(e.fn)) {
    scope.problems.push({ code: 'misplaced-aggregate', at: e.at, name: e.fn });
    return NONE;
  }
  if (!FUNCTIONS.includes(e.fn)) {
    scope.problems.push({ code: 'unsupported-function', at: e.at, name: e.fn });
    return NONE;
  }
  const args = e.args.map((a) => compile(a, scope));
  if (args.some((a) => a.type === null)) return NONE;
  const types = args.map((a) => a.type as KType);
  const arity = (min: number, max = min): boolean => {
    if (args.length >= min && args.length <= max) return true;
    const expected =
      min === max ? String(min) : max === Number.POSITIVE_INFINITY ? `${min} or more` : `${min} to ${max}`;
    scope.problems.push({ code: 'arity', at: e.at, name: e.fn, expected, got: args.length });
    return false;
  };
  const want = (i: number, ok: (t: KType) => boolean, expected: string): boolean => {
    if (ok(types[i])) return true;
    mismatch(scope, e.args[i].at, `${e.fn}()`, expected, types[i]);
    return false;
  };
  const [a, b, c] = args;
  switch (e.fn) {
    case 'ago':
    case 'now': {
      if (e.fn === 'ago' ? !arity(1) : !arity(0, 1)) return NONE;
      if (args.length === 1 && !want(0, (t) => t === 'timespan', 'a timespan like 1h')) return NONE;
      scope.clock.readAt ??= e.at;
      const now = scope.clock.now;
      const sign = e.fn === 'ago' ? -1 : 1;
      return { type: 'datetime', fn: (r) => (a === undefined ? now : num(a.fn(r), (x) => now + sign * x)) };
    }
    case 'bin':
    case 'floor':
      if (!arity(2)) return NONE;
      return bin(e, scope, a, b, types);
    case 'iff':
    case 'iif': {
      if (!arity(3) || !want(0, (t) => t === 'bool', 'a condition')) return NONE;
      const same = types[1] === types[2] || (isNumeric(types[1]) && isNumeric(types[2]));
      if (!same)
        return mismatch(scope, e.args[2].at, `${e.fn}()`, `${types[1]} like its second argument`, types[2]);
      const type = types[1] === types[2] ? types[1] : 'real';
      return { type, fn: (r) => (a.fn(r) === true ? b.fn(r) : c.fn(r)) };
    }
    case 'tostring':
      if (!arity(1)) return NONE;
      return { type: 'string', fn: (r) => formatValue(a.fn(r), types[0]) };
    case 'todouble':
    case 'toreal':
    case 'toint':
    case 'tolong': {
      if (!arity(1)) return NONE;
      const whole = e.fn === 'toint' || e.fn === 'tolong';
      return { type: whole ? 'long' : 'real', fn: (r) => toNumber(a.fn(r), whole) };
    }
    case 'todatetime':
      if (!arity(1) || !want(0, (t) => t === 'string' || t === 'datetime', 'a string or a datetime'))
        return NONE;
      return { type: 'datetime', fn: (r) => toDatetime(a.fn(r)) };
    case 'isempty':
    case 'isnotempty':
    case 'isnull':
    case 'isnotnull': {
      if (!arity(1)) return NONE;
      const empty = e.fn.endsWith('empty');
      const negate = e.fn.startsWith('isnot');
      return {
        type: 'bool',
        fn: (r) => {
          const v = a.fn(r);
          const hit = v === null || (empty && v === '');
          return negate ? !hit : hit;
        },
      };
    }
    case 'not':
      if (!arity(1) || !want(0, (t) => t === 'bool', 'a condition')) return NONE;
      return {
        type: 'bool',
        fn: (r) => {
          const v = a.fn(r);
          return v === null ? null : !v;
        },
      };
    case 'startofday':
      if (!arity(1) || !want(0, (t) => t === 'datetime', 'a datetime')) return NONE;
      return { type: 'datetime', fn: (r) => num(a.fn(r), (x) => Math.floor(x / 86_400_000) * 86_400_000) };
    case 'strlen':
      if (!arity(1) || !want(0, (t) => t === 'string', 'a string')) return NONE;
      return {
        type: 'long',
        fn: (r) => {
          const v = a.fn(r);
          return typeof v === 'string' ? [...v].length : null;
        },
      };
    case 'tolower':
    case 'toupper': {
      if (!arity(1)) return NONE;
      const lower = e.fn === 'tolower';
      return {
        type: 'string',
        fn: (r) => {
          const v = formatValue(a.fn(r), types[0]);
          return lower ? v.toLowerCase() : v.toUpperCase();
        },
      };
    }
    case 'strcat':
      if (!arity(1, Number.POSITIVE_INFINITY)) return NONE;
      return { type: 'string', fn: (r) => args.map((x, i) => formatValue(x.fn(r), types[i])).join('') };
    default: {
      // round(x [, digits])
      if (!arity(1, 2) || !want(0, isNumeric, 'a number')) return NONE;
      if (b !== undefined && !want(1, isNumeric, 'a number of digits')) return NONE;
      return {
        type: 'real',
        fn: (r) => {
          const x = a.fn(r);
          const d = b === undefined ? 0 : b.fn(r);
          if (typeof x !== 'number' || typeof d !== 'number') return null;
          const f = 10 ** d;
          return Math.round(x * f) / f;
        },
      };
    }
  }
}

const num = (v: Value, f: (x: number) => number): Value => (typeof v === 'number' ? f(v) : null);

// bin(value, size): down to a multiple of size; datetimes from 0001-01-01 as Kusto does.
function bin(
  e: Extract<Expr, { k: 'call' }>,
  scope: Scope,
  a: Compiled,
  b: Compiled,
  types: KType[],
): Compiled {
  const [vt, st] = types;
  let type: KType | null = null;
  if (isNumeric(vt) && isNumeric(st)) type = vt === 'real' || st === 'real' ? 'real' : 'long';
  else if (vt === 'datetime' && st === 'timespan') type = 'datetime';
  else if (vt === 'timespan' && st === 'timespan') type = 'timespan';
  if (type === null) return mismatch(scope, e.args[1].at, `${e.fn}()`, `a bin size for a ${vt}`, st);
  const origin = vt === 'datetime' ? KUSTO_EPOCH : 0;
  return {
    type,
    fn: (r) => {
      const v = a.fn(r);
      const size = b.fn(r);
      if (typeof v !== 'number' || typeof size !== 'number' || size <= 0) return null;
      return Math.floor((v - origin) / size) * size + origin;
    },
  };
}

function toNumber(v: Value, whole: boolean): Value {
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'string' && v.trim() !== '') n = Number(v);
  else return null;
  if (!Number.isFinite(n)) return null;
  return whole ? Math.trunc(n) : n;
}

function toDatetime(v: Value): Value {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return null;
  return parseDatetime(v.trim()) ?? (Number.isNaN(Date.parse(v)) ? null : Date.parse(v));
}
