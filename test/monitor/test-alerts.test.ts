// `vaultsim test-alerts`: the shipped examples pass; a failing case prints a diff and exits 1;
// bad input prints file:line:column and exits 2; --junit writes JUnit XML.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lineDiff } from '../../cli/commands/test-alerts.js';
import { hasStack, runIn, tempDir } from '../cli/harness.js';

const EXAMPLES = resolve(import.meta.dirname, '../../scenarios/examples/alerts');

const FAILING = `cases:
  - name: passes
    series: [{ metric: m, values: "90" }]
    rule: { name: r, metric: m, window: 1m, when: "> 70" }
    expect:
      firings: [{ fired: 1m, resolved: 4m }]
  - name: fails
    series: [{ metric: m, values: "90" }]
    rule: { name: r, metric: m, window: 1m, when: "> 70" }
    expect:
      firings: [{ fired: 2m, resolved: 4m }]
      notifications: { sent: 3 }
`;

describe('vaultsim test-alerts', () => {
  it('runs every shipped example green', async () => {
    const files = readdirSync(EXAMPLES)
      .filter((n) => n.endsWith('.yaml'))
      .map((n) => join(EXAMPLES, n));
    expect(files.length).toBeGreaterThanOrEqual(3);
    const run = await runIn(tempDir(), 'test-alerts', ...files);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toMatch(/^FAIL/m);
    expect(run.stdout).toMatch(/cases: (\d+) passed, 0 failed\n$/);
    expect(run.code).toBe(0);
  });

  it('prints a diff for a failing case, exits 1 and writes JUnit XML', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cases.yaml'), FAILING);
    const run = await runIn(dir, 'test-alerts', 'cases.yaml', '--junit', 'junit.xml');
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      [
        'PASS  passes  (cases.yaml:2:5)',
        'FAIL  fails  (cases.yaml:7:5)',
        '      firings (- expected, + actual):',
        '      - fired 2m, resolved 4m',
        '      + fired 1m, resolved 4m',
        '      notifications.sent: expected 3, got 0',
        '2 cases: 1 passed, 1 failed',
        '',
      ].join('\n'),
    );
    expect(run.stderr).toBe('wrote junit.xml\n');
    const xml = readFileSync(join(dir, 'junit.xml'), 'utf8');
    expect(xml).toContain('<testsuites tests="2" failures="1" errors="0">');
    expect(xml).toContain('<testcase name="passes" classname="cases.yaml"/>');
    expect(xml).toContain(
      '<failure message="fails: alert timeline differs" type="failure">firings (- expected, + actual):',
    );
  });

  it('reports bad input with file:line:column and exits 2, without a stack', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.yaml'),
      FAILING.replace(
        'when: "> 70" }\n    expect:\n      firings: [{ fired: 2m',
        'when: "~ 70" }\n    expect:\n      firings: [{ fired: 2m',
      ),
    );
    const run = await runIn(dir, 'test-alerts', 'bad.yaml', 'missing.yaml');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      [
        'bad.yaml:9:51 cases[1].rule.when: expected a static threshold like "> 70" (operators >, >=, <, <=, ==), got "~ 70"',
        'missing.yaml file not found',
        '',
      ].join('\n'),
    );
    expect(hasStack(run.stderr)).toBe(false);
  });
});

describe('lineDiff', () => {
  it('keeps common lines and marks the rest', () => {
    expect(lineDiff(['a', 'b', 'c'], ['a', 'c', 'd'])).toEqual(['  a', '- b', '  c', '+ d']);
    expect(lineDiff([], ['a'])).toEqual(['- (no firings)', '+ a']);
    expect(lineDiff(['a'], [])).toEqual(['- a', '+ (no firings)']);
  });
});
