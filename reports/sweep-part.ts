// Sweep parts: the raw figures of some replications of a sweep, as a file another machine
// can merge. A sweep of N replications split into n shards gives shard i (1-based) the
// contiguous replications [⌊(i−1)·N/n⌋, ⌊i·N/n⌋). A part names the scenario it came from
// (name, hash of the normalised scenario, seed, N) so parts of different sweeps are never
// mixed, and holds every figure value as JSON, which carries a double exactly: merged
// parts give the numbers one machine would have had, in the same replication order.
//
//   replications ─▶ buildPart ─▶ part JSON ─▶ parsePart ─▶ mergeParts ─▶ SweepTable ─▶ aggregate

import type { Figure, FigureUnit } from './figures.js';
import { compareFigureNames } from './figures.js';

/** One replication's figures, per run (base, then variants in the file's order). */
export interface Replication {
  /** 0-based replication index r. */
  index: number;
  /** The seed it ran with: deriveSeed(scenario seed, 'replication', r). */
  seed: number;
  runs: { variant: string; figures: Figure[] }[];
}

/** What a sweep ran: every part of one sweep must agree on all of it. */
export interface SweepIdentity {
  /** The scenario file as typed (not compared across parts: machines may mount it elsewhere). */
  file: string;
  name: string;
  /** SHA-256 of the normalised scenarios (hex). */
  hash: string;
  seed: number;
}

/** One run's figures over a range of replications: values[k][j] is figure j of replication from + k. */
export interface PartRun {
  variant: string;
  currency: string;
  figures: { name: string; unit: FigureUnit }[];
  values: (number | null)[][];
}

/** The sweep-part file. */
export interface SweepPart {
  kind: 'vaultsim-sweep-part';
  partVersion: 1;
  tool: { name: 'vaultsim'; version: string };
  scenario: SweepIdentity;
  replications: number;
  shard: { index: number; count: number; from: number; to: number };
  runs: PartRun[];
}

/** Every replication of a sweep, by run: what the aggregate is computed from. */
export interface SweepTable {
  tool: { name: 'vaultsim'; version: string };
  scenario: SweepIdentity;
  replications: number;
  runs: PartRun[];
}

/** The replications [from, to) of shard `index` of `count` (1-based, contiguous). */
export function shardRange(index: number, count: number, replications: number): { from: number; to: number } {
  return {
    from: Math.floor(((index - 1) * replications) / count),
    to: Math.floor((index * replications) / count),
  };
}

/** Builds a part from its shard's replications (in index order, exactly the shard's range). */
export function buildPart(
  replications: readonly Replication[],
  meta: {
    version: string;
    scenario: SweepIdentity;
    variants: readonly string[];
    currencies: readonly string[];
    total: number;
    shard: { index: number; count: number };
  },
): SweepPart {
  const range = shardRange(meta.shard.index, meta.shard.count, meta.total);
  replications.forEach((r, k) => {
    if (r.index !== range.from + k) throw new Error(`replication ${r.index} out of order in its part`);
  });
  const runs = meta.variants.map((variant, i) => {
    const perRep = replications.map((r) => r.runs[i].figures);
    return tabulate(variant, meta.currencies[i], perRep);
  });
  return {
    kind: 'vaultsim-sweep-part',
    partVersion: 1,
    tool: { name: 'vaultsim', version: meta.version },
    scenario: meta.scenario,
    replications: meta.total,
    shard: { index: meta.shard.index, count: meta.shard.count, ...range },
    runs,
  };
}

// The union of the figure names (in figure order) and one row of values per replication.
function tabulate(variant: string, currency: string, perRep: Figure[][]): PartRun {
  const units = new Map<string, FigureUnit>();
  for (const figs of perRep) for (const f of figs) if (!units.has(f.name)) units.set(f.name, f.unit);
  const names = [...units.keys()].sort(compareFigureNames);
  const column = new Map(names.map((n, j) => [n, j]));
  const values = perRep.map((figs) => {
    const row: (number | null)[] = names.map(() => null);
    for (const f of figs) row[column.get(f.name)!] = f.value;
    return row;
  });
  return { variant, currency, figures: names.map((name) => ({ name, unit: units.get(name)! })), values };
}

/** A part file read back: the part, or why it is not one. */
export type ParsedPart = { ok: true; part: SweepPart } | { ok: false; problem: string };

/** Reads a part file's text; `label` (its path) names it in problems. */
export function parsePart(text: string, label: string): ParsedPart {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `${label} is not JSON (${(error as Error).message}).` };
  }
  const p = value as Partial<SweepPart> | null;
  if (p === null || typeof p !== 'object' || p.kind !== 'vaultsim-sweep-part')
    return {
      ok: false,
      problem: `${label} is not a vaultsim sweep part (no "kind": "vaultsim-sweep-part").`,
    };
  if (p.partVersion !== 1)
    return {
      ok: false,
      problem: `${label} is a sweep part of version ${p.partVersion}; this vaultsim reads 1.`,
    };
  const broken = shapeProblem(p);
  if (broken !== null) return { ok: false, problem: `${label} is a damaged sweep part: ${broken}.` };
  return { ok: true, part: p as SweepPart };
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);

