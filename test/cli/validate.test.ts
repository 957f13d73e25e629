import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { ISSUE_CODES } from '../../scenarios/issues.js';
import { MINIMAL } from '../../scenarios/templates/minimal.js';
import { RETENTION_COMPARISON } from '../../scenarios/templates/retention-comparison.js';
import { hasStack, runIn, tempDir } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
const run = (...argv: string[]) => runIn(dir, ...argv);

const BAD_SIZE = `name: bad-size
duration: 30d
regions: [{ name: eastus }]
fleet:
  - name: web
    region: eastus
    disks: [{ size: "128" }]
`;

describe('vaultsim validate', () => {
  it('accepts a good scenario and names its runs', async () => {
    writeFileSync(join(dir, 's.yaml'), RETENTION_COMPARISON);
    const r = await run('validate', 's.yaml');
    expect(r).toEqual({
      code: 0,
      stdout: 's.yaml: ok (3 scenarios: base, long-term, daily-90)\n',
      stderr: '',
    });
  });

  it('prints a bad size as one positioned line and exits 2', async () => {
    writeFileSync(join(dir, 'x.yaml'), BAD_SIZE);
    const r = await run('validate', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('x.yaml:7:21 fleet[0].disks[0].size: expected a size like 128GiB, got "128"\n');
    expect(r.stderr).toBe('');
  });

  it('reports a missing file as an issue, never a stack trace', async () => {
    const r = await run('validate', 'missing.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('missing.yaml file not found\n');
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
  });

  it('reports a directory as an issue', async () => {
    mkdirSync(join(dir, 'sub'));
    const r = await run('validate', 'sub');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('sub is a directory, not a scenario file\n');
    expect(hasStack(r.stdout + r.stderr)).toBe(false);
  });

  it('checks every file and exits 2 when any is invalid', async () => {
    writeFileSync(join(dir, 'good.yaml'), MINIMAL);
    writeFileSync(join(dir, 'x.yaml'), BAD_SIZE);
    const r = await run('validate', 'good.yaml', 'x.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout.split('\n')).toEqual([
      'good.yaml: ok (1 scenario: base)',
      'x.yaml:7:21 fleet[0].disks[0].size: expected a size like 128GiB, got "128"',
      '',
    ]);
  });

  it('--json prints exactly { files } with the issue fields', async () => {
    writeFileSync(join(dir, 'good.yaml'), MINIMAL);
    writeFileSync(join(dir, 'x.yaml'), BAD_SIZE);
    const r = await run('validate', '--json', 'good.yaml', 'x.yaml', 'missing.yaml');
    expect(r.code).toBe(2);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['files']);
    expect(out.files.map((f: { file: string; ok: boolean }) => [f.file, f.ok])).toEqual([
      ['good.yaml', true],
      ['x.yaml', false],
      ['missing.yaml', false],
    ]);
    expect(out.files[0]).toEqual({ file: 'good.yaml', ok: true, scenarios: ['base'], issues: [] });
    const issue = out.files[1].issues[0];
    expect(issue).toMatchObject({
      code: 'invalid-unit',
      path: 'fleet[0].disks[0].size',
      file: 'x.yaml',
      line: 7,
      column: 21,
      message: 'expected a size like 128GiB, got "128"',
    });
    for (const f of out.files)
      for (const i of f.issues) {
        expect(Object.keys(i)).toEqual(
          expect.arrayContaining(['code', 'path', 'file', 'line', 'column', 'message']),
        );
        expect(ISSUE_CODES).toContain(i.code);
      }
  });

  it('a file with no argument is a usage error', async () => {
    const r = await run('validate');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("missing required argument 'file'");
  });
});
