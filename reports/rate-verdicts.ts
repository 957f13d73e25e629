// The verdicts of `vaultsim compare`, `sweep` and `merge` as JUnit, as `run --junit` writes
// its own: one suite per run (base, variants), one test case per objective and scope. A case
// fails when the objective's pass rate over the replications is below the minimum (compare:
// any failing replication fails it), and is skipped when no replication had anything to judge.

import type { PassRate, SweepAggregate } from './aggregate.js';
import { objectiveLabel } from './aggregate.js';
import type { JunitSuite } from './junit.js';

/** What a verdict suite is built from: a run's variant and its objectives' pass rates. */
export interface RateRun {
  variant: string;
  objectives: readonly PassRate[];
}

/** JUnit suites of pass-rate verdicts; `command` names the suites (`compare`, `sweep`). */
export function passRateSuites(
  scenario: string,
  command: string,
  runs: readonly RateRun[],
  minPassRate: number,
): JunitSuite[] {
  return runs.map((run) => ({
    name: `${scenario} [${run.variant}] ${command}`,
    cases: run.objectives.map((o) => {
      const name = objectiveLabel(o.metric, o.scope, o.targetSeconds);
      const classname = `vaultsim.${scenario}.${run.variant}`;
      if (o.n === 0) return { name, classname, skipped: o.text };
      if (o.passed / o.n >= minPassRate) return { name, classname };
      const failed = o.n - o.passed;
      return {
        name,
        classname,
        failure: {
          message: `${o.text}: below the minimum pass rate ${percent(minPassRate)}`,
          body: `${failed} of ${o.n} replication${o.n === 1 ? '' : 's'} failed ${name}; ${o.passed} passed.`,
        },
      };
    }),
  }));
}

/** The JUnit suites of a sweep's (or merge's) verdict: one case per objective per run. */
export function aggregateSuites(result: SweepAggregate): JunitSuite[] {
  return passRateSuites(result.scenario.name, 'sweep', result.runs, result.verdict.minPassRate);
}

const percent = (x: number) => `${Math.round(x * 1000) / 10}%`;
