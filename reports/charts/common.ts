// What every chart shares: the chart record, the vega-lite frame (schema, size, the
// per-run facet), fixed colour scales, and unit choices. Charts are plain JSON built by
// pure functions: keys are written in a fixed order, numbers rounded, and instants come
// from the results (never the wall clock), so one RunResult[] gives one byte-identical spec.

import type { TopLevelSpec } from 'vega-lite';
import type { ObjectiveResult } from '../../models/results/types.js';
import { round } from '../format.js';

/** One chart of a report: a file-safe name, a title, and its vega-lite spec with inline data. */
export interface Chart {
  /** File-safe and unique in a report: `<name>.svg`, `<name>.png`, the HTML anchor. */
  name: string;
  title: string;
  spec: TopLevelSpec;
}

/** The vega-lite JSON schema the specs are written against (vega-lite 6). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Plot width and height of one panel, in pixels. */
export const WIDTH = 640;
export const HEIGHT = 220;

const DAY_MS = 86_400_000;

/** A row of inline chart data. */
export type Row = Record<string, string | number | boolean | null>;

/** The instant `days` days after `start` (an ISO instant), as an ISO instant. */
export function afterDays(start: string, days: number): string {
  return new Date(Date.parse(start) + days * DAY_MS).toISOString();
}

/** The UTC calendar date (YYYY-MM-DD) of an ISO instant. */
export function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

/** A unit for a quantity of bytes whose largest value is `max`: GiB up to 1 TiB, TiB beyond. */
export function byteUnit(max: number): { unit: string; scale: (bytes: number) => number } {
  const tib = 1024 ** 4;
  const gib = 1024 ** 3;
  return max >= tib
    ? { unit: 'TiB', scale: (b) => round(b / tib, 4) }
    : { unit: 'GiB', scale: (b) => round(b / gib, 3) };
}

/** A unit for durations whose largest value is `max` seconds: minutes up to 3 h, hours beyond. */
export function durationUnit(max: number): { unit: string; scale: (seconds: number) => number } {
  return max > 3 * 3600
    ? { unit: 'hours', scale: (s) => round(s / 3600, 3) }
    : { unit: 'minutes', scale: (s) => round(s / 60, 2) };
}

/** Colours of the storage tiers (snapshot, vault-standard, vault-archive, soft-deleted). */
export const TIER_COLOURS: Readonly<Record<string, string>> = {
  snapshot: '#f58518',
  'vault-standard': '#4c78a8',
  'vault-archive': '#72b7b2',
  'soft-deleted': '#bab0ac',
};

/** Colours of the GFS retention tiers, as the calendar and point tables name them. */
export const GFS_COLOURS: Readonly<Record<string, string>> = {
  daily: '#9ecae9',
  weekly: '#4c78a8',
  monthly: '#54a24b',
  yearly: '#e45756',
  'on-demand': '#b279a2',
  'not kept': '#eeeeee',
};

/** The colour objective rule lines are drawn in. */
export const OBJECTIVE_COLOUR = '#d62728';

/** A colour scale over `names`, taking each name's colour from `colours`. */
export function namedColours(names: readonly string[], colours: Readonly<Record<string, string>>) {
  return { domain: [...names], range: names.map((n) => colours[n] ?? '#888888') };
}

/** Run labels in report order (base first): the variant names. */
export function runNames(results: readonly { variant: string }[]): string[] {
  return results.map((r) => r.variant);
}

/** The frame every chart starts with: schema, title, description and inline data. */
export function frame(title: string, description: string, values: Row[]) {
  return {
    $schema: VEGA_LITE_SCHEMA,
    title,
    description,
    data: { values },
  };
}

/** The standard look: a fixed font and no background surprises between Node and the browser. */
export const CONFIG = {
  background: 'white',
  font: 'DejaVu Sans, Liberation Sans, Arial, sans-serif',
  view: { stroke: '#dddddd' },
  axis: { labelFontSize: 10, titleFontSize: 11 },
  legend: { labelFontSize: 10, titleFontSize: 11, labelLimit: 260, titleLimit: 260 },
  title: { anchor: 'start', fontSize: 14 },
};

/** How a facet row names its run (or calendar block): bold, level, left of the panel. */
export const ROW_HEADER = { title: null, labelAngle: 0, labelAlign: 'left', labelFontWeight: 'bold' };

/**
 * `inner` (a unit or layer spec without data) as a chart: alone for one run, else one row per
 * run (the `run` field of every data row), variants in report order under the base.
 */
export function perRun(
  results: readonly { variant: string }[],
  inner: Record<string, unknown>,
  resolve?: Record<string, unknown>,
): Record<string, unknown> {
  if (results.length <= 1) return { ...inner, ...(resolve === undefined ? {} : { resolve }) };
  return {
    facet: {
      row: {
        field: 'run',
        type: 'nominal',
        sort: runNames(results),
        header: ROW_HEADER,
      },
    },
    spec: inner,
    ...(resolve === undefined ? {} : { resolve }),
  };
}

/** The largest of `values`, or 0 when empty (a loop: a spread of a long series could overflow the stack). */
export function maxOf(values: Iterable<number>): number {
  let max = 0;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** One objective line of a chart: a target and every scope that has it (one line, one label). */
export interface ObjectiveLine {
  targetSeconds: number;
  scopes: string[];
  /** Scopes whose objective was missed. */
  missed: string[];
}

/** Objectives of one metric merged by target, in the order they first appear, so equal targets draw one line. */
export function objectiveLines(
  objectives: readonly ObjectiveResult[],
  metric: 'rpo' | 'rto',
): ObjectiveLine[] {
  const lines: ObjectiveLine[] = [];
  for (const o of objectives) {
    if (o.metric !== metric) continue;
    let line = lines.find((l) => l.targetSeconds === o.targetSeconds);
    if (line === undefined) {
      line = { targetSeconds: o.targetSeconds, scopes: [], missed: [] };
      lines.push(line);
    }
    line.scopes.push(o.scope);
    if (!o.pass) line.missed.push(o.scope);
  }
  return lines;
}

/** Sorts strings by code unit (never by locale), so orders are the same on every machine. */
export function byCodeUnit(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A spec built here as plain JSON, typed for vega-lite's API; its shape is checked against vega-lite's schema in test/reports/charts. */
export function asSpec(spec: Record<string, unknown>): TopLevelSpec {
  return spec as unknown as TopLevelSpec;
}

/** A colour channel: `field` as a nominal series, each name in its fixed colour, with a legend title. */
export function colourBy(
  field: string,
  names: readonly string[],
  colours: Readonly<Record<string, string>>,
  title: string,
): Record<string, unknown> {
  return { field, type: 'nominal', scale: namedColours(names, colours), legend: { title } };
}
