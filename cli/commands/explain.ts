// `vaultsim explain cost FILE`: run one scenario (the base, or --variant NAME) and print the
// cost lines behind a figure, selected by --vault, --month, --item and --meter, each with its
// quantity, unit price, the price's source and the rule applied, then their total. The other
// topics (issue 15) run the same way, watching what they need as the run goes (trace records
// of the VM, an inspection at --at, the alert rule's evaluations): `explain rpo|rto|points
// FILE --vm VM`, `explain alert FILE RULE`; their logic is in reports/explain-*.ts.
//
//   1. read      load and validate; bad input prints its issues and exits 2
//   2. simulate  the one selected run (--seed as in `run`)
//   3. plan      check the filters against the run (each unknown name listed with what
//                exists, exit 2), then pick the lines (reports/explain-cost.ts, pure)
//   4. write     the text, or with --json the same object as JSON

import type { TraceRecord } from '../../models/backup/world.js';
import type { AlertEvaluation } from '../../models/monitor/evidence.js';
import type { HeldView } from '../../models/results/held.js';
import type { RunResult } from '../../models/results/types.js';
import type { Scenario } from '../../models/scenario/types.js';
import { type SimulateOptions, simulate } from '../../models/simulate.js';
import { loadSubsystems } from '../../models/subsystems.js';
import { alertProblems, explainAlert, renderAlertExplanation } from '../../reports/explain-alert.js';
import {
  type CostExplanation,
  type CostFilter,
  costFilterProblems,
  explainCost,
  renderCostExplanation,
} from '../../reports/explain-cost.js';
import { explainPoints, pointsProblems, renderPointsExplanation } from '../../reports/explain-points.js';
import { explainRpo, renderRpoExplanation, rpoProblems } from '../../reports/explain-rpo.js';
import { explainRto, renderRtoExplanation, rtoProblems } from '../../reports/explain-rto.js';
import { closest } from '../../scenarios/suggest.js';
import { parseDuration } from '../../scenarios/units.js';
import { EXIT, InputError } from '../errors.js';
import { loadRuns } from '../load-runs.js';

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
export async function explainCostFile(
  file: string,
  opts: ExplainCostOptions,
  io: ExplainIo,
): Promise<ExplainCostOutcome> {
  // 1. read
  const scenario = await readRun(file, opts, io);
  if (scenario === null) return { code: EXIT.badInput, explanation: null };

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

/** The options every other `explain` topic takes. */
export interface ExplainRunOptions {
  variant?: string;
  seed?: number;
  json?: boolean;
}

/** The options of `explain rpo`, `rto` and `points`. */
export interface ExplainVmOptions extends ExplainRunOptions {
  vm: string;
  /** `rto`: the incident (default: the VM's longest recovery). */
  incident?: string;
  /** `points`: the instant, ISO 8601 or a duration from the start (default: the end of the run). */
  at?: string;
}

/** What an `explain` topic did: its exit code and what it printed (null when the input was bad). */
export interface ExplainOutcome<T> {
  code: number;
  explanation: T | null;
}

// 1. read: the scenario's selected run (its subsystems loaded), or null after printing its issues.
async function readRun(file: string, opts: ExplainRunOptions, io: ExplainIo): Promise<Scenario | null> {
  // Without --variant, the file's first run.
  const runs = await loadRuns(
    file,
    io.cwd,
    opts.variant === undefined ? undefined : [opts.variant],
    io.stderr,
  );
  if (runs === null) return null;
  const scenario = runs[0];
  await loadSubsystems([scenario]);
  return scenario;
}

// 2. simulate, with what the topic watches.
function runOnce(scenario: Scenario, opts: ExplainRunOptions, watch: SimulateOptions = {}): RunResult {
  return simulate(scenario, { ...watch, ...(opts.seed === undefined ? {} : { seed: opts.seed }) });
}

// 3–4. problems (exit 2) or the explanation, as text or JSON.
function finish<T>(
  problems: string[],
  make: () => T,
  render: (e: T) => string,
  opts: ExplainRunOptions,
  io: ExplainIo,
): ExplainOutcome<T> {
  if (problems.length > 0) {
    for (const p of problems) io.stderr.write(`vaultsim: ${p}\n`);
    return { code: EXIT.badInput, explanation: null };
  }
  const explanation = make();
  io.stdout.write(opts.json === true ? `${JSON.stringify(explanation, null, 2)}\n` : render(explanation));
  return { code: EXIT.ok, explanation };
}

const vmSuggestion = (s: Scenario, vm: string) =>
  closest(
    vm,
    s.vms.map((v) => v.id),
  );

/** Runs `vaultsim explain rpo FILE --vm VM`: the worst window the schedule leaves and each incident's loss, with reasons. */
export async function explainRpoFile(file: string, opts: ExplainVmOptions, io: ExplainIo) {
  const scenario = await readRun(file, opts, io);
  if (scenario === null) return { code: EXIT.badInput, explanation: null };
  const records: TraceRecord[] = [];
  const trace = (r: TraceRecord) => {
    if (r.subject === opts.vm) records.push(r);
  };
  const result = runOnce(scenario, opts, { trace });
  const problems = rpoProblems(result, opts.vm, vmSuggestion(scenario, opts.vm));
  return finish(problems, () => explainRpo(result, opts.vm, records), renderRpoExplanation, opts, io);
}

/** Runs `vaultsim explain rto FILE --vm VM [--incident ID]`: the phases of a recovery and what each waited for. */
export async function explainRtoFile(file: string, opts: ExplainVmOptions, io: ExplainIo) {
  const scenario = await readRun(file, opts, io);
  if (scenario === null) return { code: EXIT.badInput, explanation: null };
  const result = runOnce(scenario, opts);
  return finish(
    rtoProblems(result, opts.vm, opts.incident),
    () => explainRto(result, opts.vm, opts.incident),
    renderRtoExplanation,
    opts,
    io,
  );
}

/** Runs `vaultsim explain points FILE --vm VM [--at T]`: each point the VM holds, what keeps it and until when. */
export async function explainPointsFile(file: string, opts: ExplainVmOptions, io: ExplainIo) {
  const scenario = await readRun(file, opts, io);
  if (scenario === null) return { code: EXIT.badInput, explanation: null };
  const at = opts.at === undefined ? scenario.duration : instantOf(opts.at, scenario);
  let held: HeldView | null = null;
  const known = scenario.vms.some((v) => v.id === opts.vm);
  const inspect = known ? [{ at, vm: opts.vm, sink: (v: HeldView) => (held = v) }] : [];
  const result = runOnce(scenario, opts, { inspect });
  const problems = pointsProblems(result, opts.vm);
  if (problems.length > 0 && !known) {
    const hint = vmSuggestion(scenario, opts.vm);
    if (hint !== null) problems[0] += `; did you mean ${hint}?`;
  }
  return finish(problems, () => explainPoints(result, held!), renderPointsExplanation, opts, io);
}

/** Runs `vaultsim explain alert FILE RULE`: the evaluations that fired or resolved the rule and what each saw. */
export async function explainAlertFile(file: string, rule: string, opts: ExplainRunOptions, io: ExplainIo) {
  const scenario = await readRun(file, opts, io);
  if (scenario === null) return { code: EXIT.badInput, explanation: null };
  const evaluations: AlertEvaluation[] = [];
  const result = runOnce(scenario, opts, { explainAlert: { rule, record: (e) => evaluations.push(e) } });
  const rules = result.alerts?.rules.map((r) => r.rule) ?? [];
  return finish(
    alertProblems(result, rule, closest(rule, rules)),
    () => explainAlert(result, rule, evaluations),
    renderAlertExplanation,
    opts,
    io,
  );
}

// --at: an ISO 8601 instant, or a duration from the scenario's start ("200d", "PT36H"), within the run.
function instantOf(text: string, scenario: Scenario): number {
  const offset = parseDuration(text);
  const t = offset.ok ? offset.value : Date.parse(text) - scenario.start;
  if (Number.isNaN(t))
    throw new InputError(
      `--at ${text}: expected an instant like 2026-03-01T12:00:00Z or a duration from the start like 200d.`,
    );
  if (t < 0 || t > scenario.duration)
    throw new InputError(
      `--at ${text}: outside the run (${new Date(scenario.start).toISOString()} to ${new Date(scenario.start + scenario.duration).toISOString()}).`,
    );
  return t;
}
