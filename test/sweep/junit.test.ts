// compare, sweep and merge write their verdicts as JUnit, as run --junit does (issue 16):
// one case per objective per run, failed below the minimum pass rate, skipped when nothing
// was judged.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PassRate } from '../../reports/aggregate.js';
import { passRateSuites } from '../../reports/rate-verdicts.js';
import { runIn, tempDir } from '../cli/harness.js';
import { TINY } from '../reports/fixture.js';

const rate = (passed: number, n: number, text = `RPO ≤ 1h (all) in ${passed} of ${n}`): PassRate => ({
  metric: 'rpo',
  scope: 'all',
  targetSeconds: 3600,
  n,
  passed,
  rate: n === 0 ? null : passed / n,
  ci95: null,
  skipped: n === 0 ? 5 : 0,
  text,
});

describe('passRateSuites', () => {
  it('fails a case below the minimum pass rate, passes it at the rate, skips it when nothing was judged', () => {
    const suites = passRateSuites('s', 'sweep', [{ variant: 'base', objectives: [rate(97, 100)] }], 0.97);
    expect(suites).toEqual([
      { name: 's [base] sweep', cases: [{ name: 'RPO ≤ 1h (all)', classname: 'vaultsim.s.base' }] },
    ]);
    const [failed] = passRateSuites('s', 'sweep', [{ variant: 'v', objectives: [rate(96, 100)] }], 0.97);
    expect(failed.cases[0].failure).toEqual({
      message: 'RPO ≤ 1h (all) in 96 of 100: below the minimum pass rate 97%',
      body: '4 of 100 replications failed RPO ≤ 1h (all); 96 passed.',
    });
    const [skipped] = passRateSuites('s', 'compare', [{ variant: 'v', objectives: [rate(0, 0, 'SKIP')] }], 1);
    expect(skipped.cases[0]).toEqual({ name: 'RPO ≤ 1h (all)', classname: 'vaultsim.s.v', skipped: 'SKIP' });
  });
});

describe('compare, sweep and merge --junit', () => {
  // An 18-hour region outage against a 1-hour RPO: no daily backup can meet it (as in cli.test.ts).
  const OUTAGE = `${TINY}objectives: { rpo: 1h, rto: 4h }\nevents:\n  - { at: 5d, outage: { region: eastus, for: 18h } }\n`;
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFileSync(join(dir, 'outage.yaml'), OUTAGE);
  });
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');

  it('compare writes a failure per run that failed the objective in a replication', async () => {
    const r = await runIn(dir, 'compare', 'outage.yaml', '--junit', 'compare.xml');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('wrote compare.xml');
    const xml = read('compare.xml');
    expect(xml).toContain('<testsuite name="tiny [base] compare"');
    expect(xml).toContain('<testcase name="RPO ≤ 1h (all)" classname="vaultsim.tiny.base">\n      <failure');
    expect(xml).toContain('1 of 1 replication failed RPO ≤ 1h (all); 0 passed.');
  });

  it('sweep and merge write the same verdicts; at --min-pass-rate 0 they pass', async () => {
    const s = await runIn(dir, 'sweep', 'outage.yaml', '-n', '3', '--workers', '1', '--junit', 'sweep.xml');
    expect(s.code).toBe(1);
    expect(read('sweep.xml')).toMatch(/<testsuites tests="\d+" failures="[1-9]\d*" errors="0"/);
    for (const [i, shard] of ['1/2', '2/2'].entries())
      await runIn(
        dir,
        'sweep',
        'outage.yaml',
        '-n',
        '3',
        '--workers',
        '1',
        '--shard',
        shard,
        '--out',
        `p${i}.json`,
      );
    const m = await runIn(dir, 'merge', 'p0.json', 'p1.json', '--junit', 'merge.xml');
    expect(m.code).toBe(1);
    expect(read('merge.xml')).toBe(read('sweep.xml'));
    const lenient = await runIn(
      dir,
      'merge',
      'p0.json',
      'p1.json',
      '--min-pass-rate',
      '0',
      '--junit',
      'lenient.xml',
    );
    expect(lenient.code).toBe(0);
    expect(read('lenient.xml')).toMatch(/<testsuites tests="[1-9]\d*" failures="0" errors="0"/);
  });

  it('a shard has no verdict to write: --junit with --shard is bad input', async () => {
    const r = await runIn(
      dir,
      'sweep',
      'outage.yaml',
      '-n',
      '2',
      '--shard',
      '1/2',
      '--out',
      'p.json',
      '--junit',
      'x.xml',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--shard gives no verdict to write');
  });
});
