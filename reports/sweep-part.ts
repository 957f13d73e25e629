// Sweep parts: the figures of some replications of a sweep, as a file another machine
// can merge. A sweep of N replications split into n shards gives shard i (1-based) the
// contiguous replications [⌊(i−1)·N/n⌋, ⌊i·N/n⌋). A part names the scenario it came from
// (name, hash of the normalised scenario, seed, N) so parts of different sweeps are never
// mixed, and holds each figure's summary (reports/figure-summary.ts): exact sums, counts
// of every value, min, max. Summaries merge exactly, so merged parts give the numbers one
// machine would have had, and a sweep's memory does not grow with N (issue 21). The CLI
// seals a part with a SHA-256 over its content (`digest`, cli/part-digest.ts); `merge`
// recomputes it.
//
//   replications ─▶ PartBuilder ─▶ part JSON ─▶ parsePart ─▶ mergeParts ─▶ SweepTable ─▶ aggregate

import { FigureAccumulator, type FigureSummary } from './figure-summary.js';
import { compareFigureNames, type FigureUnit } from './figures.js';
import type { Replication } from './run-table.js';
import { partProblem } from './sweep-part-check.js';

export type { Replication } from './run-table.js';

/** What a sweep ran: every part of one sweep must agree on all of it. */
export interface SweepIdentity {
  /** The scenario's file name, without its folder (not compared across parts: machines may name it otherwise). */
  file: string;
  name: string;
  /** SHA-256 of the normalised scenarios (hex). */
  hash: string;
  seed: number;
}

/** One run's figures over a range of replications, each summarised. */
export interface PartRun {
  variant: string;
  currency: string;
  /** In figure order (compareFigureNames). */
  figures: FigureSummary[];
}

/** The sweep-part file's format version. */
export const PART_VERSION = 2;

/** The most shards a sweep may be split into (as `--shard` accepts). */
export const MAX_SHARDS = 1_000_000;

/** The sweep-part file. */
export interface SweepPart {
  kind: 'vaultsim-sweep-part';
  partVersion: typeof PART_VERSION;
  tool: { name: 'vaultsim'; version: string };
  scenario: SweepIdentity;
  replications: number;
  shard: { index: number; count: number; from: number; to: number };
  runs: PartRun[];
  /** SHA-256 (hex) over everything else in the part, set when the CLI writes it; '' before. */
  digest: string;
}

/** Every replication of a sweep, by run, summarised: what the aggregate is computed from. */
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

/** Summarises replications as they come, in index order from `from`: memory per figure, not per replication. */
export class PartBuilder {
  private readonly runs: Map<string, FigureAccumulator>[];
  private next: number;

  constructor(
    private readonly variants: readonly string[],
    private readonly currencies: readonly string[],
    from: number,
  ) {
    this.runs = variants.map(() => new Map());
    this.next = from;
  }

  /** Adds the next replication (its index must follow the last one's). */
  add(r: Replication): void {
    if (r.index !== this.next) throw new Error(`replication ${r.index} out of order in its part`);
    this.next++;
    this.runs.forEach((figures, i) => {
      for (const f of r.runs[i].figures) {
        const acc = figures.get(f.name) ?? new FigureAccumulator(f.name, f.unit);
        figures.set(f.name, acc);
        acc.add(r.index, f.value);
      }
    });
  }

  /** The runs' summaries so far. */
  partRuns(): PartRun[] {
    return this.variants.map((variant, i) => ({
      variant,
      currency: this.currencies[i],
      figures: summaries(this.runs[i]),
    }));
  }
}

// Summaries in figure order.
function summaries(figures: Map<string, FigureAccumulator>): FigureSummary[] {
  return [...figures.keys()].sort(compareFigureNames).map((name) => figures.get(name)!.summary());
}

/** Builds a part from its shard's replications (in index order, exactly the shard's range); its digest is ''. */
export function buildPart(
  replications: Iterable<Replication>,
  meta: {
    version: string;
    scenario: SweepIdentity;
    variants: readonly string[];
    currencies: readonly string[];
    total: number;
    shard: { index: number; count: number };
  },
  builder?: PartBuilder,
): SweepPart {
  const range = shardRange(meta.shard.index, meta.shard.count, meta.total);
  const b = builder ?? new PartBuilder(meta.variants, meta.currencies, range.from);
  for (const r of replications) b.add(r);
  return {
    kind: 'vaultsim-sweep-part',
    partVersion: PART_VERSION,
    tool: { name: 'vaultsim', version: meta.version },
    scenario: meta.scenario,
    replications: meta.total,
    shard: { index: meta.shard.index, count: meta.shard.count, ...range },
    runs: b.partRuns(),
    digest: '',
  };
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
  if (p.partVersion !== PART_VERSION)
    return {
      ok: false,
      problem: `${label} is a sweep part of version ${String(p.partVersion)}; this vaultsim reads ${PART_VERSION}.`,
    };
  const broken = partProblem(p, MAX_SHARDS, shardRange);
  if (broken !== null) return { ok: false, problem: `${label} is a damaged sweep part: ${broken}.` };
  return { ok: true, part: p as SweepPart };
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
  // The first 20 missing, found without a list of every shard (a count may be a million).
  const missingCount = count - byIndex.size;
  if (missingCount > 0) {
    const shown: string[] = [];
    for (let i = 1; i <= count && shown.length < 20; i++) if (!byIndex.has(i)) shown.push(`${i}/${count}`);
    const more = missingCount > 20 ? ` and ${missingCount - 20} more` : '';
    problems.push(
      `missing shard${missingCount === 1 ? '' : 's'} ${shown.join(', ')}${more}: every shard's part is needed for the aggregate.`,
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
      runs: first.runs.map((_, i) => mergeRuns(ordered.map((p) => p.runs[i]))),
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

// One run's summaries from every shard, merged per figure name.
function mergeRuns(runs: readonly PartRun[]): PartRun {
  const figures = new Map<string, FigureAccumulator>();
  for (const run of runs)
    for (const s of run.figures) {
      const acc = figures.get(s.name) ?? new FigureAccumulator(s.name, s.unit as FigureUnit);
      figures.set(s.name, acc);
      acc.merge(s);
    }
  return { variant: runs[0].variant, currency: runs[0].currency, figures: summaries(figures) };
}
