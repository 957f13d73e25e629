// Scalar expressions: type-checked and compiled in one pass into a function of a row. Types
// follow Kusto (long / long is a long, datetime − datetime a timespan, …); a comparison with
// null is null and `where` keeps only true; string operators are case-insensitive unless
// `_cs` (has, contains, startswith, endswith, =~, in~) as Kusto's are. A problem is recorded
// once, with the offset of what caused it, and its expression typed null so that nothing
// built on it reports again.

import type { BinaryOp, Expr, KType, Value } from './ast.js';
import { callFunction } from './functions.js';
import type { KqlProblem } from './problems.js';
import { formatValue, isNumeric, type Row } from './values.js';
import { EQUALITY_OPS, TEXT_OPS } from './words.js';

/** What an expression may refer to, and where problems go. */
export interface Scope {
  /** Columns of the rows at this point of the query. */
  columns: ReadonlyMap<string, KType>;
  /** `let` names: their type and value. */
  lets: ReadonlyMap<string, { type: KType; value: Value }>;
  problems: KqlProblem[];
  /** The clock ago() and now() read (epoch ms); `readAt` records where the first read was. */
  clock: { now: number; readAt: number | null };
}

/** A compiled expression: its type (null after a problem) and its value for a row. */
export interface Compiled {
  type: KType | null;
  fn: (row: Row) => Value;
}

const NONE: Compiled = { type: null, fn: () => null };

/** Type-checks and compiles `e` in `scope`. */
export function compileExpr(e: Expr, scope: Scope): Compiled {
  switch (e.k) {
    case 'lit': {
      const v = e.value;
      return { type: e.type, fn: () => v };
    }
    case 'name':
      return nameRef(e.name, e.at, scope);
    case 'neg': {
      const a = compileExpr(e.arg, scope);
      if (a.type === null) return NONE;
      if (!isNumeric(a.type) && a.type !== 'timespan')
        return mismatch(scope, e.at, '-', 'a number or a timespan', a.type);
      return { type: a.type, fn: (r) => num(a.fn(r), (x) => -x) };
    }
    case 'in':
      return inList(e, scope);
    case 'call':
      return callFunction(e, scope, compileExpr);
    case 'bin':
      return binary(e.op, e.at, compileExpr(e.left, scope), compileExpr(e.right, scope), scope);
  }
}

/** Records a type problem and returns an expression typed null. */
export function mismatch(scope: Scope, at: number, what: string, expected: string, got: string): Compiled {
  scope.problems.push({ code: 'type', at, what, expected, got });
  return NONE;
}

function nameRef(name: string, at: number, scope: Scope): Compiled {
  const type = scope.columns.get(name);
  if (type !== undefined) return { type, fn: (r) => r[name] ?? null };
  const bound = scope.lets.get(name);
  if (bound !== undefined) return { type: bound.type, fn: () => bound.value };
  scope.problems.push({
    code: 'unknown-column',
    at,
    name,
    known: [...scope.columns.keys(), ...scope.lets.keys()],
  });
  return NONE;
}

const num = (v: Value, f: (x: number) => number): Value => (typeof v === 'number' ? f(v) : null);

// The type two sides of a comparison share ("number" for long with real), or null.
function family(t: KType): string {
  return isNumeric(t) ? 'number' : t;
}

function binary(op: BinaryOp, at: number, l: Compiled, r: Compiled, scope: Scope): Compiled {
  if (l.type === null || r.type === null) return NONE;
  const lt = l.type;
  const rt = r.type;
  if (op === 'and' || op === 'or') {
    if (lt !== 'bool') return mismatch(scope, at, op, 'true or false', lt);
    if (rt !== 'bool') return mismatch(scope, at, op, 'true or false', rt);
    return {
      type: 'bool',
      fn: op === 'and' ? (row) => and3(l.fn(row), r.fn(row)) : (row) => or3(l.fn(row), r.fn(row)),
    };
  }
  if (EQUALITY_OPS.has(op)) {
    if (family(lt) !== family(rt)) return mismatch(scope, at, op, `${lt} on both sides`, rt);
    if (lt === 'bool' && op !== '==' && op !== '!=') return mismatch(scope, at, op, 'comparable values', lt);
    return { type: 'bool', fn: comparison(op, l.fn, r.fn) };
  }
  if (TEXT_OPS.has(op)) {
    if (rt !== 'string') return mismatch(scope, at, op, 'a string on the right', rt);
    return { type: 'bool', fn: textOp(op, l.fn, lt, r.fn) };
  }
  const type = arithmeticType(op, lt, rt);
  if (type === null)
    return mismatch(
      scope,
      at,
      op,
      'numbers (or datetimes and timespans)',
      lt === rt ? rt : `${lt} and ${rt}`,
    );
  const integer = type === 'long' && op === '/';
  return {
    type,
    fn: (row) => {
      const a = l.fn(row);
      const b = r.fn(row);
      if (typeof a !== 'number' || typeof b !== 'number') return null;
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          if (b === 0) return null;
          return integer ? Math.trunc(a / b) : a / b;
        default:
          return b === 0 ? null : a % b;
      }
    },
  };
}

