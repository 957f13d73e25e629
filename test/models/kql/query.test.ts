// The KQL subset (models/kql): what it reads and how it answers, worked by hand over a few
// rows; what it refuses, each at its offset; and properties of the parser and evaluator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KUSTO_EPOCH, parseQuery, prepareQuery, runPlan } from '../../../models/kql/index.js';
import type { Row, Schema } from '../../../models/kql/values.js';

const T0 = Date.UTC(2026, 0, 1); // a Thursday
const MIN = 60_000;
const schema: Schema = new Map([
  [
    'Jobs',
    [
      { name: 'TimeGenerated', type: 'datetime' },
      { name: 'JobStatus', type: 'string' },
      { name: 'Item', type: 'string' },
      { name: 'Secs', type: 'real' },
      { name: 'MB', type: 'long' },
    ],
  ],
]);
const rows: Row[] = [
  { TimeGenerated: T0 + 10 * MIN, JobStatus: 'Failed', Item: 'web-001', Secs: 30, MB: 0 },
  { TimeGenerated: T0 + 70 * MIN, JobStatus: 'Completed', Item: 'web-001', Secs: 600, MB: 5 },
  { TimeGenerated: T0 + 80 * MIN, JobStatus: 'Failed', Item: 'web-002', Secs: 90, MB: 0 },
  { TimeGenerated: T0 + 130 * MIN, JobStatus: 'Completed', Item: 'web-002', Secs: 1200, MB: 7 },
];

function run(q: string, now = T0 + 3 * 60 * MIN) {
  const { plan, problems } = prepareQuery(q, schema, now);
  if (plan === null) throw new Error(JSON.stringify(problems));
  return runPlan(plan, rows);
}
function problems(q: string) {
  return prepareQuery(q, schema, T0).problems;
}

describe('the KQL subset', () => {
  it('counts failed jobs per item and hour, bins from the hour', () => {
    const r = run('Jobs | where JobStatus == "Failed" | summarize count() by Item, bin(TimeGenerated, 1h)');
    expect(r.columns.map((c) => c.name)).toEqual(['Item', 'TimeGenerated', 'count_']);
    // 00:10 → the 00:00 bin; 01:20 → the 01:00 bin.
    expect(r.rows).toEqual([
      ['web-001', T0, 1],
      ['web-002', T0 + 60 * MIN, 1],
    ]);
  });

  it('aggregates as Kusto names them: avg_, sum_, dcount_, countif_, and arg_max brings the row', () => {
    const r = run(
      'Jobs | summarize n = count(), avg(Secs), sum(MB), dcount(Item), countif(Secs > 60), arg_max(TimeGenerated, *) by JobStatus',
    );
    expect(r.columns.map((c) => c.name)).toEqual([
      'JobStatus',
      'n',
      'avg_Secs',
      'sum_MB',
      'dcount_Item',
      'countif_',
      'TimeGenerated',
      'Item',
      'Secs',
      'MB',
    ]);
    // Failed: 30 and 90 s → avg 60; Completed: 600 and 1200 → 900, MB 5 + 7 = 12.
    expect(r.rows).toEqual([
      ['Failed', 2, 60, 0, 2, 1, T0 + 80 * MIN, 'web-002', 90, 0],
      ['Completed', 2, 900, 12, 2, 2, T0 + 130 * MIN, 'web-002', 1200, 7],
    ]);
  });

  it('divides longs as longs, reads lets, ago() from the clock, and sorts descending by default', () => {
    const r = run(
      'let cut = 1h; Jobs | where TimeGenerated > ago(cut * 2) | extend m = MB / 2, s = Secs / 60 | project Item, m, s | order by s',
    );
    // now = 03:00, ago(2h) = 01:00: the rows at 01:10, 01:20 and 02:10; 5 / 2 = 2 (long division).
    expect(r.rows).toEqual([
      ['web-002', 3, 20],
      ['web-001', 2, 10],
      ['web-002', 0, 1.5],
    ]);
  });

  it('top, take and count', () => {
    expect(run('Jobs | top 1 by Secs asc | project Item, Secs').rows).toEqual([['web-001', 30]]);
    expect(run('Jobs | take 3 | count').rows).toEqual([[3]]);
  });

  it('has matches whole terms, contains any substring, both without case; == with case', () => {
    expect(run('Jobs | where Item has "web" | count').rows).toEqual([[4]]);
    expect(run('Jobs | where JobStatus has "fail" | count').rows).toEqual([[0]]);
    expect(run('Jobs | where JobStatus contains "FAIL" | count').rows).toEqual([[2]]);
    expect(run('Jobs | where JobStatus == "failed" | count').rows).toEqual([[0]]);
    expect(run('Jobs | where JobStatus =~ "failed" | count').rows).toEqual([[2]]);
    expect(
      run('Jobs | where Item in ("web-002", "x") and not(JobStatus startswith "c") | count').rows,
    ).toEqual([[1]]);
    expect(run('Jobs | where isnotempty(Item) and Item !in~ ("WEB-001") | count').rows).toEqual([[2]]);
  });

  it('bins 7-day periods from Mondays, as Kusto does (from 0001-01-01)', () => {
    // 2026-01-01 is a Thursday; its 7d bin starts on Monday 2025-12-29.
    const r = run('Jobs | summarize count() by bin(TimeGenerated, 7d)');
    expect(r.rows).toEqual([[Date.UTC(2025, 11, 29), 4]]);
    expect((Date.UTC(2025, 11, 29) - KUSTO_EPOCH) % (7 * 86_400_000)).toBe(0);
  });

  it('summarize without by over no rows still gives one row', () => {
    expect(run('Jobs | where Secs > 9999 | summarize count(), sum(MB), avg(Secs)').rows).toEqual([
      [0, 0, null],
    ]);
  });

  it('iff, tostring of a datetime, strcat, round', () => {
    const r = run(
      'Jobs | take 1 | project a = iff(Secs > 10, "slow", "fast"), t = tostring(TimeGenerated), c = strcat(Item, ":", MB), r = round(Secs / 7, 2)',
    );
    expect(r.rows).toEqual([['slow', '2026-01-01T00:10:00Z', 'web-001:0', 4.29]]);
  });
});

