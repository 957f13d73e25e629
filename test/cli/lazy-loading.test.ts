// Commands import only the optional parts a scenario uses (issue 16): each top-level
// section's schema validator, the optional sections' normalisers, the model's subsystems,
// and never the benches. In-process tests register every part up front, as the library
// entry does (test/support/all-parts.ts); here the CLI starts in a fresh process with
// nothing registered, as a user's does, and must load what each scenario needs (the same
// output as in-process), and for a small scenario nothing more.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { findTemplate } from '../../scenarios/templates/index.js';
import { runIn } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const tsx = import.meta.resolve('tsx');
const run = promisify(execFile);

// A loader hook in the child that appends every module URL it loads to $VAULTSIM_MODULES.
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function load(url, context, next) {
  appendFileSync(process.env.VAULTSIM_MODULES, url + '\\n');
  return next(url, context);
}`;
const RECORD = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

/** Runs `vaultsim ...argv` from source in a fresh process; returns its output and our modules it loaded. */
async function fresh(cwd: string, ...argv: string[]) {
  const log = join(mkdtempSync(join(tmpdir(), 'vaultsim-modules-')), 'modules.txt');
  writeFileSync(log, '');
  const args = ['--import', tsx, '--import', RECORD, join(root, 'cli/main.ts'), ...argv];
  const child = await run(process.execPath, args, {
    cwd,
    env: { ...process.env, VAULTSIM_MODULES: log },
    maxBuffer: 1 << 26,
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({
      code: e.code,
      stdout: e.stdout,
      stderr: e.stderr,
    }),
  );
  const modules = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith('file://') && !url.includes('/node_modules/'))
    .map((url) => relative(root, new URL(url).pathname).replace(/\.(ts|js)$/, ''));
  return { ...child, modules: [...new Set(modules)].sort() };
}

// The optional parts: a module of each is loaded only for a scenario that uses it.
const OPTIONAL = [
  /^bench\//,
  /^scenarios\/normalise\/(workloads|sql|files|dpm|restore|monitor|kql|diagnostics)$/,
  /^models\/kql\//,
  /^models\/(dr|restore|operations|workloads|monitor|logs)\/setup$/,
  /^models\/operations\/operations$/,
];

// A variant that adds sections the base does not have: diagnostics and a KQL alert rule.
const WITH_VARIANT = `${findTemplate('minimal')!.text}
variants:
  watched:
    diagnostics: {}
    monitor:
      alerts:
        - name: failed-jobs
          query: 'AddonAzureBackupJobs | where JobStatus == "Failed" | summarize count() by bin(TimeGenerated, 1h)'
          every: 15m
          when: "> 0"
`;

describe('commands load only what a scenario uses', () => {
  it('validate of a small scenario loads no optional part, and only its sections’ validators', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultsim-lazy-'));
    writeFileSync(join(dir, 'minimal.yaml'), findTemplate('minimal')!.text);
    const r = await fresh(dir, 'validate', 'minimal.yaml');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.modules.filter((m) => OPTIONAL.some((re) => re.test(m)))).toEqual([]);
    expect(r.modules.filter((m) => /^(models\/simulate|reports\/)/.test(m))).toEqual([]);
    // One validator module per top-level section the file has, no other.
    expect(r.modules.filter((m) => m.startsWith('scenarios/validators/scenario-'))).toEqual(
      ['duration', 'fleet', 'name', 'policies', 'regions', 'vaults'].map(
        (s) => `scenarios/validators/scenario-${s}`,
      ),
    );
  }, 60_000);

  it('run of each scenario prints what it prints with every part loaded, loading its parts itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'vaultsim-lazy-'));
    const files: string[] = [join(root, 'scenarios/examples/region-outage.yaml')];
    for (const name of ['ransomware', 'sql-in-vm', 'file-shares', 'mabs']) {
      writeFileSync(join(dir, `${name}.yaml`), findTemplate(name)!.text);
      files.push(join(dir, `${name}.yaml`));
    }
    writeFileSync(join(dir, 'variant.yaml'), WITH_VARIANT);
    files.push(join(dir, 'variant.yaml'));
    const loaded = new Set<string>();
    // Two at a time: the machine has two cores.
    for (let i = 0; i < files.length; i += 2) {
      const pair = files.slice(i, i + 2);
      const children = await Promise.all(
        pair.map((f) => fresh(dir, 'run', f, '--no-out', '--json', '--quiet')),
      );
      for (const [k, child] of children.entries()) {
        const inProcess = await runIn(dir, 'run', pair[k], '--no-out', '--json', '--quiet');
        expect(child.stderr, pair[k]).toBe(inProcess.stderr);
        expect(child.code, pair[k]).toBe(inProcess.code);
        expect(child.stdout, pair[k]).toBe(inProcess.stdout);
        for (const m of child.modules) loaded.add(m);
      }
    }
    // Between them, the scenarios needed every optional part (else this test proves less).
    for (const part of [
      'scenarios/normalise/workloads',
      'scenarios/normalise/restore',
      'scenarios/normalise/monitor',
      'scenarios/normalise/kql',
      'scenarios/normalise/diagnostics',
      'models/dr/setup',
      'models/restore/setup',
      'models/operations/operations',
      'models/workloads/setup',
      'models/monitor/setup',
      'models/logs/setup',
    ])
      expect(loaded.has(part), part).toBe(true);
    expect([...loaded].filter((m) => m.startsWith('bench/'))).toEqual([]);
  }, 180_000);
});
