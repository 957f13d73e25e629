// Loading a scenario: text or file → every concrete Scenario it describes (the base,
// then each variant and sweep point), or every issue found. Never throws on bad input.
//
//   1. read     file → UTF-8 text                      (source.ts)
//   2. parse    text → YAML document with positions    (source.ts)
//   3. check    plain value → JSON Schema issues       (schema-check.ts)
//   4. expand   variants × sweep points → raw runs     (variants.ts)
//   5. shape    each raw run → typed Scenario          (normalise/)
//
// Each top-level section's schema validator (validators.ts) and the optional sections'
// normalisers (normalise/sections.ts) are loaded on demand (issue 16): loadScenarioFileLazily
// imports those the document uses before step 3 and those its runs use before step 5; the
// synchronous loaders need them loaded already (the library entry loads every one).

import type { Scenario } from '../models/scenario/types.js';
import { type Issue, sortIssues } from './issues.js';
import { MSG } from './messages.js';
import { normalise } from './normalise/index.js';
import { type PriceUse, priceUse } from './normalise/pricing-uses.js';
import { loadSections } from './normalise/sections.js';
import { checkSchema } from './schema-check.js';
import { issueAt, type PathSegment, parseSource, readScenarioText, type Source } from './source.js';
import { loadValidators } from './validators.js';
import { type Expansion, expand } from './variants.js';

/**
 * The outcome of loading: every scenario, or every error in `issues`. `warnings` (issue 15)
 * are what the scenario names but would never act; they do not stop it. A variant's warning
 * that the base does not have says which variant.
 */
export type LoadResult =
  | { ok: true; scenarios: Scenario[]; issues: []; warnings: Issue[] }
  | { ok: false; issues: Issue[]; warnings: Issue[] };

/** Loads a scenario file; file problems come back as issues. */
export function loadScenarioFile(file: string): LoadResult {
  const read = readScenarioText(file);
  if ('issue' in read) return { ok: false, issues: [read.issue], warnings: [] };
  return loadScenarioText(read.text, file);
}

/** Loads scenario text; `file` names it in issues. */
export function loadScenarioText(text: string, file: string): LoadResult {
  const doc = parseDocument(text, file);
  if ('result' in doc) return doc.result;
  const runs = checkAndExpand(doc.source, doc.value);
  return 'result' in runs ? runs.result : shapeRuns(runs);
}

/**
 * Loads a scenario file as loadScenarioFile does, importing first the validators and
 * normalisers of only the sections the document and its runs have (what a command does:
 * issue 16).
 */
export async function loadScenarioFileLazily(file: string): Promise<LoadResult> {
  const read = readScenarioText(file);
  if ('issue' in read) return { ok: false, issues: [read.issue], warnings: [] };
  const doc = parseDocument(read.text, file);
  if ('result' in doc) return doc.result;
  await loadValidators([doc.value]);
  const runs = checkAndExpand(doc.source, doc.value);
  if ('result' in runs) return runs.result;
  // A variant or sweep point may set a section the base does not have.
  await Promise.all([loadValidators(runs.raws), loadSections(runs.raws)]);
  return shapeRuns(runs);
}

// A document parsed, schema-checked and expanded: the raw base and every run, before shaping.
interface Runs {
  source: Source;
  base: Record<string, unknown>;
  expansions: Expansion[];
  /** The raw base, then every other run's raw (the expansion named base is the base itself). */
  raws: Record<string, unknown>[];
  problems: Issue[];
}

// Step 2: the document's mapping, or the result when it has issues already.
function parseDocument(
  text: string,
  file: string,
): { source: Source; value: Record<string, unknown> } | { result: LoadResult } {
  const { source, issues } = parseSource(text, file);
  if (issues.length > 0) return { result: fail(issues) };
  const value = source.value;
  if (value === null && text.trim().replace(/^#.*$/gm, '').trim() === '')
    return { result: fail([issueAt(source, 'not-a-mapping', [], MSG.emptyFile())]) };
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return { result: fail([issueAt(source, 'not-a-mapping', [], MSG.notAMapping(value))]) };
  return { source, value: value as Record<string, unknown> };
}

// Steps 3–4: the raw runs, or the result when the document has issues.
function checkAndExpand(source: Source, value: Record<string, unknown>): Runs | { result: LoadResult } {
  const schemaIssues = checkSchema(value, source);
  if (schemaIssues.length > 0) return { result: fail(schemaIssues) };
  const { expansions, problems } = expand(value);
  const { variants: _variants, sweep: _sweep, ...base } = value;
  return {
    source,
    base,
    expansions,
    raws: [base, ...expansions.filter((e) => e.name !== 'base').map((e) => e.raw)],
    problems: problems.map((p) => issueAt(source, p.code, p.origin, p.message, { key: true })),
  };
}

// Step 5: every run shaped into a Scenario, or every issue.
function shapeRuns({ source, base: baseRaw, expansions, raws, problems }: Runs): LoadResult {
  const all: Issue[] = [...problems];
  // What every run could bill, worked out once: each run's prices are judged by all of them.
  const use = priceUse(raws);
  // The base is checked first: its issues would otherwise repeat in every variant.
  const base = normalise(baseRaw, source, 'base', use);
  if (base.scenario === null) return fail(dedupe([...all, ...base.issues]));
  const warnings = [...base.warnings];
  const inBase = new Set(base.warnings.map(warningKey));
  const scenarios: Scenario[] = [];
  for (const e of expansions) {
    const run = e.name === 'base' ? { scenario: base.scenario, warnings: [] } : loadExpansion(e, source, use);
    if ('scenario' in run) {
      scenarios.push(run.scenario);
      for (const w of run.warnings)
        if (!inBase.has(warningKey(w))) warnings.push({ ...w, message: MSG.inVariant(e.name, w.message) });
    } else all.push(...run.issues);
  }
  if (all.length > 0) return fail(dedupe(all), warnings);
  return { ok: true, scenarios, issues: [], warnings: sortIssues(dedupe(warnings)) };
}

const warningKey = (w: Issue) => `${w.code}:${w.line}:${w.column}:${w.path}:${w.message}`;

function loadExpansion(
  e: Expansion,
  source: Source,
  use: PriceUse,
): { scenario: Scenario; warnings: Issue[] } | { issues: Issue[] } {
  const located = relocating(source, e);
  const schemaIssues = checkSchema(e.raw, located);
  const { scenario, issues, warnings } =
    schemaIssues.length > 0
      ? { scenario: null, issues: schemaIssues, warnings: [] }
      : normalise(e.raw, located, e.name, use);
  if (scenario !== null) return { scenario, warnings };
  return { issues: issues.map((i) => ({ ...i, message: MSG.inVariant(e.name, i.message) })) };
}

// Issues inside an overridden value point at the override that wrote it.
function relocating(source: Source, e: Expansion): Source {
  return {
    ...source,
    locate(path: readonly PathSegment[], key?: boolean) {
      for (const o of [...e.overrides].reverse())
        if (o.path.length <= path.length && o.path.every((s, i) => s === path[i]))
          return source.locate(o.origin, false);
      return source.locate(path, key);
    },
  };
}

function fail(issues: Issue[], warnings: Issue[] = []): LoadResult {
  return { ok: false, issues: sortIssues(issues), warnings: sortIssues(dedupe(warnings)) };
}

// The same problem reached through several variants is reported per variant (messages differ);
// identical lines are reported once.
function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.line}:${i.column}:${i.path}:${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
