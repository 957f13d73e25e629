// The output folder a run owns (issue 21): a re-run leaves only its own files, files no
// run wrote are refused (or replaced with --force), the manifest proves each file, and
// every I/O failure — a full disk, a directory in the way, a path under a file — is exit 2
// with the path and the system's reason, leaving no partial file under a final name.

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetWriteCount } from '../../cli/atomic-file.js';
import { MANIFEST } from '../../cli/out-folder.js';
import { TINY } from '../reports/fixture.js';
import { hasStack, runIn, tempDir } from './harness.js';

// TINY with an alert rule: its runs also write alerts.csv.
const MONITORED = `${TINY.replace('seed: 3', 'seed: 4')}monitor:
  alerts:
    - { name: failures, metric: Backup Health Events, aggregation: count, where: { healthStatus: { not: Healthy } }, when: "> 0" }
`;

let dir: string;
beforeEach(() => {
  dir = tempDir();
  writeFileSync(join(dir, 'tiny.yaml'), TINY);
  writeFileSync(join(dir, 'monitored.yaml'), MONITORED);
  resetWriteCount();
});
afterEach(() => {
  delete process.env.VAULTSIM_TEST_WRITE_LIMIT;
});
const run = (...argv: string[]) => runIn(dir, ...argv);
const files = (sub = 'out') => readdirSync(join(dir, sub)).sort();
const bytes = (path: string) => readFileSync(join(dir, path));

describe('an output folder', () => {
  it('keeps only this run’s files when run again into an earlier run’s folder', async () => {
    const first = await run('run', 'monitored.yaml', '--out', 'out', '--trace', '--format', 'md,svg');
    expect(first.code).toBe(0);
    expect(files()).toContain('alerts.csv');
    expect(files()).toContain('events.jsonl');
    expect(files()).toContain('storage.svg');
    const removed = files().filter(
      (n) => !['costs.csv', 'summary.json', 'timeseries.csv', MANIFEST].includes(n),
    );
    const second = await run('run', 'tiny.yaml', '--out', 'out');
    expect(second.code).toBe(0);
    // Only what tiny.yaml's run writes, and the manifest that says so.
    expect(files()).toEqual([MANIFEST, 'costs.csv', 'summary.json', 'timeseries.csv']);
    expect(second.stderr.split('\n').at(-2)).toBe(
      `removed ${removed.length} files of an earlier run from out: ${removed.join(', ')}`,
    );
    // The same bytes as a run into a fresh folder.
    await run('run', 'tiny.yaml', '--out', 'fresh');
    for (const name of ['costs.csv', 'summary.json', 'timeseries.csv'])
      expect(bytes(`out/${name}`).equals(bytes(`fresh/${name}`))).toBe(true);
  });

  it('lists every file it wrote in the manifest, with its size and SHA-256', async () => {
    expect((await run('run', 'monitored.yaml', '--out', 'out')).code).toBe(0);
    const manifest = JSON.parse(bytes(`out/${MANIFEST}`).toString('utf8'));
    expect(manifest).toMatchObject({
      kind: 'vaultsim-output',
      manifestVersion: 1,
      command: 'run',
      complete: true,
    });
    expect(manifest.files.map((f: { name: string }) => f.name)).toEqual([
      'alerts.csv',
      'costs.csv',
      'summary.json',
      'timeseries.csv',
    ]);
    for (const f of manifest.files) {
      const data = bytes(`out/${f.name}`);
      expect(f.bytes).toBe(data.length);
      expect(f.sha256).toBe(createHash('sha256').update(data).digest('hex'));
    }
  });

  it('refuses to overwrite files no run wrote, before simulating; --force replaces them and leaves the rest', async () => {
    mkdirSync(join(dir, 'out'));
    writeFileSync(join(dir, 'out', 'summary.json'), 'my own notes\n');
    writeFileSync(join(dir, 'out', 'notes.txt'), 'keep me\n');
    const refused = await run('run', 'tiny.yaml', '--out', 'out');
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toBe(
      `vaultsim: --out out holds summary.json, which no earlier vaultsim run wrote (no ${MANIFEST} lists it); ` +
        'choose another --out, or pass --force to replace them.\n',
    );
    expect(files()).toEqual(['notes.txt', 'summary.json']);
    const forced = await run('run', 'tiny.yaml', '--out', 'out', '--force');
    expect(forced.code).toBe(0);
    expect(files()).toEqual([MANIFEST, 'costs.csv', 'notes.txt', 'summary.json', 'timeseries.csv']);
    expect(bytes('out/notes.txt').toString()).toBe('keep me\n');
    // The user's file is not the run's: a later run does not remove it.
    expect((await run('run', 'tiny.yaml', '--out', 'out')).code).toBe(0);
    expect(files()).toContain('notes.txt');
  });

  it('removes the temporary files a killed run left, and only those of dead processes', async () => {
    mkdirSync(join(dir, 'out'));
    // PID 2³¹ − 1 is never a live process here; our own parent is.
    writeFileSync(join(dir, 'out', '.summary.json.vaultsim-tmp-2147483647'), '{"tor');
    writeFileSync(join(dir, 'out', `.costs.csv.vaultsim-tmp-${process.ppid}`), 'in progress');
    expect((await run('run', 'tiny.yaml', '--out', 'out')).code).toBe(0);
    expect(files()).toEqual([
      `.costs.csv.vaultsim-tmp-${process.ppid}`,
      MANIFEST,
      'costs.csv',
      'summary.json',
      'timeseries.csv',
    ]);
  });
});

