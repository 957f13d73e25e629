// Loading test-alerts case files: positioned issues for bad input, the committed schema, and
// the shipped examples valid against it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadAlertCasesText } from '../../scenarios/alert-cases.js';
import { renderIssue } from '../../scenarios/issues.js';
import { alertCasesSchemaText } from '../../scenarios/schema/monitor.js';

const EXAMPLES = join(import.meta.dirname, '../../scenarios/examples/alerts');
const COMMITTED = join(import.meta.dirname, '../../scenarios/alert-cases.schema.json');

/** The rendered issues of loading `text` as cases.yaml. */
function problems(text: string): string[] {
  const r = loadAlertCasesText(text, 'cases.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const aCase = (rule: string, extra = '') => `cases:
  - name: c
    series:
      - { metric: m, values: "1 2 3" }
    rule:
${rule}
${extra}    expect:
      firings: []
`;

describe('alert cases loader', () => {
  it('loads a case: signals from the notation, the rule, and a default horizon', () => {
    const r = loadAlertCasesText(aCase('      { name: r, metric: m, when: "> 1" }'), 'cases.yaml');
    if (!r.ok) throw new Error(r.issues.map(renderIssue).join('\n'));
    const c = r.cases[0];
    expect(c.signals.map((s) => s.t / 60_000)).toEqual([0, 1, 2]);
    // 3 samples × 1m + window 5m + 10 × 1m = 18m.
    expect(c.until).toBe(18 * 60_000);
    expect(c.spec.rules[0]).toMatchObject({
      kind: 'metric',
      every: 60_000,
      window: 300_000,
      autoResolve: true,
    });
    expect([c.line, c.column]).toEqual([2, 5]);
  });

  it('rejects dynamic thresholds with a clear message', () => {
    expect(problems(aCase('      { name: r, metric: m, when: dynamic }'))).toEqual([
      'cases.yaml:6:35 cases[0].rule.when: dynamic thresholds are not supported yet (they learn from 3+ days of history, §7.6); use a static threshold like "> 70"',
    ]);
  });

  it('names the allowed metric frequencies and windows', () => {
    expect(problems(aCase('      { name: r, metric: m, when: "> 1", every: 2m, window: 10m }'))).toEqual([
      'cases.yaml:6:49 cases[0].rule.every: every must be one of 1m, 5m, 15m, 30m, 1h, got 2m (Azure Monitor metric alert ARM template, §7.2)',
      'cases.yaml:6:61 cases[0].rule.window: window must be one of 1m, 5m, 15m, 30m, 1h, 6h, 12h, 1d, got 10m (Azure Monitor metric alert ARM template, §7.2)',
    ]);
  });

  it('checks log rule limits: frequency, lookback, periods, field', () => {
    const rule = '      { name: r, log: T, when: "> 0", every: 90s, lookback: 3d, aggregation: average }';
    expect(problems(aCase(rule))).toEqual([
      'cases.yaml:6:7 cases[0].rule: a log rule aggregating with average needs field: (a numeric column)',
      'cases.yaml:6:46 cases[0].rule.every: a log rule’s frequency must be whole minutes from 1m to 1d, got 1m30s (Azure Monitor log alerts, §7.3)',
      'cases.yaml:6:61 cases[0].rule.lookback: a log rule’s lookback must be whole minutes up to 2d, got 3d (query time range at most two days, §7.3)',
    ]);
    expect(
      problems(aCase('      { name: r, log: T, when: "> 0", lookback: 5m, violations: { min: 1, of: 2 } }')),
    ).toEqual([
      'cases.yaml:6:65 cases[0].rule.violations: the lookback 5m does not split into 2 periods of whole minutes',
    ]);
    expect(problems(aCase('      { name: r, metric: m, when: "> 0", lookback: 5m }'))).toEqual([
      'cases.yaml:6:42 cases[0].rule.lookback: "lookback" does not apply to metric rules (lookback, violations, field and muteActions are for log rules)',
    ]);
  });

  it('reports schema problems, bad notation and unknown actions at their positions', () => {
    expect(problems(aCase('      { name: r, metric: m, when: "> 1", severity: 7, colour: red }'))).toEqual([
      'cases.yaml:6:52 cases[0].rule.severity: expected a whole number from 0 to 4, got 7',
      'cases.yaml:6:55 cases[0].rule.colour: unknown field "colour" (allowed: name, metric, conditions, log, query, aggregation, field, when, where, splitBy, every, window, lookback, violations, severity, autoResolve, muteActions, actions)',
    ]);
    const bad = aCase('      { name: r, metric: m, when: "> 1", actions: [pager] }').replace(
      '"1 2 3"',
      '"1 2 x"',
    );
    expect(problems(bad)).toEqual([
      'cases.yaml:4:30 cases[0].series[0].values: expected a series like "0+10x100", "5x3" or "1 _ 2", "x" is not a term',
      'cases.yaml:6:52 cases[0].rule.actions[0]: unknown action "pager": expected an action group, notify, failover:<recovery plan> or backup:<fleet group> (allowed: notify, failover:<plan>, backup:<fleet group>)',
    ]);
    expect(problems(aCase('      { name: r, when: "> 1" }'))).toEqual([
      'cases.yaml:6:7 cases[0].rule: an alert rule needs one of metric: (a metric rule), conditions: (a metric rule with several conditions) or log: (a log search rule)',
    ]);
  });

  it('the committed scenarios/alert-cases.schema.json equals the generated schema (npm run schema:write)', () => {
    expect(readFileSync(COMMITTED, 'utf8')).toBe(alertCasesSchemaText());
  });

  const ajv = new Ajv2020({ strict: true, allErrors: true, allowMatchingProperties: true });
  ajv.addVocabulary(['x-expected']);
  const validate = ajv.compile(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  for (const name of readdirSync(EXAMPLES).filter((n) => n.endsWith('.yaml'))) {
    it(`${name} is valid against the committed schema and points editors at it`, () => {
      const text = readFileSync(join(EXAMPLES, name), 'utf8');
      expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../../alert-cases.schema.json');
      expect(validate(parse(text)) ? [] : validate.errors).toEqual([]);
    });
  }
});
