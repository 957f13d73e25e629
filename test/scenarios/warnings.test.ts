// One fixture per warning code (issue 15, as invalid.test.ts does for errors): every code
// in WARNING_CODES is produced by a committed file under warnings/ whose `# expect:` lines
// are exactly the warnings renderIssue prints, the fixture's path written as {file}. And the
// shipped examples and templates are clean: none of them produces any warning.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderIssue, WARNING_CODES } from '../../scenarios/issues.js';
import { loadScenarioFile, loadScenarioText } from '../../scenarios/load.js';
import { TEMPLATES } from '../../scenarios/templates/index.js';
import { expectFixtures } from './expect-fixtures.js';

const FIXTURES = join(import.meta.dirname, 'warnings');
const EXAMPLES = join(import.meta.dirname, '../../scenarios/examples');

const fixtures = expectFixtures(FIXTURES);

describe('committed warning fixtures', () => {
  it('every fixture is named after a warning code and states what it expects', () => {
    for (const f of fixtures) {
      expect(WARNING_CODES, f.file).toContain(f.code);
      expect(f.expected.length, f.file).toBeGreaterThan(0);
    }
  });

  it('every code in WARNING_CODES has a fixture', () => {
    const committed = new Set(fixtures.map((f) => f.code));
    expect(WARNING_CODES.filter((code) => !committed.has(code))).toEqual([]);
  });

  for (const f of fixtures) {
    it(`${f.code}.yaml loads, and warns exactly its expected lines`, () => {
      const result = loadScenarioFile(f.file);
      expect(result.ok ? [] : result.issues.map(renderIssue)).toEqual([]);
      expect(result.warnings.map((w) => renderIssue(w).replaceAll(f.file, '{file}'))).toEqual(f.expected);
    });

    it(`${f.code}.yaml warns ${f.code} first, as a warning positioned in the file`, () => {
      const { warnings } = loadScenarioFile(f.file);
      expect(warnings[0]?.code).toBe(f.code);
      for (const w of warnings) {
        expect(w).toMatchObject({ severity: 'warning', file: f.file });
        expect(w.line).toBeGreaterThan(0);
        expect(w.column).toBeGreaterThan(0);
      }
    });
  }
});

describe('shipped scenarios are clean', () => {
  const examples = readdirSync(EXAMPLES)
    .filter((name) => name.endsWith('.yaml'))
    .sort();

  it('there are examples and templates to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
    expect(TEMPLATES.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of examples)
    it(`scenarios/examples/${name} loads with no warning`, () => {
      const result = loadScenarioFile(join(EXAMPLES, name));
      expect(result.ok).toBe(true);
      expect(result.warnings.map(renderIssue)).toEqual([]);
    });

  for (const t of TEMPLATES)
    it(`template ${t.name} loads with no warning`, () => {
      const result = loadScenarioText(t.text, `${t.name}.yaml`);
      expect(result.ok).toBe(true);
      expect(result.warnings.map(renderIssue)).toEqual([]);
    });
});
