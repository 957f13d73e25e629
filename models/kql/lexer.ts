// Query text → tokens, each with its offset. Kusto's lexical rules for the subset: names,
// numbers, timespan literals (`30m`, `1.5h`, `100ms`), string literals ("…", '…', @"…" verbatim),
// `datetime(…)` and `timespan(…)` literals read raw to their closing parenthesis, `//` comments,
// and the operator spellings (`==`, `=~`, `!in~`, `!has`, …).

import { KqlError, showToken } from './problems.js';

/** A token: its kind, its text (a string literal: its value) and where it starts and ends. */
export interface Token {
  kind: 'name' | 'number' | 'timespan' | 'string' | 'datetime' | 'punct' | 'end';
  text: string;
  at: number;
  end: number;
  /** number: the value; timespan: ms; datetime: epoch ms. */
  value?: number;
}

/** Milliseconds per timespan unit suffix (Kusto's spellings). */
export const TIMESPAN_UNITS: Readonly<Record<string, number>> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
};

// Longest first, so `!contains` is not read as `!` then `contains`.
const PUNCT = [
  '!in~',
  '==',
  '!=',
  '<=',
  '>=',
  '=~',
  '!~',
  '|',
  '(',
  ')',
  ',',
  ';',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '[',
  ']',
  '.',
];
const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[A-Za-z0-9_$]/;