// Kusto's result types of + - * / % (null: not allowed).
function arithmeticType(op: BinaryOp, l: KType, r: KType): KType | null {
  if (isNumeric(l) && isNumeric(r)) return l === 'real' || r === 'real' ? 'real' : 'long';
  const pair = `${l} ${op} ${r}`;
  const table: Record<string, KType> = {
    'datetime + timespan': 'datetime',
    'timespan + datetime': 'datetime',
    'timespan + timespan': 'timespan',
    'datetime - datetime': 'timespan',
    'datetime - timespan': 'datetime',
    'timespan - timespan': 'timespan',
    'timespan / timespan': 'real',
  };
  if (pair in table) return table[pair];
  if ((op === '*' || op === '/') && l === 'timespan' && isNumeric(r)) return 'timespan';
  if (op === '*' && isNumeric(l) && r === 'timespan') return 'timespan';
  return null;
}

const and3 = (a: Value, b: Value): Value =>
  a === false || b === false ? false : a === true && b === true ? true : null;
const or3 = (a: Value, b: Value): Value =>
  a === true || b === true ? true : a === false && b === false ? false : null;

function comparison(op: BinaryOp, l: (r: Row) => Value, r: (r: Row) => Value): (row: Row) => Value {
  return (row) => {
    const a = l(row);
    const b = r(row);
    if (a === null || b === null) return null;
    switch (op) {
      case '==':
        return a === b;
      case '!=':
        return a !== b;
      case '<':
        return a < b;
      case '<=':
        return a <= b;
      case '>':
        return a > b;
      default:
        return a >= b;
    }
  };
}

/** Whether `term` is a whole term of `text` (Kusto's `has`): not inside a run of letters and digits. */
export function hasTerm(text: string, term: string): boolean {
  if (term === '') return true;
  const word = /[\p{L}\p{N}]/u;
  for (let i = text.indexOf(term); i >= 0; i = text.indexOf(term, i + 1)) {
    const before = i === 0 || !word.test(text[i - 1]) || !word.test(term[0]);
    const end = i + term.length;
    const after = end === text.length || !word.test(text[end]) || !word.test(term[term.length - 1]);
    if (before && after) return true;
  }
  return false;
}

function textOp(op: BinaryOp, l: (r: Row) => Value, lt: KType, r: (r: Row) => Value): (row: Row) => Value {
  const cs = op.endsWith('_cs');
  const negate = op.startsWith('!');
  const base = op.replace(/^!/, '').replace(/_cs$/, '');
  return (row) => {
    const av = l(row);
    const bv = r(row);
    if (bv === null) return null;
    let a = av === null ? '' : formatValue(av, lt);
    let b = String(bv);
    if (!cs) {
      a = a.toLowerCase();
      b = b.toLowerCase();
    }
    let hit: boolean;
    if (base === '=~' || base === '~') hit = a === b;
    else if (base === 'has') hit = hasTerm(a, b);
    else if (base === 'contains') hit = a.includes(b);
    else if (base === 'startswith') hit = a.startsWith(b);
    else hit = a.endsWith(b);
    return negate ? !hit : hit;
  };
}

function inList(e: Extract<Expr, { k: 'in' }>, scope: Scope): Compiled {
  const left = compileExpr(e.left, scope);
  const items = e.list.map((x) => compileExpr(x, scope));
  if (left.type === null || items.some((x) => x.type === null)) return NONE;
  const lt = left.type;
  const bad = e.list.findIndex((_, i) => family(items[i].type!) !== family(lt));
  if (bad >= 0)
    return mismatch(
      scope,
      e.list[bad].at,
      e.negate ? '!in' : 'in',
      `${lt} values in the list`,
      items[bad].type!,
    );
  const fold = (v: Value) => (e.ci && typeof v === 'string' ? v.toLowerCase() : v);
  return {
    type: 'bool',
    fn: (row) => {
      const v = left.fn(row);
      if (v === null) return null;
      const x = fold(v);
      const hit = items.some((it) => fold(it.fn(row)) === x);
      return e.negate ? !hit : hit;
    },
  };
}
