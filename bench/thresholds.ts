// Bench thresholds, after k6's: `--threshold 'fleet.cpu_per_vm_day<12'` names a figure a
// suite prints, a comparison and a number. A figure on the wrong side fails the bench run
// (cli/commands/bench.ts re-runs the suite once to confirm first); a threshold that names
// a figure no suite prints is an error, never a silent pass.

import type { BenchResult } from './measure.js';

/** The comparisons a threshold may use. */
export const THRESHOLD_OPERATORS = ['<=', '>=', '<', '>'] as const;

/** One comparison operator. */
export type ThresholdOperator = (typeof THRESHOLD_OPERATORS)[number];

/** A parsed threshold: `figure op limit`, and the text it was written as. */
export interface Threshold {
  text: string;
  figure: string;
  /** The suite the figure belongs to: the figure's first dot-separated part. */
  suite: string;
  op: ThresholdOperator;
  limit: number;
}

const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;

/** Parses `name<12`, `name <= 0.5`, `name>1e3`; a string saying what is wrong when it is not one. */
export function parseThreshold(text: string): Threshold | string {
  const m = /^\s*([^<>\s]+)\s*(<=|>=|<|>)\s*(\S+)\s*$/.exec(text);
  if (m === null || !NUMBER.test(m[3]))
    return `--threshold takes FIGURE<NUMBER (or <=, >, >=), like 'startup.validate_ratio<4'; got "${text}".`;
  const figure = m[1];
  const dot = figure.indexOf('.');
  if (dot <= 0 || dot === figure.length - 1)
    return `--threshold ${text}: name a suite's figure, like fleet.cpu_per_vm_day (suite.figure).`;
  return {
    text: text.trim(),
    figure,
    suite: figure.slice(0, dot),
    op: m[2] as ThresholdOperator,
    limit: Number(m[3]),
  };
}

/** Whether `value` meets the threshold (is on its allowed side). */
export function meets(t: Threshold, value: number): boolean {
  switch (t.op) {
    case '<':
      return value < t.limit;
    case '<=':
      return value <= t.limit;
    case '>':
      return value > t.limit;
    case '>=':
      return value >= t.limit;
  }
}

/** The value of a threshold's figure among a suite's printed figures, or null when it prints none. */
export function figureValue(t: Threshold, figures: readonly BenchResult[]): number | null {
  return figures.find((f) => f.name === t.figure)?.value ?? null;
}
