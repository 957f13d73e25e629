// Outputs name the scenario by file name and content hash, never by the path as typed
// (issue 21): the same scenario run from another folder or machine gives the same bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../reports/markdown.js';
import { scenarioFile, scenarioFileName, scenarioLabel } from '../../reports/scenario-file.js';
import { buildSummary } from '../../reports/summary.js';
import { tiny } from './charts/fixture.js';

const HASH = `sha256:${'0123456789abcdef'.repeat(4)}`;

describe('scenario file names in outputs', () => {
  it.each([
    ['s.yaml', 's.yaml'],
    ['./s.yaml', 's.yaml'],
    ['runs/prod/s.yaml', 's.yaml'],
    ['/home/ci/work/runs/s.yaml', 's.yaml'],
    ['C:\\Users\\ci\\s.yaml', 's.yaml'],
    ['..\\s.yaml', 's.yaml'],
    ['dir/', 'dir'],
  ])('names %s as %s', (typed, name) => {
    expect(scenarioFileName(typed)).toBe(name);
  });

  it('records the hash when given, null otherwise, and shortens it in a report line', () => {
    expect(scenarioFile('a/s.yaml', HASH)).toEqual({ file: 's.yaml', hash: HASH });
    expect(scenarioFile('a/s.yaml')).toEqual({ file: 's.yaml', hash: null });
    expect(scenarioLabel('a/s.yaml', HASH)).toBe('s.yaml (sha256:0123456789ab…)');
    expect(scenarioLabel('a/s.yaml')).toBe('s.yaml');
  });

  it('should always give the same summary and report bytes for a scenario typed from any folder', () => {
    const results = tiny();
    const at = (file: string) => ({
      summary: JSON.stringify(buildSummary(results, { file, version: '1', hash: HASH })),
      md: renderMarkdown(results, { file, version: '1', hash: HASH }),
    });
    const here = at('tiny.yaml');
    expect(JSON.parse(here.summary).scenario).toEqual({ file: 'tiny.yaml', name: 'tiny', hash: HASH });
    expect(here.md).toContain('Scenario `tiny.yaml (sha256:0123456789ab…)`');
    const folder = fc.array(fc.stringMatching(/^[a-z0-9._-]{1,8}$/), { maxLength: 4 });
    fc.assert(
      fc.property(folder, fc.constantFrom('/', '\\'), (dirs, sep) => {
        const typed = [...dirs.filter((d) => d !== '.' && d !== '..'), 'tiny.yaml'].join(sep);
        expect(at(typed)).toEqual(here);
      }),
      { numRuns: 30 },
    );
  });
});
