// The compact series notation of `vaultsim test-alerts`, read as Prometheus' promtool reads
// it (unit_testing_rules, "expanding notation"; the grammar is PromQL's series description:
// promql/parser/lex.go and generated_parser.y): whitespace-separated terms, each one or
// more samples, one sample per step.
//
//   7  -2  .5  1e3  +Inf  -Inf  NaN    one sample (Inf and NaN in any case)
//   a+bxn  a-bxn     a, a+b, a+2b, … (n+1 samples; each one the previous plus b, as promtool adds)
//   axn              a repeated: n+1 samples (promtool's shorthand for a+0xn); 0x10 is eleven 0s:
//                    promtool reads no hexadecimal in a series
//   _  _xn           one missing sample; n missing samples
//   stale            a staleness marker (the series ends there; a later sample starts it again)
//   (empty)          no samples at all
//
// Like promtool, `5x3` is four samples (the first, then three more); `_x3` is three. A
// number with a leading zero (`010`) is refused: promtool reads it as octal (8), which is
// never what a hand-written series means (and 09, not octal, would be 9).

/** Most samples one series may expand to (a typo like 0x1e9 must not exhaust memory). */
export const MAX_SAMPLES = 1_000_000;

/** A staleness marker in a parsed series. */
export const STALE = 'stale';

/** One parsed sample: a value, a missing sample (null) or a staleness marker. */
export type SeriesSample = number | null | typeof STALE;

// A decimal as promtool's lexer scans it: digits with single `_` separators, an optional
// fraction (`.5` and `5.` too) and exponent; or the words Inf and NaN, in any case.
const DECIMAL = '(?:\\d+(?:_\\d+)*(?:\\.(?:\\d+(?:_\\d+)*)?)?|\\.\\d+(?:_\\d+)*)(?:[eE][-+]?\\d+)?';
const WORD = '[Ii][Nn][Ff]|[Nn][Aa][Nn]';
const NUM = `(?:${DECIMAL}|${WORD})`;
const TERM = new RegExp(`^(?:(_)(?:x(\\d+))?|(${STALE})|([-+]?${NUM})(?:([-+])(${NUM}))?(?:x(\\d+))?)$`);
const IS_WORD = new RegExp(`^[-+]?(?:${WORD})$`);

/**
 * Samples of a series in compact notation (a number stands for the text it was written
 * as), or what is wrong with it. Missing samples are null, staleness markers STALE.
 */
export function parseSeries(
  text: unknown,
): { ok: true; values: SeriesSample[] } | { ok: false; detail: string } {
  if (typeof text !== 'string' && typeof text !== 'number')
    return { ok: false, detail: `got ${JSON.stringify(text)}` };
  const terms = String(text)
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  const values: SeriesSample[] = [];
  for (const term of terms) {
    const m = TERM.exec(term);
    // Inf and NaN are words: promtool's lexer reads `Infx3` or `1+NaNx2` as one identifier.
    const wordThenX = m !== null && m[7] !== undefined && m[5] === undefined && IS_WORD.test(m[4]);
    if (m === null || wordThenX || IS_WORD.test(m[6] ?? ''))
      return { ok: false, detail: `"${term}" is not a term` };
    if (m[1] !== undefined) {
      const n = m[2] === undefined ? 1 : Number(m[2]);
      if (values.length + n > MAX_SAMPLES) return tooMany();
      for (let i = 0; i < n; i++) values.push(null);
      continue;
    }
    if (m[3] !== undefined) {
      values.push(STALE);
      continue;
    }
    const start = number(m[4]);
    const step = m[6] === undefined ? 0 : number(m[6]);
    if (typeof start === 'string') return { ok: false, detail: start };
    if (typeof step === 'string') return { ok: false, detail: step };
    if (m[5] !== undefined && m[7] === undefined)
      return { ok: false, detail: `"${term}" has a step but no count (like 0+10x5)` };
    const n = m[7] === undefined ? 0 : Number(m[7]);
    if (values.length + n + 1 > MAX_SAMPLES) return tooMany();
    // Each sample is the previous one plus the step, as promtool computes it (not a + i·b).
    const signed = m[5] === '-' ? -step : step;
    let value = start;
    for (let i = 0; i <= n; i++) {
      values.push(value);
      value += signed;
    }
  }
  return { ok: true, values };
}

// One number of a term: a decimal (underscores dropped), ±Inf or NaN; a leading-zero integer is refused.
function number(text: string): number | string {
  const sign = text.startsWith('-') ? -1 : 1;
  const body = text.replace(/^[-+]/, '');
  const lower = body.toLowerCase();
  if (lower === 'inf') return sign * Number.POSITIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  const digits = body.replaceAll('_', '');
  if (/^0\d+$/.test(digits))
    return `"${text}": promtool reads a number with a leading zero as octal; write it without the zero`;
  return sign * Number(digits);
}

const tooMany = () => ({ ok: false as const, detail: `more than ${MAX_SAMPLES} samples` });
