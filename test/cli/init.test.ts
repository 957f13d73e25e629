import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadScenarioText } from '../../scenarios/load.js';
import { DEFAULT_TEMPLATE, TEMPLATES } from '../../scenarios/templates/index.js';
import { hasStack, runIn, tempDir } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
});
const run = (...argv: string[]) => runIn(dir, ...argv);

describe('templates', () => {
  it.each(TEMPLATES.map((t) => [t.name, t]))('%s validates with no issues', (_, t) => {
    const result = loadScenarioText(t.text, `${t.name}.yaml`);
    expect(result.ok ? [] : result.issues).toEqual([]);
  });

  it.each(TEMPLATES.map((t) => [t.name, t]))(
    '%s starts with the schema modeline and is commented',
    (_, t) => {
      const lines = t.text.split('\n');
      expect(lines[0]).toBe(
        '# yaml-language-server: $schema=./node_modules/vaultsim/scenarios/scenario.schema.json',
      );
      expect(lines.filter((l) => l.trimStart().startsWith('#')).length).toBeGreaterThan(5);
      expect(t.text.endsWith('\n')).toBe(true);
    },
  );

  it('names are unique and the default exists', () => {
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(TEMPLATES.length);
    expect(TEMPLATES.map((t) => t.name)).toContain(DEFAULT_TEMPLATE);
  });
});

describe('vaultsim init', () => {
  it('writes the default template to scenario.yaml, and it validates', async () => {
    const r = await run('init');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('wrote scenario.yaml');
    const text = readFileSync(join(dir, 'scenario.yaml'), 'utf8');
    const template = TEMPLATES.find((t) => t.name === DEFAULT_TEMPLATE)?.text ?? '';
    // The template, but for its first line: the path to the shipped schema from where it was written.
    expect(text.split('\n').slice(1)).toEqual(template.split('\n').slice(1));
    expect(await run('validate', 'scenario.yaml')).toMatchObject({ code: 0 });
  });

  it("points the file's $schema at the shipped schema, a path that exists from where it is written", async () => {
    mkdirSync(join(dir, 'deep', 'er'), { recursive: true });
    for (const file of ['scenario.yaml', 'deep/er/s.yaml']) {
      expect((await run('init', file)).code).toBe(0);
      const first = readFileSync(join(dir, file), 'utf8').split('\n')[0];
      const ref = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1] ?? '';
      expect(ref).not.toContain('https:');
      const schema = resolve(dirname(join(dir, file)), ref);
      // What it points at is the published schema, as `vaultsim schema` prints it.
      expect(readFileSync(schema, 'utf8')).toBe((await run('schema')).stdout);
    }
  });

  it('writes a named template to a named file', async () => {
    const r = await run('init', 'hourly.yaml', '--template', 'enhanced-hourly');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'hourly.yaml'), 'utf8')).toContain('name: enhanced-hourly');
    expect((await run('validate', 'hourly.yaml')).stdout).toBe('hourly.yaml: ok (1 scenario: base)\n');
  });

  it('refuses to overwrite an existing file without --force', async () => {
    writeFileSync(join(dir, 'scenario.yaml'), 'mine\n');
    const r = await run('init');
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr: 'vaultsim: scenario.yaml already exists; pass --force to overwrite it\n',
    });
    expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toBe('mine\n');
  });

  it('overwrites with --force', async () => {
    writeFileSync(join(dir, 'scenario.yaml'), 'mine\n');
    const r = await run('init', '--force', '--template', 'minimal');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toContain('name: minimal');
  });

  it('--list and --template list print every template and write nothing', async () => {
    for (const argv of [
      ['init', '--list'],
      ['init', '--template', 'list'],
    ]) {
      const r = await run(...argv);
      expect(r.code).toBe(0);
      expect(
        r.stdout
          .trimEnd()
          .split('\n')
          .map((l) => l.split(' ')[0]),
      ).toEqual(TEMPLATES.map((t) => t.name));
    }
    expect((await run('validate', 'scenario.yaml')).stdout).toBe('scenario.yaml file not found\n');
  });

  it('an unknown template or a missing directory is bad input, without a stack', async () => {
    const unknown = await run('init', '--template', 'nope');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe(
      'vaultsim: unknown template "nope"; choose one of retention-comparison, enhanced-hourly, region-outage, ransomware, sql-in-vm, file-shares, mabs, minimal (vaultsim init --list)\n',
    );
    const noDir = await run('init', 'no/such/dir.yaml');
    expect(noDir.code).toBe(2);
    expect(noDir.stderr).toBe('vaultsim: cannot write no/such/dir.yaml: its directory does not exist\n');
    expect(hasStack(unknown.stderr + noDir.stderr)).toBe(false);
  });
});