/** Splits a query into tokens; throws KqlError at the first character it cannot read. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  const fail = (at: number, expected: string): never => {
    throw new KqlError([{ code: 'syntax', at, expected, got: showToken(text.slice(at, at + 1)) }]);
  };
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (text.startsWith('//', i)) {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    if (c === '"' || c === "'" || (c === '@' && (text[i + 1] === '"' || text[i + 1] === "'"))) {
      const r = readString(text, i);
      if (r === null) fail(start, 'a closing quote');
      else {
        out.push({ kind: 'string', text: r.value, at: start, end: r.end });
        i = r.end;
      }
      continue;
    }
    if (/[0-9]/.test(c) || (c === '.' && /[0-9]/.test(text[i + 1] ?? ''))) {
      i = readNumber(text, i, out, fail);
      continue;
    }
    if (NAME_START.test(c)) {
      while (i < text.length && NAME_PART.test(text[i])) i++;
      const name = text.slice(start, i);
      // `datetime(…)`, `timespan(…)`/`time(…)`: literals whose text runs to the parenthesis.
      const lit =
        name === 'datetime' ? 'datetime' : name === 'timespan' || name === 'time' ? 'timespan' : null;
      const open = skipSpace(text, i);
      if (lit !== null && text[open] === '(') {
        const close = text.indexOf(')', open);
        if (close < 0) fail(open, 'a closing parenthesis');
        const raw = text
          .slice(open + 1, close)
          .trim()
          .replace(/^["']|["']$/g, '');
        const value = lit === 'datetime' ? parseDatetime(raw) : parseTimespanText(raw);
        if (value === null)
          throw new KqlError([
            { code: 'bad-literal', at: start, kind: lit, text: text.slice(start, close + 1) },
          ]);
        out.push({ kind: lit, text: text.slice(start, close + 1), at: start, end: close + 1, value });
        i = close + 1;
        continue;
      }
      // `in~`: the case-insensitive `in`.
      if (name === 'in' && text[i] === '~') {
        out.push({ kind: 'punct', text: 'in~', at: start, end: ++i });
        continue;
      }
      out.push({ kind: 'name', text: name, at: start, end: i });
      continue;
    }
    const p = PUNCT.find((s) => text.startsWith(s, i));
    // `!has`, `!contains`, `!startswith`, `!endswith`, `!in`: one token.
    if (c === '!' && p === undefined) {
      let j = i + 1;
      while (j < text.length && NAME_PART.test(text[j])) j++;
      const word = text.slice(i, j);
      if (j > i + 1) {
        out.push({ kind: 'punct', text: word, at: start, end: j });
        i = j;
        continue;
      }
    }
    if (p === undefined) fail(start, 'a name, a literal or an operator');
    else {
      out.push({ kind: 'punct', text: p, at: start, end: i + p.length });
      i += p.length;
    }
  }
  out.push({ kind: 'end', text: '', at: text.length, end: text.length });
  return out;
}

const skipSpace = (text: string, i: number): number => {
  let j = i;
  while (j < text.length && /[ \t]/.test(text[j])) j++;
  return j;
};

// A number, or a timespan when a unit follows without a space (`30m`, `1.5h`).
function readNumber(
  text: string,
  from: number,
  out: Token[],
  fail: (at: number, e: string) => never,
): number {
  const m = /^(\d*\.?\d+(?:[eE][-+]?\d+)?)([A-Za-z_]*)/.exec(text.slice(from));
  if (m === null) return fail(from, 'a number');
  const [all, digits, unit] = m;
  const end = from + all.length;
  if (unit === '') {
    out.push({ kind: 'number', text: digits, at: from, end, value: Number(digits) });
    return end;
  }
  const per = TIMESPAN_UNITS[unit];
  if (per === undefined) throw new KqlError([{ code: 'bad-literal', at: from, kind: 'timespan', text: all }]);
  out.push({ kind: 'timespan', text: all, at: from, end, value: Math.round(Number(digits) * per) });
  return end;
}

// A string literal starting at `from`: its value and the offset after its closing quote.
function readString(text: string, from: number): { value: string; end: number } | null {
  const verbatim = text[from] === '@';
  const q = text[verbatim ? from + 1 : from];
  let i = verbatim ? from + 2 : from + 1;
  let value = '';
  while (i < text.length) {
    const c = text[i];
    if (c === q) {
      // In a verbatim string a doubled quote is one quote.
      if (verbatim && text[i + 1] === q) {
        value += q;
        i += 2;
        continue;
      }
      return { value, end: i + 1 };
    }
    if (!verbatim && c === '\\') {
      const e = text[i + 1];
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : (e ?? '');
      i += 2;
      continue;
    }
    if (c === '\n') return null;
    value += c;
    i++;
  }
  return null;
}

/** Epoch ms of a Kusto datetime literal's text (`2026-01-05`, `2026-01-05 10:30`, `2026-01-05T10:30:00.5Z`), UTC; null if not one. */
export function parseDatetime(raw: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?)?\s*Z?$/.exec(raw);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000);
  const t = Date.UTC(
    Number(y),
    Number(mo) - 1,
    Number(d),
    Number(h ?? 0),
    Number(mi ?? 0),
    Number(s ?? 0),
    ms,
  );
  // Date.UTC rolls 2026-02-30 over to March: such a date is not a date.
  const back = new Date(t);
  if (back.getUTCMonth() !== Number(mo) - 1 || back.getUTCDate() !== Number(d)) return null;
  return t;
}

/** Milliseconds of a timespan's text: `[d.]hh:mm[:ss[.fff]]` or a literal like `30m`; null if neither. */
export function parseTimespanText(raw: string): number | null {
  const clock = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?$/.exec(raw);
  if (clock !== null) {
    const [, neg, d, h, m, s, frac] = clock;
    const ms =
      Number(d ?? 0) * 86_400_000 +
      Number(h) * 3_600_000 +
      Number(m) * 60_000 +
      Number(s ?? 0) * 1000 +
      (frac === undefined ? 0 : Math.floor(Number(`0.${frac}`) * 1000));
    return neg === undefined ? ms : -ms;
  }
  const lit = /^(\d*\.?\d+)([A-Za-z]+)$/.exec(raw);
  const per = lit === null ? undefined : TIMESPAN_UNITS[lit[2]];
  return lit === null || per === undefined ? null : Math.round(Number(lit[1]) * per);
}
