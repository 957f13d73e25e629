// makeDirs (cli/out-folder.ts): mkdir -p that returns an error where Node's recursive
// mkdirSync spins for ever (a path the system refuses with ENOENT under an existing parent).
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDirs } from '../../cli/out-folder.js';

describe('makeDirs', () => {
  it('creates missing parents and accepts a folder that exists', () => {
    const root = mkdtempSync(join(tmpdir(), 'vaultsim-mkdir-'));
    const deep = join(root, 'a', 'b', 'c');
    makeDirs(deep);
    expect(existsSync(deep)).toBe(true);
    expect(() => makeDirs(deep)).not.toThrow();
  });

  it('refuses a path through a file', () => {
    const root = mkdtempSync(join(tmpdir(), 'vaultsim-mkdir-'));
    writeFileSync(join(root, 'f'), '');
    expect(() => makeDirs(join(root, 'f'))).toThrow(/EEXIST/);
    expect(() => makeDirs(join(root, 'f', 'x'))).toThrow(/ENOTDIR/);
  });

  it.runIf(existsSync('/proc/self'))('throws ENOENT under /proc instead of spinning', () => {
    expect(() => makeDirs('/proc/vaultsim-no-such-dir/x')).toThrow(/ENOENT/);
  });
});
