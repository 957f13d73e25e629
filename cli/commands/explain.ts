// `vaultsim explain cost FILE`: run one scenario (the base, or --variant NAME) and print the
// cost lines behind a figure, selected by --vault, --month, --item and --meter, each with its
// quantity, unit price, the price's source and the rule applied, then their total.
//
//   1. read      load and validate; bad input prints its issues and exits 2
//   2. simulate  the one selected run (--seed as in `run`)
//   3. plan      check the filters against the run (each unknown name listed with what
//                exists, exit 2), then pick the lines (reports/explain-cost.ts, pure)
//   4. write     the text, or with --json the same object as JSON

import { resolve } from 'node:path';
import { simulate } from '../../models/simulate.js';
import {
  type CostExplanation,
  type CostFilter,
  costFilterProblems,
  explainCost,
  renderCostExplanation,
} from '../../reports/explain-cost.js';
import { renderIssue, sortIssues } from '../../scenarios/issues.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import { EXIT } from '../errors.js';
import { selectRuns } from './run.js';

/** The options of `vaultsim explain cost`, as commander parses them. */
export interface ExplainCostOptions extends CostFilter {
  /** The run to explain: "base" (the default) or a variant's name. */
  variant?: string;
  seed?: number;
  json?: boolean;
}

/** Where explain prints and which directory relative paths start from. */
export interface ExplainIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** What `explain cost` did: its exit code and what it printed (null when the input was bad). */
export interface ExplainCostOutcome {
  code: number;
  explanation: CostExplanation | null;
}

/** Runs `vaultsim explain cost FILE`; throws InputError for an unknown --variant. */
export function explainCostFile(file: string, opts: ExplainCostOptions, io: ExplainIo): ExplainCostOutcome {
  // 1. read
  const abs = resolve(io.cwd, file);
  const loaded = loadScenarioFile(abs);
  if (!loaded.ok) {
    const issues = sortIssues(loaded.issues.map((i) => (i.file === abs ? { ...i, file } : i)));
    for (const issue of issues) io.stderr.write(`${renderIssue(issue)}\n`);
    return { code: EXIT.badInput, explanation: null };
  }
  const [scenario] = selectRuns(loaded.scenarios, [opts.variant ?? loaded.scenarios[0].variant], file);

  // 2. simulate
  const result = simulate(scenario, opts.seed === undefined ? {} : { seed: opts.seed });

  // 3. plan
  const filter: CostFilter = {
    ...(opts.vault === undefined ? {} : { vault: opts.vault }),
    ...(opts.month === undefined ? {} : { month: opts.month }),
    ...(opts.item === undefined ? {} : { item: opts.item }),
    ...(opts.meter === undefined ? {} : { meter: opts.meter }),
  };
  const problems = costFilterProblems(result, filter);
  if (problems.length > 0) {
    for (const p of problems) io.stderr.write(`vaultsim: ${p}\n`);
    return { code: EXIT.badInput, explanation: null };
  }
  const explanation = explainCost(result, filter);

  // 4. write
  io.stdout.write(
    opts.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : renderCostExplanation(explanation),
  );
  return { code: EXIT.ok, explanation };
}
