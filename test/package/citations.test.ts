// The domain reference ships with the project (docs/reference.md, issue 16): every section a
// citation names must exist there, and nothing may cite the copy outside the repository.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citingFiles, rewriteCitations } from '../../scripts/rewrite-citations.js';

const root = resolve(import.meta.dirname, '../..');
const reference = readFileSync(join(root, 'docs/reference.md'), 'utf8');
// "## 2. Recovery Services vault", "### 2.3 Soft delete …" → 2, 2.3.
const sections = new Set([...reference.matchAll(/^#{2,3} (\d+(?:\.\d+)?)\.? /gm)].map((m) => m[1]));
const CITATION =
  /(?:reference\/azure(?:-workloads)?\.md|azure-workloads\.md|docs\/reference\.md)`?\s*\(?((?:§\s?\d+(?:\.\d+)?(?:\s?[–,-]\s?)?)+)/g;

describe('docs/reference.md', () => {
  it('has every section §1–§19 the references had, with the subsections cited', () => {
    for (let n = 1; n <= 19; n++) if (n !== 10) expect(sections, `§${n}`).toContain(String(n));
  });

  it('has every section a citation in the repository names', () => {
    const missing: string[] = [];
    for (const file of citingFiles(root)) {
      const text = readFileSync(join(root, file), 'utf8');
      for (const m of text.matchAll(CITATION))
        for (const n of m[1].matchAll(/§\s?(\d+(?:\.\d+)?)/g))
          if (!sections.has(n[1])) missing.push(`${file}: §${n[1]}`);
    }
    expect(missing).toEqual([]);
  });

  it('gives every fact a public source (a Microsoft Learn page), or says it is inferred or secondary', () => {
    const facts = reference
      .slice(reference.indexOf('\n## 1.'))
      .split('\n')
      .filter((l) => l.startsWith('- '));
    expect(facts.length).toBeGreaterThan(100);
    // `learn:backup/…` is https://learn.microsoft.com/azure/backup/… (the file's conventions).
    const unsourced = facts.filter(
      (l) => !/learn:|learn\.microsoft\.com|inferred|assumption|secondary|see §/i.test(l),
    );
    expect(unsourced).toEqual([]);
  });
});

describe('scripts/rewrite-citations.ts', () => {
  it('maps each form of citation to docs/reference.md, relative inside docs/', () => {
    expect(
      rewriteCitations('// reference/azure.md §2.3 and reference/azure-workloads.md §17', 'models/a.ts'),
    ).toBe('// docs/reference.md §2.3 and docs/reference.md §17');
    expect(rewriteCitations("source: 'azure-workloads.md §17'", 'models/b.ts')).toBe(
      "source: 'docs/reference.md §17'",
    );
    expect(rewriteCitations('comes from `../shared/reference/azure.md` (§n)', 'docs/model.md')).toBe(
      'comes from `reference.md` (§n)',
    );
    expect(rewriteCitations('see [the reference](../shared/reference/azure.md)', 'README.md')).toBe(
      'see [the reference](docs/reference.md)',
    );
  });

  it('leaves no citation of ../shared or reference/azure*.md anywhere in the repository', () => {
    const left = citingFiles(root).filter((file) =>
      /\.\.\/shared|reference\/azure(?:-workloads)?\.md|(?<![\w/.-])azure-workloads\.md/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    expect(left).toEqual([]);
  });
});
