// RPO and RTO per VM against the objectives: every VM recovery of every incident as a
// dot (worst first), one panel per metric, and each objective's target as a dashed rule
// line, so a miss is a dot above the line. Unrecovered VMs have no figure to draw; the
// Markdown and HTML tables list them.

import type { RunResult } from '../../models/results/types.js';
import {
  asSpec,
  type Chart,
  CONFIG,
  durationUnit,
  frame,
  maxOf,
  OBJECTIVE_COLOUR,
  type ObjectiveLine,
  objectiveLines,
  ROW_HEADER,
  type Row,
  runNames,
} from './common.js';

const METRICS = ['RPO', 'RTO'] as const;
// Above this many VMs a panel drops the VM names from its axis: they would overlap.
const MAX_LABELLED_VMS = 60;

/** The RPO/RTO-per-VM chart, or null when no run recovered or lost a VM. */
export function recoveryChart(results: readonly RunResult[]): Chart | null {
  const raw: { run: string; kind: string; metric: string; seconds: number; rest: Row }[] = [];
  const vms = new Set<string>();
  for (const r of results) {
    for (const inc of r.dr?.incidents ?? [])
      for (const v of inc.vms) {
        vms.add(v.vm);
        const figures: [string, number | null][] = [
          ['RPO', v.rpoSeconds],
          ['RTO', v.rtoSeconds],
        ];
        for (const [metric, seconds] of figures)
          if (seconds !== null)
            raw.push({
              run: r.variant,
              kind: 'vm',
              metric,
              seconds,
              rest: { vm: v.vm, incident: `${inc.id} (${inc.kind})`, path: v.path, group: v.group },
            });
      }
    for (const metric of ['rpo', 'rto'] as const)
      for (const line of objectiveLines(r.objectives, metric))
        raw.push(objectiveRow(r.variant, metric, line));
  }
  if (!raw.some((x) => x.kind === 'vm')) return null;
  const { unit, scale } = durationUnit(maxOf(raw.map((x) => x.seconds)));
  const values: Row[] = raw.map((x) => ({
    run: x.run,
    kind: x.kind,
    metric: x.metric,
    value: scale(x.seconds),
    ...x.rest,
  }));
  const tooltip = (fields: string[]) => [
    { field: 'run', type: 'nominal' },
    ...fields.map((f) => ({ field: f, type: 'nominal' })),
    { field: 'value', type: 'quantitative', title: unit, format: ',.2f' },
  ];
  const layers = [
    {
      transform: [{ filter: "datum.kind === 'vm'" }],
      mark: { type: 'point', filled: true, size: 40 },
      encoding: {
        x: {
          field: 'vm',
          type: 'nominal',
          sort: { field: 'value', op: 'max', order: 'descending' },
          axis: { labels: vms.size <= MAX_LABELLED_VMS, ticks: vms.size <= MAX_LABELLED_VMS },
          title: 'VM (worst first)',
        },
        y: { field: 'value', type: 'quantitative', title: unit },
        color: { field: 'incident', type: 'nominal', legend: { title: 'incident' } },
        tooltip: tooltip(['vm', 'group', 'incident', 'path']),
      },
    },
    {
      transform: [{ filter: "datum.kind === 'objective'" }],
      mark: { type: 'rule', color: OBJECTIVE_COLOUR, strokeDash: [6, 4], strokeWidth: 2 },
      encoding: { y: { field: 'value', type: 'quantitative' }, tooltip: tooltip(['scope', 'verdict']) },
    },
    {
      transform: [{ filter: "datum.kind === 'objective'" }],
      mark: {
        type: 'text',
        align: 'left',
        baseline: 'bottom',
        dx: 2,
        dy: -2,
        limit: 300,
        color: OBJECTIVE_COLOUR,
      },
      encoding: { x: { value: 0 }, y: { field: 'value', type: 'quantitative' }, text: { field: 'label' } },
    },
  ];
  const row =
    results.length > 1
      ? { row: { field: 'run', type: 'nominal', sort: runNames(results), header: ROW_HEADER } }
      : {};
  return {
    name: 'recovery',
    title: 'RPO and RTO per VM against objectives',
    spec: asSpec({
      ...frame(
        'RPO and RTO per VM against objectives',
        'Achieved RPO and RTO of every VM recovery (dots, worst first) and the objective targets (dashed lines).',
        values,
      ),
      facet: { column: { field: 'metric', type: 'nominal', sort: [...METRICS], title: null }, ...row },
      spec: { width: 320, height: 220, layer: layers },
      resolve: { scale: { x: 'independent', y: 'independent' } },
      config: CONFIG,
    }),
  };
}

function objectiveRow(run: string, which: 'rpo' | 'rto', line: ObjectiveLine) {
  const metric = which.toUpperCase();
  const scopes = line.scopes.join(', ');
  return {
    run,
    kind: 'objective',
    metric,
    seconds: line.targetSeconds,
    rest: {
      scope: scopes,
      verdict: line.missed.length === 0 ? 'met' : `missed in ${line.missed.join(', ')}`,
      label: `${metric} objective (${scopes})`,
    },
  };
}
