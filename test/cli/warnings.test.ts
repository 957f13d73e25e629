// Warnings on the command line (issue 15): validate, run, compare and sweep print them with
// file:line:column and go on (exit 0); --strict makes them bad input (exit 2, nothing run);
// validate --json lists them with their severity.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { runIn, tempDir } from './harness.js';

let dir: string;
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 's.yaml'), WEEKLY);
});
const run = (...argv: string[]) => runIn(dir, ...argv);

// A weekly Saturday schedule keeping yearly points on the default day, the first Sunday of
// January: never a backup day. The variant keeps 5 weekly points instead of 4 (no new warning).
const WEEKLY = `name: weekly
duration: 14d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: saturday
    schedule: { frequency: weekly, days: [Saturday], at: "22:00" }
    retention:
      weekly: { count: 4 }
      yearly: { count: 7 }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 8GiB }]
    backup: { vault: rsv, policy: saturday }
variants:
  five-weeks: { policies.saturday.retention.weekly.count: 5 }
`;

const WARNING =
  's.yaml:13:15 policies[0].retention.yearly: warning: yearly retention never keeps a point: it keeps the backup of the first Sunday in January (the default), and the schedule backs up only on Saturday';

describe('warnings', () => {
  it('validate prints each warning once (not again per variant), then ok, and exits 0', async () => {
    const r = await run('validate', 's.yaml');
    expect(r).toEqual({
      code: 0,
      stdout: `${WARNING}\ns.yaml: ok (2 scenarios: base, five-weeks; 1 warning)\n`,
      stderr: '',
    });
  });

  it('validate --strict prints the same line and exits 2', async () => {
    const r = await run('validate', '--strict', 's.yaml');
    expect(r).toEqual({ code: 2, stdout: `${WARNING}\n`, stderr: '' });
  });

  it('validate --json lists the warning with its severity; --strict makes the file not ok', async () => {
    const plain = JSON.parse((await run('validate', '--json', 's.yaml')).stdout);
    expect(plain.files[0]).toMatchObject({ file: 's.yaml', ok: true, scenarios: ['base', 'five-weeks'] });
    expect(plain.files[0].issues).toEqual([
      {
        code: 'tier-never-kept',
        severity: 'warning',
        path: 'policies[0].retention.yearly',
        file: 's.yaml',
        line: 13,
        column: 15,
        message: WARNING.slice(WARNING.indexOf('yearly retention')),
      },
    ]);
    const strict = await run('validate', '--json', '--strict', 's.yaml');
    expect(strict.code).toBe(2);
    expect(JSON.parse(strict.stdout).files[0].ok).toBe(false);
  });

  it('run prints the warning on stderr and simulates; --strict exits 2 before simulating', async () => {
    const r = await run('run', 's.yaml', '--no-out', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`${WARNING}\n`);
    expect(r.stdout).toContain('five-weeks');
    expect(await run('run', 's.yaml', '--no-out', '--quiet', '--strict')).toEqual({
      code: 2,
      stdout: '',
      stderr: `${WARNING}\n`,
    });
  });

  it('compare and sweep print it on stderr; with --strict they exit 2 and print nothing else', async () => {
    const compare = await run('compare', 's.yaml', '--workers', '1', '--json');
    expect(compare.code).toBe(0);
    expect(compare.stderr).toContain(`${WARNING}\n`);
    const sweep = await run('sweep', 's.yaml', '-n', '2', '--workers', '1', '--json');
    expect(sweep.code).toBe(0);
    expect(sweep.stderr).toContain(`${WARNING}\n`);
    for (const argv of [
      ['compare', 's.yaml', '--strict'],
      ['sweep', 's.yaml', '-n', '2', '--strict'],
    ])
      expect(await run(...argv)).toEqual({ code: 2, stdout: '', stderr: `${WARNING}\n` });
  });

  it('a scenario with an error shows only its errors: warnings are checked once it has none', async () => {
    writeFileSync(join(dir, 'both.yaml'), WEEKLY.replace('size: 8GiB', 'size: "8"'));
    const r = await run('validate', 'both.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('both.yaml:17:21 fleet[0].disks[0].size: expected a size like 128GiB, got "8"\n');
  });
});
