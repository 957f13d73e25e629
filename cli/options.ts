// Option parsers for run, compare, sweep and merge; a rejection becomes commander's usage error (exit 2).

import { InvalidArgumentError } from 'commander';
import { COST_DIMENSIONS, type CostDimension, type CostSplit } from '../models/pricing/types.js';

/** `--shard i/n`: shard i (1-based) of n. */
export function parseShard(value: string): { index: number; count: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m === null ? Number.NaN : Number(m[1]);
  const count = m === null ? Number.NaN : Number(m[2]);
  if (!(index >= 1 && count >= 1 && index <= count && count <= 1_000_000))
    throw new InvalidArgumentError('--shard takes i/n with 1 ≤ i ≤ n, e.g. 3/16 (shards count from 1).');
  return { index, count };
}

/** `--min-pass-rate r`: a fraction from 0 to 1, or a percentage like 97.5%. */
export function parseRate(value: string): number {
  const text = value.trim();
  const percent = text.endsWith('%');
  const n = Number(percent ? text.slice(0, -1) : text);
  const rate = percent ? n / 100 : n;
  if (text === '' || text === '%' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw new InvalidArgumentError(
      '--min-pass-rate takes a fraction from 0 to 1 or a percentage, e.g. 0.95 or 95%.',
    );
  return rate;
}

/**
 * `--cost-by vault|policy|region|meter|item|tag:<key>`: a cost dimension, or a fleet tag key
 * written as in the scenario (docs/scenario-format.md, fleet `tags`: 1–64 letters, digits, `_`, `.`, `-`).
 */
export function parseCostBy(value: string): CostSplit {
  if ((COST_DIMENSIONS as readonly string[]).includes(value)) return value as CostDimension;
  if (/^tag:[A-Za-z0-9_.-]{1,64}$/.test(value)) return value as CostSplit;
  throw new InvalidArgumentError(
    `--cost-by takes one of ${COST_DIMENSIONS.join(', ')}, or tag:<key> with a fleet tag key (e.g. tag:env).`,
  );
}

/** `--format text|md`. */
export function parseFormat(value: string): 'text' | 'md' {
  if (value === 'text' || value === 'md') return value;
  throw new InvalidArgumentError('--format takes text or md.');
}

/** `--format text|md|html` of compare: html also writes report.html (variants on the same charts) into --out. */
export function parseCompareFormat(value: string): 'text' | 'md' | 'html' {
  if (value === 'text' || value === 'md' || value === 'html') return value;
  throw new InvalidArgumentError('--format takes text, md or html.');
}

/** `--max-work N|off`: the work budget in estimated events (cli/budget.ts), or off: no budget checks. */
export function parseMaxWork(value: string): number | 'off' {
  const text = value.trim().toLowerCase();
  if (text === 'off') return 'off';
  const n = Number(text);
  if (text === '' || !Number.isFinite(n) || n < 1)
    throw new InvalidArgumentError('--max-work takes a number of work units, e.g. 2e9, or off.');
  return n;
}

/** The report formats `vaultsim run --format` writes, each as files in --out (logs: the diagnostic tables, issue 19). */
export const REPORT_FORMATS = ['html', 'md', 'svg', 'png', 'logs'] as const;

/** One report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Parses `--format html,svg` (a comma list, the option repeatable) into formats in REPORT_FORMATS order. */
export function parseReportFormats(value: string, previous: ReportFormat[] = []): ReportFormat[] {
  const wanted = new Set<string>(previous);
  for (const part of value.split(',')) {
    const name = part.trim().toLowerCase();
    if (name === '') continue;
    if (!(REPORT_FORMATS as readonly string[]).includes(name))
      throw new InvalidArgumentError(
        `--format takes ${REPORT_FORMATS.join(', ')} (comma-separated), got "${part}".`,
      );
    wanted.add(name);
  }
  return REPORT_FORMATS.filter((f) => wanted.has(f));
}
