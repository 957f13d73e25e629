// The alert timeline: a Gantt bar per firing from firedAt to resolvedAt (to the end of the
// run while still open), one lane per rule and instance, coloured by severity, with a
// marker at each firing so a short one is still seen on a year-long axis.
//
// Every instant is shown in UTC, whatever the machine's time zone: the axis by its utc scale,
// the tooltips and the marks' accessible descriptions by text written here (vega-lite would
// format the bar's end, x2, with the local time zone), so an SVG has the same bytes everywhere.

import type { AlertFiring, RunResult } from '../../models/results/types.js';
import { asSpec, type Chart, CONFIG, frame, perRun, type Row, WIDTH } from './common.js';

const SEVERITIES = {
  domain: ['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4'],
  range: ['#9e0142', '#d53e4f', '#f46d43', '#fdae61', '#abdda4'],
};

/** The lane of a firing: its rule and, when it has dimensions, its instance. */
export function laneOf(f: AlertFiring): string {
  const dims = Object.entries(f.instance).map(([k, v]) => `${k}=${v}`);
  return dims.length === 0 ? f.rule : `${f.rule} [${dims.join(', ')}]`;
}

/** The alert Gantt chart, or null when no alert fired in any run. */
export function alertsChart(results: readonly RunResult[]): Chart | null {
  const values: Row[] = [];
  const lanes: string[] = [];
  for (const r of results)
    for (const f of r.alerts?.timeline ?? []) {
      const lane = laneOf(f);
      if (!lanes.includes(lane)) lanes.push(lane);
      const resolvedAt = f.resolvedAt ?? r.end;
      const state = f.resolvedAt === null ? 'open at the end of the run' : 'resolved';
      values.push({
        run: r.variant,
        lane,
        rule: f.rule,
        severity: `Sev${f.severity}`,
        firedAt: f.firedAt,
        resolvedAt,
        // Text fields: vega-lite parses firedAt and resolvedAt into dates for the x channel.
        fired: utcText(f.firedAt),
        resolved: f.resolvedAt === null ? '—' : utcText(f.resolvedAt),
        state,
        description: `${lane}, Sev${f.severity}, ${r.variant}: fired ${utcText(f.firedAt)}, ${
          f.resolvedAt === null ? `${state} (${utcText(resolvedAt)})` : `resolved ${utcText(f.resolvedAt)}`
        }`,
      });
    }
  if (values.length === 0) return null;
  const x = { field: 'firedAt', type: 'temporal', scale: { type: 'utc' }, title: 'time' };
  const y = { field: 'lane', type: 'nominal', sort: lanes, title: null };
  const tooltip = [
    { field: 'run', type: 'nominal' },
    { field: 'lane', type: 'nominal', title: 'rule' },
    { field: 'severity', type: 'nominal' },
    { field: 'fired', type: 'nominal', title: 'fired (UTC)' },
    { field: 'resolved', type: 'nominal', title: 'resolved (UTC)' },
    { field: 'state', type: 'nominal' },
  ];
  const color = { field: 'severity', type: 'nominal', scale: SEVERITIES, legend: { title: 'severity' } };
  const description = { field: 'description', type: 'nominal' };
  const inner = {
    width: WIDTH,
    height: { step: 18 },
    layer: [
      {
        mark: { type: 'bar', height: 10 },
        encoding: { x, x2: { field: 'resolvedAt' }, y, color, tooltip, description },
      },
      { mark: { type: 'tick', thickness: 2, size: 14 }, encoding: { x, y, color, tooltip, description } },
    ],
  };
  return {
    name: 'alerts',
    title: 'Alert timeline',
    spec: asSpec({
      ...frame(
        'Alert timeline',
        'Each alert firing from when it fired to when it resolved, per rule and instance.',
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}

// An ISO instant as UTC text to the second: `2026-07-30 14:05:09 UTC`.
function utcText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
