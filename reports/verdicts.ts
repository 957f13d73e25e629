// Objectives as CI verdicts: one JUnit test case per objective per scope of every run, and
// the lines a failed run prints. Reads RunResult.objectives only; the models judge.

import type { ObjectiveResult, RunResult } from '../models/results/types.js';
import type { JunitSuite } from './junit.js';
import { objectiveLabel } from './objective-label.js';

/** One suite per run (base, variants), one case per objective and scope; a failure's message is its evidence. */
export function objectiveSuites(results: readonly RunResult[]): JunitSuite[] {
  return results.map((r) => ({
    name: `${r.scenario} [${r.variant}]`,
    cases: r.objectives.map((o) => ({
      name: caseName(o),
      classname: `vaultsim.${r.scenario}.${r.variant}`,
      // An objective with nothing to judge (no incident in its scope) is skipped, not passed:
      // a threshold must not pass silently on a missing figure.
      ...(o.status === 'skip'
        ? { skipped: o.evidence }
        : o.status === 'pass'
          ? {}
          : { failure: { message: o.evidence, body: failureBody(o) } }),
    })),
  }));
}

const caseName = (o: ObjectiveResult) => objectiveLabel(o.metric, o.scope, o.targetSeconds);

function failureBody(o: ObjectiveResult): string {
  const worst = o.worstSeconds === null ? 'unrecovered' : `${o.worstSeconds} s`;
  return [
    o.evidence,
    `target: ${o.targetSeconds} s`,
    `schedule: worst ${o.schedule.worstSeconds === null ? 'unbounded' : `${o.schedule.worstSeconds} s`}${o.schedule.worstVm === null ? '' : ` (${o.schedule.worstVm})`}; ${o.schedule.failed} of ${o.schedule.judged} VMs failed`,
    `incidents: worst ${worst}; ${o.failed} of ${o.judged} recoveries failed`,
    ...(o.failing.length > 0 ? [`failing: ${o.failing.join(', ')}`] : []),
  ].join('\n');
}

/** One line per objective not met, "<variant>: RPO ≤ 1h (all): <evidence>"; empty when all passed. */
export function failedObjectives(results: readonly RunResult[]): string[] {
  return results.flatMap((r) =>
    r.objectives.filter((o) => !o.pass).map((o) => `${r.variant}: ${caseName(o)}: ${o.evidence}`),
  );
}
