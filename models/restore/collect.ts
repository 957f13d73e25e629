// The restore jobs of a run as results (issue 18): every job in request order, their durations
// per option and origin, and the restore-drill objective ("restore drills within 4 h") judged on
// every drill restore: one not done in time, rejected, or still running at the end fails it.

import { duration } from '../dr/schedule.js';
import { summarise } from '../results/collect.js';
import type { RestoreJobResult, RestoreStats, RestoresResult } from '../results/restores.js';
import type { ObjectiveResult } from '../results/types.js';

const MAX_FAILING = 20;

/** The jobs and their durations per option and origin (options and origins sorted). */
export function restoresResult(jobs: readonly RestoreJobResult[]): RestoresResult {
  const keys = [...new Set(jobs.map((j) => `${j.option}\u0000${j.origin}`))].sort();
  const byOption: RestoreStats[] = keys.map((key) => {
    const [option, origin] = key.split('\u0000') as [string, RestoreStats['origin']];
    const list = jobs.filter((j) => j.option === option && j.origin === origin);
    const done = list.filter((j) => j.durationSeconds !== null).map((j) => j.durationSeconds!);
    return {
      option,
      origin,
      requested: list.length,
      completed: done.length,
      rejected: list.filter((j) => j.status === 'rejected').length,
      durationSeconds: summarise(Float64Array.from(done).sort()),
    };
  });
  return { jobs: [...jobs], byOption };
}

/** `objectives.restoreTest` judged on every drill restore; skipped when no drill ran. */
export function judgeRestoreTests(target: number, jobs: readonly RestoreJobResult[]): ObjectiveResult {
  const drills = jobs.filter((j) => j.origin === 'drill');
  const targetSeconds = target / 1000;
  const bad = drills.filter((j) => j.durationSeconds === null || j.durationSeconds > targetSeconds);
  let worst: RestoreJobResult | null = null;
  for (const j of drills)
    if (
      worst === null ||
      (worst.durationSeconds !== null &&
        (j.durationSeconds === null || j.durationSeconds > worst.durationSeconds))
    )
      worst = j;
  const fmt = (j: RestoreJobResult) =>
    j.durationSeconds === null
      ? j.status === 'rejected'
        ? `rejected (${j.note})`
        : 'not done in the run'
      : duration(j.durationSeconds * 1000);
  const evidence =
    drills.length === 0
      ? 'no restore drill ran'
      : bad.length === 0
        ? `${drills.length} drill restores, worst ${fmt(worst!)} within ${duration(target)} (${worst!.vm}, ${worst!.label})`
        : `${bad.length} of ${drills.length} drill restores broke ${duration(target)}; worst ${fmt(worst!)} (${worst!.vm}, ${worst!.label})`;
  return {
    scope: 'all',
    metric: 'restore-test',
    targetSeconds,
    worstSeconds: worst === null ? null : worst.durationSeconds,
    judged: drills.length,
    failed: bad.length,
    failedVms: new Set(bad.map((j) => j.vm)).size,
    pass: bad.length === 0,
    status: drills.length === 0 ? 'skip' : bad.length === 0 ? 'pass' : 'fail',
    failing: [...new Set(bad.map((j) => j.vm))].sort().slice(0, MAX_FAILING),
    evidence,
    schedule: {
      judged: 0,
      failed: 0,
      worstSeconds: null,
      worstVm: null,
      failing: [],
      evidence: 'restore drills are judged by the drills that ran',
    },
  };
}
