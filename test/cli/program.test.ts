import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, InputError, reportError } from '../../cli/errors.js';
import { hasStack, runIn, tempDir } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const run = (...argv: string[]) => runIn(tempDir(), ...argv);
const capture = () => {
  let text = '';
  return { sink: { write: (t: string) => (text += t) }, text: () => text };
};

describe('vaultsim (program)', () => {
  it('--help lists the commands and exits 0', async () => {
    const r = await run('--help');
    expect(r.code).toBe(0);
    for (const command of ['validate', 'schema', 'init', 'demo', 'explain'])
      expect(r.stdout).toContain(command);
  });

  it('--version prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'));
    expect(await run('--version')).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it('an unknown command or option is a usage error: exit 2, no stack', async () => {
    const unknown = await run('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const badOption = await run('validate', '--nope', 'x.yaml');
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("unknown option '--nope'");
    const badValue = await run('demo', '--vms', 'many');
    expect(badValue.code).toBe(2);
    expect(badValue.stderr).toContain('--vms takes a whole number');
    expect(hasStack(unknown.stderr + badOption.stderr + badValue.stderr)).toBe(false);
  });

  it('schema prints exactly the committed scenarios/scenario.schema.json', async () => {
    const r = await run('schema');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(resolve(root, 'scenarios/scenario.schema.json'), 'utf8'));
  });

  it('demo with the same seed prints the same text; another seed differs', async () => {
    const a = await run('demo', '--seed', '1');
    const b = await run('demo', '--seed', '1');
    const c = await run('demo', '--seed', '2');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).not.toBe(c.stdout);
    expect(a.stdout).toMatch(/^transfers +140 \(/m);
    expect(a.stdout).toMatch(/^fingerprint +[0-9a-f]{16}$/m);
  });

  it('demo --json prints the figures it shows', async () => {
    const r = await run('demo', '--seed', '3', '--vms', '5', '--days', '2', '--json');
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ vms: 5, days: 2, seed: 3, transfers: 10 });
    expect(out.durationMs.p50).toBeLessThanOrEqual(out.durationMs.p95);
    expect(out.durationMs.p95).toBeLessThanOrEqual(out.durationMs.max);
  });

  it('maps named errors to exit codes; only a bug prints a stack and asks for a report', () => {
    const input = capture();
    expect(reportError(new InputError('file in the way'), input.sink)).toBe(EXIT.badInput);
    expect(input.text()).toBe('vaultsim: file in the way\n');
    const bug = capture();
    expect(reportError(new TypeError('x is undefined'), bug.sink)).toBe(EXIT.internal);
    expect(hasStack(bug.text())).toBe(true);
    expect(bug.text()).toContain('scenario file and the seed');
  });

  it('the bin entry runs as a process', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', '--help'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Usage: vaultsim');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'nope'], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(bad.status).toBe(2);
    expect(readFileSync(resolve(root, 'cli/main.ts'), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });
});
