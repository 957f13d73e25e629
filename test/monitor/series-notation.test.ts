// The compact series notation of test-alerts (after promtool's expanding notation).
import { describe, expect, it } from 'vitest';
import { parseSeries } from '../../scenarios/series-notation.js';

const values = (text: string) => {
  const r = parseSeries(text);
  if (!r.ok) throw new Error(r.detail);
  return r.values;
};

describe('parseSeries', () => {
  it('expands a+bxn into n+1 samples, as promtool does', () => {
    expect(values('0+10x3')).toEqual([0, 10, 20, 30]);
    expect(values('-2+4x3')).toEqual([-2, 2, 6, 10]);
    expect(values('1-2x4')).toEqual([1, -1, -3, -5, -7]);
  });

  it('repeats axn n+1 times and _xn n times; _ is one missing sample', () => {
    expect(values('5x3')).toEqual([5, 5, 5, 5]);
    expect(values('1 _x3 2')).toEqual([1, null, null, null, 2]);
    expect(values('1 _ 2.5')).toEqual([1, null, 2.5]);
  });

  it('reports what is wrong with a term', () => {
    expect(parseSeries('1 abc')).toEqual({ ok: false, detail: '"abc" is not a term' });
    expect(parseSeries('1+2')).toEqual({ ok: false, detail: '"1+2" has a step but no count (like 0+10x5)' });
    expect(parseSeries('   ')).toEqual({ ok: false, detail: 'got an empty series' });
    expect(parseSeries('0x99999999')).toEqual({ ok: false, detail: 'more than 1000000 samples' });
    expect(parseSeries(null)).toEqual({ ok: false, detail: 'got null' });
  });
});