describe('what the subset refuses, at its offset', () => {
  it('rejects join with its position', () => {
    const q = 'Jobs | join kind=inner (Jobs) on Item';
    expect(problems(q)).toEqual([{ code: 'unsupported-operator', at: 7, name: 'join' }]);
    expect(q.slice(7, 11)).toBe('join');
  });

  it('names hyphenated operators whole, and union as a source', () => {
    expect(problems('Jobs | mv-expand Item')).toEqual([
      { code: 'unsupported-operator', at: 7, name: 'mv-expand' },
    ]);
    expect(problems('union Jobs, Jobs')).toEqual([{ code: 'unsupported-operator', at: 0, name: 'union' }]);
    expect(problems('Jobs | where Item has_any ("a")')).toEqual([
      { code: 'unsupported-operator', at: 18, name: 'has_any' },
    ]);
  });

  it('reports unknown tables and columns with the names it knows', () => {
    expect(problems('Job | count')).toEqual([{ code: 'unknown-table', at: 0, name: 'Job', known: ['Jobs'] }]);
    const p = problems('Jobs | where JobStatsu == "Failed"');
    expect(p).toEqual([
      {
        code: 'unknown-column',
        at: 13,
        name: 'JobStatsu',
        known: ['TimeGenerated', 'JobStatus', 'Item', 'Secs', 'MB'],
      },
    ]);
  });

  it('types every comparison: a string is not a number', () => {
    expect(problems('Jobs | where Secs == "x"')).toEqual([
      { code: 'type', at: 18, what: '==', expected: 'real on both sides', got: 'string' },
    ]);
    expect(problems('Jobs | where count() > 1')[0]).toMatchObject({
      code: 'misplaced-aggregate',
      name: 'count',
    });
    expect(problems('Jobs | extend x = parse_json(Item)')[0]).toMatchObject({
      code: 'unsupported-function',
      name: 'parse_json',
    });
  });

  it('stops at the first syntax problem with what it expected', () => {
    expect(problems('Jobs | where (Secs > 1')).toEqual([
      { code: 'syntax', at: 22, expected: '")"', got: 'the end of the query' },
    ]);
    expect(problems('Jobs | where Secs > 10x')).toEqual([
      { code: 'bad-literal', at: 20, kind: 'timespan', text: '10x' },
    ]);
  });

  it('should never accept a tabular operator outside the subset', () => {
    const outside = [
      'join',
      'union',
      'lookup',
      'mv-expand',
      'parse',
      'make-series',
      'render',
      'distinct',
      'project-away',
      'evaluate',
      'as',
      'serialize',
      'sample',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...outside), fc.integer({ min: 0, max: 3 }), (op, spaces) => {
        const q = `Jobs |${' '.repeat(spaces)} ${op} Item`;
        const p = prepareQuery(q, schema, T0).problems;
        expect(p).toEqual([{ code: 'unsupported-operator', at: q.indexOf(op), name: op }]);
      }),
    );
  });

  it('should always answer a where with the rows the predicate keeps, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 100 }),
        (secs, cut) => {
          const input = secs.map((s, i) => ({
            TimeGenerated: T0 + i,
            JobStatus: 'x',
            Item: `i${i}`,
            Secs: s,
            MB: i,
          }));
          const { plan } = prepareQuery(`Jobs | where Secs >= ${cut} | project MB`, schema, T0);
          expect(runPlan(plan!, input).rows.map((r) => r[0])).toEqual(
            input.filter((r) => r.Secs >= cut).map((r) => r.MB),
          );
        },
      ),
    );
  });

  it('should never throw on any text: every problem is data with an offset inside the query', () => {
    const pieces = [
      'Jobs',
      '|',
      'where',
      'summarize',
      'by',
      'count()',
      'bin(',
      'TimeGenerated',
      ',',
      '1h',
      ')',
      '(',
      '"x"',
      "'",
      '==',
      'and',
      'let',
      '=',
      ';',
      'datetime(',
      '2026-01-01',
      '@"',
      '7',
      '.5',
      '!has',
      'in~',
      'top',
      'order',
      'take',
      '-',
      '*',
      'ago(',
      'arg_max(',
      '\n',
      ' ',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { maxLength: 24 }),
        fc.string({ maxLength: 12 }),
        (parts, noise) => {
          const q = `${parts.join(' ')}${noise}`;
          const { plan, problems } = prepareQuery(q, schema, T0);
          if (plan === null) {
            expect(problems.length).toBeGreaterThan(0);
            for (const p of problems) expect(p.at >= 0 && p.at <= q.length, JSON.stringify(p)).toBe(true);
          } else runPlan(plan, rows);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('reads lets, datetime literals and top … nulls last', () => {
    const q =
      'let n = 3; Jobs | where TimeGenerated >= datetime(2026-01-01 00:05) and Secs > 1.5 | top 2 by Secs desc nulls last';
    const ast = parseQuery(q);
    expect(ast.lets[0]).toMatchObject({ name: 'n', expr: { k: 'lit', type: 'long', value: 3 } });
    expect(ast.ops.map((o) => o.op)).toEqual(['where', 'top']);
    expect(run(q).rows.map((r) => r[3])).toEqual([1200, 600]);
  });
});
