// Replication RPO over time: per replicated group, the worst VM's peak RPO during each
// day (dr.replication[].daily), with the RPO objectives that cover the group as dashed
// rule lines: how close replication ran to the objective, and on which days it crossed.

import type { ObjectiveResult, RunResult } from '../../models/results/types.js';
import {
  afterDays,
  asSpec,
  type Chart,
  CONFIG,
  durationUnit,
  frame,
  HEIGHT,
  maxOf,
  OBJECTIVE_COLOUR,
  objectiveLines,
  perRun,
  type Row,
  WIDTH,
} from './common.js';

/** The replication-RPO chart, or null when no run replicated. */
export function replicationChart(results: readonly RunResult[]): Chart | null {
  const raw: { run: string; kind: string; seconds: number; rest: Row }[] = [];
  for (const r of results) {
    const groups = r.dr?.replication ?? [];
    for (const g of groups)
      g.daily.day.forEach((day, i) => {
        raw.push({
          run: r.variant,
          kind: 'series',
          seconds: g.daily.maxRpoSeconds[i],
          rest: { group: g.group, date: afterDays(r.start, day), day },
        });
      });
    for (const line of objectiveLines(strictestPerGroup(r), 'rpo'))
      raw.push({
        run: r.variant,
        kind: 'objective',
        seconds: line.targetSeconds,
        rest: { scope: line.scopes.join(', ') },
      });
  }
  if (!raw.some((x) => x.kind === 'series')) return null;
  const { unit, scale } = durationUnit(maxOf(raw.map((x) => x.seconds)));
  const values: Row[] = raw.map((x) => ({ run: x.run, kind: x.kind, rpo: scale(x.seconds), ...x.rest }));
  const inner = {
    width: WIDTH,
    height: HEIGHT,
    layer: [
      {
        transform: [{ filter: "datum.kind === 'series'" }],
        mark: { type: 'line', interpolate: 'step-before', point: false },
        encoding: {
          x: { field: 'date', type: 'temporal', scale: { type: 'utc' }, title: 'end of day' },
          y: { field: 'rpo', type: 'quantitative', title: `worst peak RPO of the day (${unit})` },
          color: { field: 'group', type: 'nominal', legend: { title: 'group' } },
          tooltip: [
            { field: 'run', type: 'nominal' },
            { field: 'group', type: 'nominal' },
            { field: 'day', type: 'quantitative' },
            { field: 'rpo', type: 'quantitative', title: unit, format: ',.2f' },
          ],
        },
      },
      {
        transform: [{ filter: "datum.kind === 'objective'" }],
        mark: { type: 'rule', color: OBJECTIVE_COLOUR, strokeDash: [6, 4], strokeWidth: 2 },
        encoding: {
          y: { field: 'rpo', type: 'quantitative' },
          tooltip: [
            { field: 'scope', type: 'nominal', title: 'RPO objective' },
            { field: 'rpo', type: 'quantitative', title: unit, format: ',.2f' },
          ],
        },
      },
    ],
  };
  return {
    name: 'replication',
    title: 'Replication RPO over time',
    spec: asSpec({
      ...frame(
        'Replication RPO over time',
        "Per replicated group, the worst VM's peak RPO during each day, and the RPO objectives (dashed).",
        values,
      ),
      ...perRun(results, inner),
      config: CONFIG,
    }),
  };
}

// Per replicated group, the strictest RPO objective covering it: 'all', the group, or an
// app one of its VMs belongs to (as the incidents name them). A looser objective would
// only flatten the lines; `tag:` scopes cannot be told from the results and are left out.
function strictestPerGroup(r: RunResult): ObjectiveResult[] {
  const apps = new Map<string, Set<string>>();
  for (const inc of r.dr?.incidents ?? [])
    for (const v of inc.vms) {
      const set = apps.get(v.group) ?? new Set<string>();
      set.add(v.app);
      apps.set(v.group, set);
    }
  const out: ObjectiveResult[] = [];
  for (const g of r.dr?.replication ?? []) {
    const covers = (scope: string) =>
      scope === 'all' ||
      scope === `group:${g.group}` ||
      (scope.startsWith('app:') && (apps.get(g.group)?.has(scope.slice(4)) ?? false));
    let best: ObjectiveResult | null = null;
    for (const o of r.objectives)
      if (o.metric === 'rpo' && covers(o.scope) && (best === null || o.targetSeconds < best.targetSeconds))
        best = o;
    if (best !== null && !out.includes(best)) out.push(best);
  }
  return out;
}
