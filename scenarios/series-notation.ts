// The compact series notation of `vaultsim test-alerts`, after Prometheus' promtool
// (unit_testing_rules: "expanding notation"): whitespace-separated terms, each one or more
// samples, one sample per step.
//
//   7          one sample, 7
//   a+bxn      a, a+b, a+2b, …, a+n·b   (n+1 samples; a-bxn counts down)
//   axn        a repeated: n+1 samples   (promtool's shorthand for a+0xn)
//   _          a missing sample;  _xn: n missing samples
//
// Like promtool, `5x3` is four samples (the first, then three more); `_x3` is three.

/** Most samples one series may expand to (a typo like 0x1e9 must not exhaust memory). */
export const MAX_SAMPLES = 1_000_000;

const NUM = '[-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?';
const TERM = new RegExp(`^(?:(_)(?:x(\\d+))?|(${NUM})(?:([-+])(${NUM}))?(?:x(\\d+))?)$`);

/** Samples (null: missing) of a series in compact notation, or what is wrong with it. */
export function parseSeries(
  text: unknown,
): { ok: true; values: (number | null)[] } | { ok: false; detail: string } {
  if (typeof text !== 'string' && typeof text !== 'number')
    return { ok: false, detail: `got ${JSON.stringify(text)}` };
  const terms = String(text)
    .trim()
    .split(/\s+/)
    .filter((t) => t !== '');
  if (terms.length === 0) return { ok: false, detail: 'got an empty series' };
  const values: (number | null)[] = [];
  for (const term of terms) {
    const m = TERM.exec(term);
    if (m === null) return { ok: false, detail: `"${term}" is not a term` };
    if (m[1] !== undefined) {
      const n = m[2] === undefined ? 1 : Number(m[2]);
      if (values.length + n > MAX_SAMPLES) return tooMany();
      for (let i = 0; i < n; i++) values.push(null);
      continue;
    }
    const start = Number(m[3]);
    const step = m[5] === undefined ? 0 : (m[4] === '-' ? -1 : 1) * Number(m[5]);
    if (m[4] !== undefined && m[6] === undefined)
      return { ok: false, detail: `"${term}" has a step but no count (like 0+10x5)` };
    const n = m[6] === undefined ? 0 : Number(m[6]);
    if (values.length + n + 1 > MAX_SAMPLES) return tooMany();
    for (let i = 0; i <= n; i++) values.push(start + i * step);
  }
  return { ok: true, values };
}

const tooMany = () => ({ ok: false as const, detail: `more than ${MAX_SAMPLES} samples` });
