// Enforces DESIGN.md's layer table and the determinism rules by reading the source:
// every import specifier is checked against what its folder may import, and the
// simulation folders may not read the wall clock or unseeded randomness.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
type Layer = 'engine' | 'models' | 'scenarios' | 'reports' | 'cli' | 'bench' | 'root';

// DESIGN.md "Layers and which way they depend". `types` lists layers that may only be
// imported with `import type` (reports read results types, never model code).
const RULES: Record<Layer, { values: Layer[]; types: Layer[]; node: RegExp | null }> = {
  engine: { values: ['engine'], types: [], node: null },
  models: { values: ['engine', 'models'], types: [], node: null },
  scenarios: { values: ['scenarios', 'models', 'engine'], types: [], node: /^node:(fs|path)$/ },
  reports: {
    values: ['reports'],
    types: ['models', 'engine', 'scenarios'],
    node: /^node:(fs|path|module|url)$/,
  },
  // cli/ may import everything (DESIGN.md), the benches too: `vaultsim bench` runs them (issue 16).
  cli: {
    values: ['cli', 'reports', 'scenarios', 'models', 'engine', 'bench', 'root'],
    types: [],
    node: /^node:/,
  },
  bench: { values: ['bench', 'root'], types: [], node: /^node:/ },
  root: { values: ['engine', 'models', 'scenarios', 'reports'], types: [], node: null },
};

const DETERMINISTIC: Layer[] = ['engine', 'models', 'scenarios', 'reports'];
const FORBIDDEN_CALLS: [RegExp, string][] = [
  [/\bMath\.random\s*\(/, 'Math.random'],
  [/\bDate\.now\s*\(/, 'Date.now'],
  [/\bnew\s+Date\s*\(\s*\)/, 'new Date() without an argument'],
  [/\bperformance\.now\s*\(/, 'performance.now'],
  [/\bcrypto\.randomUUID\s*\(/, 'crypto.randomUUID'],
  [/\bprocess\.hrtime\b/, 'process.hrtime'],
];

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let names: string[];
  try {
    names = readdirSync(abs);
  } catch {
    return [];
  }
  return names.flatMap((name) => {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) return sourceFiles(join(dir, name));
    return /\.ts$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

function layerOf(file: string): Layer | 'outside' {
  const top = relative(root, file).split(/[\\/]/)[0];
  if (top === 'index.ts' || top === 'index.js') return 'root';
  return (Object.keys(RULES) as Layer[]).includes(top as Layer) ? (top as Layer) : 'outside';
}

/** Removes comments and string contents so rules match code only. */
function codeOnly(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

type Import = { spec: string; typeOnly: boolean; line: number };
function importsOf(text: string): Import[] {
  const found: Import[] = [];
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/gm;
  for (const m of text.matchAll(re)) {
    const line = text.slice(0, m.index).split('\n').length;
    found.push({ spec: m[3] ?? m[4], typeOnly: m[2] !== undefined, line });
  }
  for (const m of text.matchAll(/^\s*import\s+['"]([^'"]+)['"]/gm)) {
    found.push({ spec: m[1], typeOnly: false, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

const layers = Object.keys(RULES).filter((l) => l !== 'root') as Layer[];
const files = [...layers.flatMap((l) => sourceFiles(l)), join(root, 'index.ts')].filter((f) => {
  try {
    return statSync(f).isFile();
  } catch {
    return false;
  }
});

/** Every violation of the layer table in the project, as 'file:line message'. */
function layerViolations(): string[] {
  const out: string[] = [];
  for (const file of files) {
    const from = layerOf(file) as Layer;
    const rule = RULES[from];
    for (const imp of importsOf(readFileSync(file, 'utf8'))) {
      const where = `${relative(root, file)}:${imp.line}`;
      if (imp.spec.startsWith('.')) {
        const to = layerOf(resolve(dirname(file), imp.spec));
        if (to === 'outside') out.push(`${where} imports ${imp.spec}, outside the layered folders`);
        else if (!rule.values.includes(to) && !(imp.typeOnly && rule.types.includes(to)))
          out.push(
            `${where} ${from}/ may not import ${to}/ (${imp.spec})${rule.types.includes(to) ? ' except with import type' : ''}`,
          );
      } else if (
        imp.spec.startsWith('node:') ||
        /^(fs|path|os|child_process|worker_threads)$/.test(imp.spec)
      ) {
        if (rule.node === null || !rule.node.test(imp.spec))
          out.push(`${where} ${from}/ may not import ${imp.spec}`);
      }
    }
  }
  return out;
}

describe('architecture', () => {
  it('finds the source files it checks', () => {
    expect(files.some((f) => f.includes(`${join('engine', 'simulation.ts')}`))).toBe(true);
  });

  it('imports follow the layer table in DESIGN.md', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('the simulation folders never read the wall clock or unseeded randomness', () => {
    const hits: string[] = [];
    for (const file of files.filter((f) => DETERMINISTIC.includes(layerOf(f) as Layer))) {
      const code = codeOnly(readFileSync(file, 'utf8'));
      for (const [re, what] of FORBIDDEN_CALLS)
        if (re.test(code)) hits.push(`${relative(root, file)}: ${what}`);
    }
    expect(hits).toEqual([]);
  });

  it('the kernel never learns a domain word', () => {
    const domain = /\b(vms?|vaults?|backups?|snapshots?|azure|alerts?|restores?|retention)\b/i;
    const hits = sourceFiles('engine')
      .map((f) => ({ f, m: readFileSync(f, 'utf8').match(domain) }))
      .filter((x) => x.m !== null)
      .map((x) => `${relative(root, x.f)}: "${x.m?.[0]}"`);
    expect(hits).toEqual([]);
  });

  // The checks above must be able to fail: feed them known-bad source.
  it('detects a forbidden import and a wall-clock call in sample text', () => {
    const sample =
      "import { x } from '../models/a.js';\nimport type { Y } from '../engine/b.js';\nconst t = Date.now();";
    expect(importsOf(sample)).toEqual([
      { spec: '../models/a.js', typeOnly: false, line: 1 },
      { spec: '../engine/b.js', typeOnly: true, line: 2 },
    ]);
    expect(FORBIDDEN_CALLS.some(([re]) => re.test(codeOnly(sample)))).toBe(true);
    expect(FORBIDDEN_CALLS.some(([re]) => re.test(codeOnly('// Date.now() in a comment')))).toBe(false);
    expect(FORBIDDEN_CALLS.some(([re]) => re.test('new Date(0)'))).toBe(false);
    expect(FORBIDDEN_CALLS.some(([re]) => re.test('new Date( )'))).toBe(true);
  });
});