describe('I/O failures are exit 2 with the path and the reason', () => {
  it('a directory where summary.json goes: refused before simulating', async () => {
    mkdirSync(join(dir, 'out', 'summary.json'), { recursive: true });
    const r = await run('run', 'tiny.yaml', '--out', 'out');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'vaultsim: --out out has a directory summary.json where vaultsim writes a file; move it or choose another --out.\n',
    );
  });

  it('an --out under a file, and a --junit into a missing folder: before simulating', async () => {
    writeFileSync(join(dir, 'file'), '');
    const under = await run('run', 'tiny.yaml', '--out', 'file/out');
    expect(under.code).toBe(2);
    expect(under.stdout).toBe('');
    expect(under.stderr).toBe('vaultsim: cannot create --out file/out: not a directory (ENOTDIR).\n');
    const junit = await run('run', 'tiny.yaml', '--no-out', '--junit', 'missing/j.xml');
    expect(junit.code).toBe(2);
    expect(junit.stdout).toBe('');
    expect(junit.stderr).toContain('cannot write --junit missing/j.xml: no such file or directory (ENOENT)');
  });

  it('a full disk (an injected write error): exit 2, no partial file, the earlier run’s files intact', async () => {
    expect((await run('run', 'monitored.yaml', '--out', 'out', '--trace')).code).toBe(0);
    const before = new Map(files().map((name) => [name, bytes(`out/${name}`)]));
    // Room for the first files of the run, not for all of them.
    process.env.VAULTSIM_TEST_WRITE_LIMIT = '20000';
    resetWriteCount();
    const r = await run('run', 'tiny.yaml', '--out', 'out', '--trace');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /^vaultsim: cannot write out\/[\w.-]+: no space left on device \(ENOSPC\)\.\n$/m,
    );
    expect(hasStack(r.stderr)).toBe(false);
    expect(files()).toEqual([...before.keys()]);
    for (const [name, data] of before) expect(bytes(`out/${name}`).equals(data)).toBe(true);
  });

  it('a full disk (a 16 KiB tmpfs, where the machine lets us mount one): exit 2, no partial file', async () => {
    const mount = join(dir, 'small');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=16k', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      return; // Not root, or no mount here: the injected write error above covers it.
    }
    try {
      const r = await run('run', 'monitored.yaml', '--out', 'small', '--trace');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^vaultsim: cannot write small\/[\w.-]+: no space left on device \(ENOSPC\)\.\n$/m,
      );
      expect(hasStack(r.stderr)).toBe(false);
      // Nothing under a final name, and no temporary file left behind either.
      expect(readdirSync(mount)).toEqual([]);
    } finally {
      execFileSync('umount', [mount]);
      rmSync(mount, { recursive: true, force: true });
    }
  });
});

describe('a read-only --out', () => {
  it('is refused before simulating with the reason (a read-only tmpfs, where the machine lets us mount one)', async () => {
    const mount = join(dir, 'ro');
    mkdirSync(mount);
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k,ro', 'tmpfs', mount], { stdio: 'ignore' });
    } catch {
      return; // Not root here (as root, a chmod-ed folder would still be writable).
    }
    try {
      const r = await run('run', 'tiny.yaml', '--out', 'ro');
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe('vaultsim: cannot write into --out ro: read-only file system (EROFS).\n');
    } finally {
      execFileSync('umount', [mount]);
    }
  });
});

describe('standard output', () => {
  it('on a full disk (/dev/full): exit 2 with the reason, not a stack trace', () => {
    if (!existsSync('/dev/full')) return;
    const root = join(import.meta.dirname, '../..');
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'cli/main.ts', 'schema'], {
      cwd: root,
      stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('vaultsim: cannot write to standard output: no space left on device (ENOSPC).\n');
  });
});

describe('sweep and merge --out', () => {
  it('refuse an --out that is a directory before any replication runs', async () => {
    mkdirSync(join(dir, 'agg.json'));
    const r = await run('sweep', 'tiny.yaml', '-n', '2', '--workers', '1', '--out', 'agg.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('vaultsim: cannot write --out agg.json: it is a directory.\n');
    expect(existsSync(join(dir, 'agg.json'))).toBe(true);
  });
});
