// How long restores took, per option: every completed restore job as a dot (x: option and who
// asked, y: request to done), with a tick at each option's median, and the restore-drill
// objective as a dashed rule line when the scenario sets one. Rejected and unfinished restores
// have no duration to draw; the table and restores.csv list them.

import type { RunResult } from '../../models/results/types.js';
import {
  asSpec,
  type Chart,
  CONFIG,
  durationUnit,
  frame,
  maxOf,
  OBJECTIVE_COLOUR,
  perRun,
  type Row,
} from './common.js';

/** The restore-duration chart, or null when no run completed a restore. */
export function restoresChart(results: readonly RunResult[]): Chart | null {
  const raw: { run: string; kind: string; seconds: number; rest: Row }[] = [];
  for (const r of results) {
    for (const j of r.restores?.jobs ?? [])
      if (j.durationSeconds !== null)
        raw.push({
          run: r.variant,
          kind: 'job',
          seconds: j.durationSeconds,
          rest: {
            option: `${j.option} (${j.origin})`,
            vm: j.vm,
            label: j.label,
            source: j.point?.source ?? '',
          },
        });
    for (const o of r.objectives)
      if (o.metric === 'restore-test')
        raw.push({
          run: r.variant,
          kind: 'objective',
          seconds: o.targetSeconds,
          rest: {
            option: '',
            vm: '',
            label: `restore drills within the objective (${o.status})`,
            source: '',
          },
        });
  }
  if (!raw.some((x) => x.kind === 'job')) return null;
  const { unit, scale } = durationUnit(maxOf(raw.map((x) => x.seconds)));
  const values: Row[] = raw.map((x) => ({ run: x.run, kind: x.kind, value: scale(x.seconds), ...x.rest }));
  const y = { field: 'value', type: 'quantitative', title: `request to done (${unit})` };
  const x = {
    field: 'option',
    type: 'nominal',
    title: 'option (who asked)',
    sort: 'ascending',
    axis: { labelAngle: 0 },
  };
  const layers = [
    {
      transform: [{ filter: "datum.kind === 'job'" }],
      mark: { type: 'point', filled: true, size: 40, opacity: 0.6 },
      encoding: {
        x,
        y,
        color: { field: 'source', type: 'nominal', legend: { title: 'point read from' } },
        tooltip: [
          { field: 'vm', type: 'nominal' },
          { field: 'label', type: 'nominal' },
          { field: 'source', type: 'nominal' },
          { field: 'value', type: 'quantitative', title: unit, format: ',.2f' },
        ],
      },
    },
    {
      transform: [{ filter: "datum.kind === 'job'" }],
      mark: { type: 'tick', color: '#333333', thickness: 2 },
      encoding: { x, y: { aggregate: 'median', field: 'value', type: 'quantitative' } },
    },
    {
      transform: [{ filter: "datum.kind === 'objective'" }],
      mark: { type: 'rule', color: OBJECTIVE_COLOUR, strokeDash: [6, 4], strokeWidth: 2 },
      encoding: {
        y: { field: 'value', type: 'quantitative' },
        tooltip: [{ field: 'label', type: 'nominal' }],
      },
    },
  ];
  return {
    name: 'restores',
    title: 'Restore durations per option',
    spec: asSpec({
      ...frame(
        'Restore durations per option',
        'Every completed restore job (dots) from request to done, per option and who asked, with each option’s median (tick) and the restore-drill objective (dashed line).',
        values,
      ),
      ...perRun(results, { width: 480, height: 220, layer: layers }),
      config: CONFIG,
    }),
  };
}
