// The compact series notation of test-alerts, read as promtool reads it: its documented
// examples, the values its grammar allows (stale, Inf, NaN, .5, unquoted numbers), and what
// it refuses.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadAlertCasesText } from '../../scenarios/alert-cases.js';
import { MAX_SAMPLES, parseSeries, STALE } from '../../scenarios/series-notation.js';

const values = (text: unknown) => {
  const r = parseSeries(text);
  if (!r.ok) throw new Error(r.detail);
  return r.values;
};
// promtool's own rendering of an expanded series: `_` for a missing sample.
const shown = (text: string) =>
  values(text)
    .map((v) => (v === null ? '_' : String(v)))
    .join(' ');

describe('parseSeries: the examples Prometheus documents (unit_testing_rules, "<series>")', () => {
  // The four examples of the values: field, each "X becomes Y", run through the parser.
  it.each([
    ['-2+4x3', '-2 2 6 10'],
    [' 1-2x4', '1 -1 -3 -5 -7'],
    [' 1x4', '1 1 1 1 1'],
    [' 1 _x3 stale', '1 _ _ _ stale'],
  ])('%j becomes %j', (input, expected) => {
    expect(shown(input)).toBe(expected);
  });
});

describe('parseSeries', () => {
  it('expands a+bxn into n+1 samples, each the previous plus b, as promtool adds', () => {
    expect(values('0+10x3')).toEqual([0, 10, 20, 30]);
    // Accumulated, not a + i·b: 0.1 with 0.1 added nine times is 0.9999999999999999 in
    // floating point, where 0.1 + 9·0.1 is exactly 1.
    expect(values('0.1+0.1x9').at(-1)).toBe(0.9999999999999999);
    expect(0.1 + 9 * 0.1).toBe(1);
  });

  it('repeats axn n+1 times and _xn n times; _ is one missing sample', () => {
    expect(values('5x3')).toEqual([5, 5, 5, 5]);
    expect(values('1 _x3 2')).toEqual([1, null, null, null, 2]);
    expect(values('1 _ 2.5')).toEqual([1, null, 2.5]);
  });

  it('reads stale as a staleness marker, Inf and NaN in any case, and decimals as promtool scans them', () => {
    expect(values('1 stale 2')).toEqual([1, STALE, 2]);
    const special = values('Inf +Inf -inf NaN nan +INF');
    expect(special.slice(0, 3)).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ]);
    expect(special.slice(3, 5).every((v) => Number.isNaN(v))).toBe(true);
    expect(special[5]).toBe(Number.POSITIVE_INFINITY);
    expect(values('.5 -.25 5. 1e3 2.5E-1 1_000')).toEqual([0.5, -0.25, 5, 1000, 0.25, 1000]);
    expect(values('Inf+0x2')).toEqual([
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
    ]);
    expect(values('.5+.5x2')).toEqual([0.5, 1, 1.5]);
  });

  it('reads 0x10 as eleven zeros: promtool reads no hexadecimal in a series', () => {
    expect(values('0x10')).toEqual(Array(11).fill(0));
  });

  it('gives the empty series as an empty list', () => {
    expect(values('')).toEqual([]);
    expect(values('   ')).toEqual([]);
  });

  it('reports what is wrong with a term', () => {
    expect(parseSeries('1 abc')).toEqual({ ok: false, detail: '"abc" is not a term' });
    expect(parseSeries('1+2')).toEqual({ ok: false, detail: '"1+2" has a step but no count (like 0+10x5)' });
    expect(parseSeries('0x99999999')).toEqual({ ok: false, detail: `more than ${MAX_SAMPLES} samples` });
    expect(parseSeries(null)).toEqual({ ok: false, detail: 'got null' });
    // Words cannot take a count directly (promtool's lexer reads Infx3 as one identifier).
    for (const term of ['Infx3', 'NaNx2', '1+Infx2', 'Stale', 'stalex2', '1x2.5', '1.2.3', '_1', '1__0'])
      expect(parseSeries(term)).toEqual({ ok: false, detail: `"${term}" is not a term` });
    expect(parseSeries('010')).toEqual({
      ok: false,
      detail: '"010": promtool reads a number with a leading zero as octal; write it without the zero',
    });
  });

  it('should always expand a+bxn to n+1 samples from a, each differing from the last by b', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1000, max: 1000 }),
        fc.integer({ min: -50, max: 50 }),
        fc.nat(200),
        (a, b, n) => {
          const text = `${a}${b < 0 ? '-' : '+'}${Math.abs(b)}x${n}`;
          const v = values(text) as number[];
          expect(v).toHaveLength(n + 1);
          expect(v[0]).toBe(a);
          for (let i = 1; i <= n; i++) expect(v[i] - v[i - 1]).toBe(b);
        },
      ),
    );
  });
});

describe('unquoted numbers in values:, as promtool reads them', () => {
  const cases = (values: string) => `cases:
  - name: c
    series:
      - metric: m
        values: ${values}
    rule: { name: r, metric: m, when: "> 0" }
    expect: { firings: [] }
`;
  const samples = (text: string) => {
    const r = loadAlertCasesText(cases(text), 'c.yaml');
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    return r.cases[0].signals.map((s) => (s.signal === 'metric' ? s.value : null));
  };

  it("takes values: 1 as one sample, and values: 0x10 as eleven zeros, not YAML's 16", () => {
    expect(samples('1')).toEqual([1]);
    expect(samples('0x10')).toEqual(Array(11).fill(0));
    expect(samples('.5')).toEqual([0.5]);
  });

  it('sends no sample for a missing or stale step, and none for an empty series', () => {
    expect(samples('"1 _ stale 2"')).toEqual([1, 2]);
    expect(samples('""')).toEqual([]);
  });

  it('refuses what is neither notation nor a number, at its position', () => {
    const r = loadAlertCasesText(cases('true'), 'c.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ line: 5, column: 17, path: 'cases[0].series[0].values' });
  });
});
