// Bench baselines that CI can gate on without false alarms: only the deterministic figures
// (events processed, fingerprints, output hashes, identical-output flags) are compared; wall
// times and rates are printed, never judged (shared runners are noisy).

import type { BenchResult } from './measure.js';

/** A stored baseline: per suite, per deterministic figure, its value. */
export type Baseline = Record<string, Record<string, number>>;

/** Whether a figure is deterministic (same code, scenario and seed give the same value). */
export function isDeterministic(r: BenchResult): boolean {
  return (
    r.unit === 'events' ||
    r.unit === 'fingerprint' ||
    r.unit === 'bool' ||
    r.unit === 'VMs' ||
    r.unit === 'days'
  );
}

/** The deterministic figures of one suite's results, by name. */
export function deterministicFigures(results: readonly BenchResult[]): Record<string, number> {
  return Object.fromEntries(results.filter(isDeterministic).map((r) => [r.name, r.value]));
}

/** Differences between a suite's figures and its baseline, one line each (empty: none). */
export function compareToBaseline(
  suite: string,
  figures: Record<string, number>,
  baseline: Baseline,
): string[] {
  const want = baseline[suite];
  if (want === undefined) return [`${suite}: no baseline for this suite (record one with --write-baseline)`];
  const names = [...new Set([...Object.keys(want), ...Object.keys(figures)])].sort();
  const out: string[] = [];
  for (const name of names) {
    if (!(name in figures)) out.push(`${suite}: ${name} is in the baseline but was not produced`);
    else if (!(name in want)) out.push(`${suite}: ${name} = ${figures[name]} is new (not in the baseline)`);
    else if (figures[name] !== want[name])
      out.push(`${suite}: ${name} = ${figures[name]}, baseline ${want[name]}`);
  }
  return out;
}
