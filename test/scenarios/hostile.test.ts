// Hostile input: whatever the text or the file is, the loader answers with issues (a code,
// and a position or a clear file problem) within bounded time and memory, and never throws
// or alters shared state such as Object.prototype.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type Issue, type IssueCode, renderIssue } from '../../scenarios/issues.js';
import { type LoadResult, loadScenarioFile, loadScenarioText } from '../../scenarios/load.js';

// Generous bounds: a busy 2-core CI machine must pass them; a runaway parse must not.
const MAX_SECONDS = 5;
const MAX_HEAP_GROWTH_MB = 200;

const dir = mkdtempSync(join(tmpdir(), 'vaultsim-hostile-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Loads with a stopwatch and a heap meter; a thrown exception is returned, not raised. */
function measured(load: () => LoadResult): { result: LoadResult | Error; seconds: number; heapMb: number } {
  const heapBefore = process.memoryUsage().heapUsed;
  const t0 = process.hrtime.bigint();
  let result: LoadResult | Error;
  try {
    result = load();
  } catch (err) {
    result = err instanceof Error ? err : new Error(String(err));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  return { result, seconds, heapMb };
}

/** Asserts the load finished in bounds with issues, and returns them. */
function issuesOf(load: () => LoadResult): Issue[] {
  const { result, seconds, heapMb } = measured(load);
  if (result instanceof Error) throw new Error(`the loader threw: ${result.stack}`);
  expect(seconds).toBeLessThan(MAX_SECONDS);
  expect(heapMb).toBeLessThan(MAX_HEAP_GROWTH_MB);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.issues;
}

/** Asserts the first issue has `code` and a position inside `text`. */
function expectPositioned(issues: Issue[], code: IssueCode, text: string): Issue {
  expect(issues.length).toBeGreaterThan(0);
  const first = issues[0];
  expect(first.code, renderIssue(first)).toBe(code);
  const lines = text.split('\n');
  for (const issue of issues) {
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.line).toBeLessThanOrEqual(lines.length);
    expect(issue.column).toBeGreaterThanOrEqual(1);
  }
  return first;
}

const loadText = (text: string) => () => loadScenarioText(text, 'hostile.yaml');

const HEAD = 'name: hostile\nduration: 30d\nregions: [{ name: eastus }]\n';

// A valid scenario with one backed-up VM, for the cases that change one value.
const VALID = `name: hostile
duration: 30d
regions:
  - { name: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
fleet:
  - name: web
    region: eastus
    disks: [{ size: 128GiB }]
    backup: { vault: rsv, policy: daily }
`;

function replaced(from: string, to: string): string {
  if (!VALID.includes(from)) throw new Error(`the base scenario has no ${JSON.stringify(from)}`);
  return VALID.replace(from, to);
}

describe('malformed YAML', () => {
  it.each([
    ['an unclosed flow list', `${HEAD}description: [a, b\n`],
    ['a tab used as indentation', 'name: hostile\n\tduration: 30d\n'],
    ['two documents in one file', `${HEAD}---\n${HEAD}`],
    ['an unterminated quoted string', `${HEAD}description: "never closed\n`],
    ['a stray closing brace', `${HEAD}}\n`],
  ])('%s gives yaml-syntax with a position', (_, text) => {
    expectPositioned(issuesOf(loadText(text)), 'yaml-syntax', text);
  });
});

describe('alias bombs', () => {
  // Nine levels of nine aliases: 9^9 (387 million) strings if expanded.
  const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const cur = String.fromCharCode(97 + i);
    levels.push(`${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(', ')}]`);
  }
  const bomb = `${HEAD}${levels.join('\n')}\n`;

  it('a billion-laughs document gives yaml-alias-limit without expanding it', () => {
    expectPositioned(issuesOf(loadText(bomb)), 'yaml-alias-limit', bomb);
  });

  it('the same bomb inside a field the schema knows gives yaml-alias-limit too', () => {
    const text = `${HEAD}description:\n${levels.map((l) => `  - ${l.slice(3)}`).join('\n')}\n`;
    expectPositioned(issuesOf(loadText(text)), 'yaml-alias-limit', text);
  });

  it('a few honest aliases still load', () => {
    const text = replaced('  - { name: eastus }', '  - { name: &east eastus }').replace(
      'region: eastus\n    disks',
      'region: *east\n    disks',
    );
    const { result } = measured(loadText(text));
    expect(result).toMatchObject({ ok: true });
  });
});

describe('huge input', () => {
  it('a 50 MB file gives file-too-large without being read', () => {
    const file = join(dir, 'fifty-mb.yaml');
    writeFileSync(file, Buffer.alloc(50 * 1000 * 1000, 'a'));
    const [issue] = issuesOf(() => loadScenarioFile(file));
    expect(issue).toMatchObject({ code: 'file-too-large', file, line: 0, column: 0, path: '' });
    expect(renderIssue(issue)).toBe(`${file} file is 47.7 MiB; scenario files may be at most 4 MiB`);
  });

  it('50 MB of text passed directly gives file-too-large, as a file issue', () => {
    const text = `${HEAD}description: ${'x'.repeat(50 * 1000 * 1000)}\n`;
    const [issue] = issuesOf(loadText(text));
    expect(issue.code).toBe('file-too-large');
    expect(renderIssue(issue)).toBe('hostile.yaml file is 47.7 MiB; scenario files may be at most 4 MiB');
  });
});

describe('deep nesting', () => {
  it('100k [ gives yaml-too-deep at the bracket that passes the limit', () => {
    const text = `${HEAD}description: ${'['.repeat(100_000)}`;
    const issue = expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
    // `description: ` is 13 characters, so the 33rd [ is in column 46 of line 4.
    expect([issue.line, issue.column]).toEqual([4, 46]);
  });

  it('100k balanced {…} gives yaml-too-deep', () => {
    const text = `${HEAD}description: ${'{a: '.repeat(100_000)}1${'}'.repeat(100_000)}\n`;
    expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
  });

  it('brackets inside quotes and comments are not nesting', () => {
    const text = `${VALID}# ${'['.repeat(1000)}\n`.replace(
      'name: hostile\n',
      `name: hostile\ndescription: "${'['.repeat(1000)}"\n`,
    );
    const { result } = measured(loadText(text));
    expect(result).toMatchObject({ ok: true });
  });

  it('40 levels of block mappings give yaml-too-deep with the path', () => {
    let text = `${HEAD}description:\n`;
    for (let i = 1; i <= 40; i++) text += `${'  '.repeat(i)}a:\n`;
    text += `${'  '.repeat(41)}1\n`;
    const issue = expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
    expect(issue.path).toBe(`description${'.a'.repeat(32)}`);
  });

  it('40 levels of block lists on one line give yaml-too-deep', () => {
    const text = `${HEAD}description:\n  ${'- '.repeat(40)}x\n`;
    expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
  });

  // The parser recurses per block level and overflows the stack; the overflow reaches
  // doc.errors as a syntax error ("Maximum call stack size exceeded"), not as a thrown
  // RangeError, so source.ts reports yaml-syntax. Block nesting is not bounded by the file
  // size as source.ts assumes: `- - - …` nests one level per two bytes.
  it('100k levels of block lists on one line give yaml-too-deep (gives yaml-syntax)', () => {
    const text = `${HEAD}description:\n  ${'- '.repeat(100_000)}x\n`;
    expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
  });

  it('2,000 levels of indented block mappings give yaml-too-deep (gives yaml-syntax)', () => {
    let text = `${HEAD}description:\n`;
    for (let i = 1; i <= 2000; i++) text += `${' '.repeat(i)}a:\n`;
    text += `${' '.repeat(2001)}1\n`;
    expectPositioned(issuesOf(loadText(text)), 'yaml-too-deep', text);
  });

  it('100k levels of block lists never throw and finish in bounds', () => {
    const text = `${HEAD}description:\n  ${'- '.repeat(100_000)}x\n`;
    expect(issuesOf(loadText(text)).length).toBeGreaterThan(0);
  });
});

describe('prototype keys', () => {
  const cases: [string, string, string][] = [
    ['__proto__ at the top level', `${HEAD}__proto__: { polluted: true }\n`, '__proto__'],
    ['a quoted "__proto__"', `${HEAD}"__proto__": { polluted: true }\n`, '__proto__'],
    ['constructor.prototype', `${HEAD}constructor: { prototype: { polluted: true } }\n`, 'constructor'],
    [
      '__proto__ among tags',
      replaced(
        '    region: eastus\n    disks',
        '    region: eastus\n    tags: { __proto__: { polluted: "yes" } }\n    disks',
      ),
      'fleet[0].tags.__proto__',
    ],
    ['__proto__ filled through an alias', `${HEAD}x: &p { polluted: true }\n__proto__: *p\n`, '__proto__'],
    ['prototype as a key', `${HEAD}prototype: { polluted: true }\n`, 'prototype'],
  ];

  it.each(cases)('%s gives forbidden-key at the key and leaves Object.prototype alone', (_, text, path) => {
    const issues = issuesOf(loadText(text));
    const issue = expectPositioned(issues, 'forbidden-key', text);
    expect(issue.path).toBe(path);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a variant path through __proto__ gives issues and pollutes nothing', () => {
    const text = `${VALID}variants:\n  evil: { __proto__.polluted: true }\n`;
    expect(issuesOf(loadText(text)).length).toBeGreaterThan(0);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });

  it('a sweep path through constructor.prototype gives issues and pollutes nothing', () => {
    const text = `${VALID}sweep:\n  constructor.prototype.polluted: [1, 2]\n`;
    expect(issuesOf(loadText(text)).length).toBeGreaterThan(0);
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
  });
});

describe('duplicate keys', () => {
  it('a repeated top-level key gives yaml-duplicate-key on the second one', () => {
    const text = `${VALID}name: again\n`;
    const issue = expectPositioned(issuesOf(loadText(text)), 'yaml-duplicate-key', text);
    expect(renderIssue(issue)).toBe(
      'hostile.yaml:16:1 duplicate key "name": each key may appear once in a mapping',
    );
  });

  it('a repeated key inside a flow mapping gives yaml-duplicate-key', () => {
    const text = replaced('{ name: rsv, region: eastus }', '{ name: rsv, region: eastus, region: westus }');
    const issue = expectPositioned(issuesOf(loadText(text)), 'yaml-duplicate-key', text);
    expect(issue.message).toContain('"region"');
  });
});

describe('non-finite and negative numbers', () => {
  it.each<[string, string, IssueCode, string]>([
    ['seed: .nan', replaced('name: hostile\n', 'name: hostile\nseed: .nan\n'), 'wrong-type', 'seed'],
    ['seed: .inf', replaced('name: hostile\n', 'name: hostile\nseed: .inf\n'), 'wrong-type', 'seed'],
    [
      'count: .inf',
      replaced('    region: eastus\n', '    region: eastus\n    count: .inf\n'),
      'wrong-type',
      'fleet[0].count',
    ],
    [
      'retention daily: .nan',
      replaced('daily: 30', 'daily: .nan'),
      'wrong-type',
      'policies[0].retention.daily',
    ],
    ['size: .nan', replaced('size: 128GiB', 'size: .nan'), 'invalid-unit', 'fleet[0].disks[0].size'],
    ['size: -128GiB', replaced('size: 128GiB', 'size: -128GiB'), 'invalid-unit', 'fleet[0].disks[0].size'],
    ['size: 0GiB', replaced('size: 128GiB', 'size: 0GiB'), 'out-of-range', 'fleet[0].disks[0].size'],
    ['duration: -.inf', replaced('duration: 30d', 'duration: -.inf'), 'invalid-unit', 'duration'],
    ['duration: -30d', replaced('duration: 30d', 'duration: -30d'), 'invalid-unit', 'duration'],
    ['seed: -1', replaced('name: hostile\n', 'name: hostile\nseed: -1\n'), 'out-of-range', 'seed'],
  ])('%s gives %s at %s', (_, text, code, path) => {
    const issue = expectPositioned(issuesOf(loadText(text)), code, text);
    expect(issue.path).toBe(path);
  });

  it('a sweep range to .inf is rejected before it is expanded', () => {
    const text = `${VALID}sweep:\n  seed: { from: 0, to: .inf, step: 1 }\n`;
    const issue = expectPositioned(issuesOf(loadText(text)), 'wrong-type', text);
    expect(issue.path).toBe('sweep.seed.to');
  });

  it('a sweep range with a vanishing step stops at the run limit', () => {
    const text = `${VALID}sweep:\n  seed: { from: 0, to: 1, step: 1e-300 }\n`;
    const issues = issuesOf(loadText(text));
    expect(issues[0].message).toContain('at most 10000 are allowed');
  });
});

describe('values beyond the scenario', () => {
  it('backup.from past the duration gives beyond-horizon at the value', () => {
    const text = replaced('policy: daily }', 'policy: daily, from: 400d }');
    const issue = expectPositioned(issuesOf(loadText(text)), 'beyond-horizon', text);
    expect(renderIssue(issue)).toBe(
      "hostile.yaml:15:48 fleet[0].backup.from: backup.from 400d is beyond the scenario's duration 30d",
    );
  });

  it('a duration past 100 years gives out-of-range', () => {
    const text = replaced('duration: 30d', 'duration: 1000000w');
    expectPositioned(issuesOf(loadText(text)), 'out-of-range', text);
  });

  it('a duration too large to be exact gives invalid-unit', () => {
    const text = replaced('duration: 30d', 'duration: 99999999999999999999d');
    expectPositioned(issuesOf(loadText(text)), 'invalid-unit', text);
  });
});

describe('file problems', () => {
  it('non-UTF-8 bytes give file-not-utf8', () => {
    const file = join(dir, 'latin-1.yaml');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from(VALID.replace('hostile', 'caf')), Buffer.from([0xe9, 0x0a])]),
    );
    const [issue] = issuesOf(() => loadScenarioFile(file));
    expect(issue).toMatchObject({ code: 'file-not-utf8', file, line: 0, column: 0 });
  });

  it('a UTF-16 file gives file-not-utf8', () => {
    const file = join(dir, 'utf-16.yaml');
    writeFileSync(file, Buffer.from(`\ufeff${VALID}`, 'utf16le'));
    const [issue] = issuesOf(() => loadScenarioFile(file));
    expect(issue).toMatchObject({ code: 'file-not-utf8', file, line: 0, column: 0 });
  });

  it('a directory gives file-is-directory', () => {
    const path = join(dir, 'scenarios.yaml');
    mkdirSync(path);
    const [issue] = issuesOf(() => loadScenarioFile(path));
    expect(renderIssue(issue)).toBe(`${path} is a directory, not a scenario file`);
    expect(issue.code).toBe('file-is-directory');
  });

  it('a missing file gives file-not-found', () => {
    const path = join(dir, 'nothing-here.yaml');
    const [issue] = issuesOf(() => loadScenarioFile(path));
    expect(issue.code).toBe('file-not-found');
  });

  it('a symlink loop gives file-unreadable', () => {
    const a = join(dir, 'loop-a.yaml');
    const b = join(dir, 'loop-b.yaml');
    symlinkSync(b, a);
    symlinkSync(a, b);
    const [issue] = issuesOf(() => loadScenarioFile(a));
    expect(issue).toMatchObject({
      code: 'file-unreadable',
      message: 'cannot read file: too many symbolic links (a link loop?)',
    });
  });
});

describe('odd but harmless text', () => {
  it.each([
    ['a byte-order mark', `\ufeff${VALID}`],
    ['CRLF line ends', VALID.replace(/\n/g, '\r\n')],
    [
      'a NUL inside a quoted string',
      VALID.replace('name: hostile\n', 'name: hostile\ndescription: "a\\0b"\n'),
    ],
    ['a lone surrogate escape', VALID.replace('name: hostile\n', 'name: hostile\ndescription: "\\uD800"\n')],
  ])('%s loads', (_, text) => {
    const { result, seconds } = measured(loadText(text));
    expect(result).toMatchObject({ ok: true });
    expect(seconds).toBeLessThan(MAX_SECONDS);
  });
});
