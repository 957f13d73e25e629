// One fixture per issue code (STYLE.md §9): every code in ISSUE_CODES is produced by a
// committed file under invalid/ or, for file problems, by a file this test makes in a
// temporary directory. A committed fixture starts with `# expect: <line>` comments: the
// exact lines renderIssue prints, with the fixture's path written as {file}.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ISSUE_CODES, type IssueCode, renderIssue } from '../../scenarios/issues.js';
import { type LoadResult, loadScenarioFile } from '../../scenarios/load.js';
import { expectFixtures } from './expect-fixtures.js';

const FIXTURES = join(import.meta.dirname, 'invalid');

/**
 * Fixtures whose `# expect:` states what the loader should do but does not do yet. Each
 * listed check runs as `it.fails`, so the suite stays green while the bug is open and
 * turns red once it is fixed: then delete the entry.
 */
const KNOWN_WRONG: Partial<Record<IssueCode, { lines?: string; code?: string }>> = {};

/** The loader's answer as printed lines, with `file` written as {file}. */
function rendered(result: LoadResult, file: string): string[] {
  if (result.ok) return [];
  return result.issues.map((issue) => renderIssue(issue).replaceAll(file, '{file}'));
}

const fixtures = expectFixtures(FIXTURES);

describe('committed invalid fixtures', () => {
  it('every fixture is named after an issue code and states what it expects', () => {
    for (const f of fixtures) {
      expect(ISSUE_CODES, f.file).toContain(f.code);
      expect(f.expected.length, f.file).toBeGreaterThan(0);
    }
  });

  for (const f of fixtures) {
    const known = KNOWN_WRONG[f.code as IssueCode];
    const linesTest = known?.lines !== undefined ? it.fails : it;
    const codeTest = known?.code !== undefined ? it.fails : it;

    linesTest(`${f.code}.yaml renders exactly its expected lines`, () => {
      expect(rendered(loadScenarioFile(f.file), f.file)).toEqual(f.expected);
    });

    codeTest(`${f.code}.yaml reports ${f.code} first, positioned in the file`, () => {
      const result = loadScenarioFile(f.file);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.issues[0].code).toBe(f.code);
      for (const issue of result.issues) {
        expect(issue.file).toBe(f.file);
        expect(issue.line).toBeGreaterThan(0);
        expect(issue.column).toBeGreaterThan(0);
      }
    });
  }
});

// File problems need a real file system state, so they are made here rather than committed.
type FileCode =
  | 'file-not-found'
  | 'file-is-directory'
  | 'file-too-large'
  | 'file-not-utf8'
  | 'file-unreadable';

const dir = mkdtempSync(join(tmpdir(), 'vaultsim-invalid-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const runningAsRoot = process.getuid?.() === 0;

/** How each file problem is produced, and the line it prints. */
const GENERATED: Record<FileCode, { make: () => string; expected: string }> = {
  'file-not-found': {
    make: () => join(dir, 'missing.yaml'),
    expected: '{file} file not found',
  },
  'file-is-directory': {
    make: () => {
      const path = join(dir, 'a-directory.yaml');
      mkdirSync(path);
      return path;
    },
    expected: '{file} is a directory, not a scenario file',
  },
  'file-too-large': {
    make: () => {
      const path = join(dir, 'five-mib.yaml');
      writeFileSync(path, Buffer.alloc(5 * 1024 * 1024, '#'));
      return path;
    },
    expected: '{file} file is 5.0 MiB; scenario files may be at most 4 MiB',
  },
  'file-not-utf8': {
    make: () => {
      const path = join(dir, 'latin-1.yaml');
      // "name: café" in ISO-8859-1: é is the single byte 0xE9, not valid UTF-8.
      writeFileSync(path, Buffer.from([...Buffer.from('name: caf'), 0xe9, 0x0a]));
      return path;
    },
    expected: '{file} file is not valid UTF-8 text',
  },
  // chmod 000 stops everyone but root; as root, a path through a regular file fails with ENOTDIR.
  'file-unreadable': runningAsRoot
    ? {
        make: () => {
          const parent = join(dir, 'not-a-directory');
          writeFileSync(parent, 'name: x\n');
          return join(parent, 'scenario.yaml');
        },
        expected: '{file} cannot read file: a part of the path is a file, not a directory',
      }
    : {
        make: () => {
          const path = join(dir, 'no-permission.yaml');
          writeFileSync(path, 'name: x\n');
          chmodSync(path, 0o000);
          return path;
        },
        expected: '{file} cannot read file: EACCES',
      },
};

describe('generated file problems', () => {
  for (const [code, { make, expected }] of Object.entries(GENERATED)) {
    it(`${code}: ${expected}`, () => {
      const file = make();
      const result = loadScenarioFile(file);
      expect(rendered(result, file)).toEqual([expected]);
      if (result.ok) return;
      expect(result.issues[0]).toMatchObject({ code, file, path: '', line: 0, column: 0 });
    });
  }
});

describe('coverage of the issue codes', () => {
  it('every code in ISSUE_CODES has a committed fixture or a generated case', () => {
    const exercised = new Set([...fixtures.map((f) => f.code), ...Object.keys(GENERATED)]);
    expect(ISSUE_CODES.filter((code) => !exercised.has(code))).toEqual([]);
  });

  it('no code is both committed and generated', () => {
    const committed = new Set(fixtures.map((f) => f.code));
    expect(Object.keys(GENERATED).filter((code) => committed.has(code))).toEqual([]);
  });
});