function shapeProblem(p: Partial<SweepPart>): string | null {
  const s = p.scenario;
  if (typeof p.tool?.version !== 'string') return 'no tool version';
  if (
    typeof s?.name !== 'string' ||
    typeof s.hash !== 'string' ||
    !isInt(s.seed) ||
    typeof s.file !== 'string'
  )
    return 'no scenario identity';
  if (!isInt(p.replications) || p.replications < 1) return 'no replication count';
  const sh = p.shard;
  if (!isInt(sh?.index) || !isInt(sh.count) || sh.index < 1 || sh.index > sh.count) return 'no valid shard';
  const range = shardRange(sh.index, sh.count, p.replications);
  if (sh.from !== range.from || sh.to !== range.to)
    return `shard ${sh.index}/${sh.count} of ${p.replications} should hold replications ${range.from}–${range.to - 1}`;
  if (!Array.isArray(p.runs) || p.runs.length === 0) return 'no runs';
  for (const run of p.runs) {
    if (typeof run?.variant !== 'string' || !Array.isArray(run.figures) || !Array.isArray(run.values))
      return 'a run without variant, figures or values';
    if (run.values.length !== range.to - range.from)
      return `run ${run.variant} has ${run.values.length} replications, not ${range.to - range.from}`;
    for (const row of run.values)
      if (
        !Array.isArray(row) ||
        row.length !== run.figures.length ||
        row.some((v) => v !== null && !Number.isFinite(v))
      )
        return `run ${run.variant} has a replication whose values do not match its figures`;
  }
  return null;
}

/** Merged parts, or every reason they cannot be merged. */
export type Merged = { ok: true; table: SweepTable } | { ok: false; problems: string[] };

/**
 * Merges the parts of one sweep (any order) into its table: refuses parts of different
 * sweeps (tool version, scenario name, hash, seed, replications, shard count, runs) and
 * missing or repeated shards. Labels (file paths) name the parts in the problems.
 */
export function mergeParts(parts: readonly { label: string; part: SweepPart }[]): Merged {
  if (parts.length === 0) return { ok: false, problems: ['no sweep parts given.'] };
  const problems = identityProblems(parts);
  if (problems.length > 0) return { ok: false, problems };
  const count = parts[0].part.shard.count;
  const byIndex = new Map<number, string[]>();
  for (const { label, part } of parts)
    byIndex.set(part.shard.index, [...(byIndex.get(part.shard.index) ?? []), label]);
  for (const [index, labels] of [...byIndex].sort((a, b) => a[0] - b[0]))
    if (labels.length > 1)
      problems.push(`shard ${index}/${count} is given ${labels.length} times: ${labels.join(', ')}.`);
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const shown = missing.slice(0, 20).map((i) => `${i}/${count}`);
    const more = missing.length > 20 ? ` and ${missing.length - 20} more` : '';
    problems.push(
      `missing shard${missing.length === 1 ? '' : 's'} ${shown.join(', ')}${more}: every shard's part is needed for the aggregate.`,
    );
  }
  if (problems.length > 0) return { ok: false, problems };
  const ordered = [...parts].sort((a, b) => a.part.shard.index - b.part.shard.index).map((p) => p.part);
  const first = ordered[0];
  return {
    ok: true,
    table: {
      tool: first.tool,
      scenario: first.scenario,
      replications: first.replications,
      runs: first.runs.map((_, i) => concatRuns(ordered.map((p) => p.runs[i]))),
    },
  };
}

function identityProblems(parts: readonly { label: string; part: SweepPart }[]): string[] {
  const [ref, ...rest] = parts;
  const facts = (p: SweepPart): [string, string][] => [
    ['vaultsim version', p.tool.version],
    ['scenario name', p.scenario.name],
    ['scenario hash', p.scenario.hash],
    ['seed', String(p.scenario.seed)],
    ['replications', String(p.replications)],
    ['shard count', String(p.shard.count)],
    ['runs', p.runs.map((r) => r.variant).join(', ')],
  ];
  const want = facts(ref.part);
  const problems: string[] = [];
  for (const { label, part } of rest) {
    const got = facts(part);
    const named = got
      .map(([k, v], i) => ({ k, v, w: want[i][1] }))
      .filter((d) => d.v !== d.w)
      .map((d) => `${d.k} "${d.v}" vs "${d.w}"`);
    if (named.length > 0)
      problems.push(`${label} is from a different sweep than ${ref.label}: ${named.join('; ')}.`);
  }
  return problems;
}

// One run's rows from consecutive shards, remapped onto the union of their figure names.
function concatRuns(runs: readonly PartRun[]): PartRun {
  const units = new Map<string, FigureUnit>();
  for (const run of runs) for (const f of run.figures) if (!units.has(f.name)) units.set(f.name, f.unit);
  const names = [...units.keys()].sort(compareFigureNames);
  const column = new Map(names.map((n, j) => [n, j]));
  const values: (number | null)[][] = [];
  for (const run of runs) {
    const to = run.figures.map((f) => column.get(f.name)!);
    for (const row of run.values) {
      const out: (number | null)[] = names.map(() => null);
      row.forEach((v, j) => {
        out[to[j]] = v;
      });
      values.push(out);
    }
  }
  return {
    variant: runs[0].variant,
    currency: runs[0].currency,
    figures: names.map((name) => ({ name, unit: units.get(name)! })),
    values,
  };
}
