// The library-level contract every mutant is held to (issue 21): loading never throws; bad
// input comes back as issues, each naming the file and a line and column (or, for a problem
// with the file itself, the file alone); good input simulates without an exception, within a
// work bound, to a summary that validates against its own published schema.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { MS } from '../../engine/units.js';
import type { Scenario } from '../../models/scenario/types.js';
import { simulate } from '../../models/simulate.js';
import { buildSummary } from '../../reports/summary.js';
import { SUMMARY_SCHEMA } from '../../reports/summary.schema.js';
import { type Issue, renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';
import type { Rng } from './random.js';

/** What a mutant came to: bad input reported, runs simulated, or too much work to simulate here. */
export type Outcome = 'issues' | 'simulated' | 'too-big';

/** A broken promise: what went wrong, with the detail a fix needs. */
export interface Violation {
  kind: 'load-threw' | 'unpositioned-issue' | 'simulate-threw' | 'summary-invalid';
  detail: string;
}

/** How much a mutant may ask of simulate() in the suite, in VM-days (hourly points count 24/every each). */
export const WORK_LIMIT = Number(process.env.FUZZ_WORK ?? 20_000);

// Problems with the file as a whole have no line: they name the file (renderIssue prints it alone).
const FILE_LEVEL = new Set([
  'file-not-found',
  'file-is-directory',
  'file-too-large',
  'file-not-utf8',
  'file-unreadable',
]);

const validateSummary = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);

/** Why an issue breaks the contract, or null when it names `file` and a position. */
export function issueProblem(issue: Issue, file: string): string | null {
  if (issue.file !== file) return `names file ${JSON.stringify(issue.file)}, not ${file}`;
  if (typeof issue.message !== 'string' || issue.message.trim() === '') return 'has no message';
  const positioned =
    Number.isInteger(issue.line) && Number.isInteger(issue.column) && issue.line >= 1 && issue.column >= 1;
  if (!positioned && !(FILE_LEVEL.has(issue.code) && issue.line === 0))
    return `has no position (line ${issue.line}, column ${issue.column})`;
  return null;
}

/** A scenario's work for the bound: VMs and servers × days, × points a day for hourly schedules. */
export function workOf(s: Scenario): number {
  const days = Math.ceil(s.duration / MS.day);
  let perDay = 1;
  for (const p of s.policies)
    if (p.schedule.every !== null && p.schedule.every > 0)
      perDay = Math.max(perDay, MS.day / p.schedule.every);
  return (s.vms.length + s.servers.length) * days * perDay;
}

const message = (err: unknown) =>
  err instanceof Error ? `${err.name}: ${err.message}\n${err.stack ?? ''}` : String(err);

/** Holds the mutant `text` to the contract; simulates the base and one other run when they fit. */
export function checkMutant(
  text: string,
  file: string,
  rng: Rng,
): { outcome: Outcome; violations: Violation[] } {
  let loaded: ReturnType<typeof loadScenarioText>;
  try {
    loaded = loadScenarioText(text, file);
  } catch (err) {
    return { outcome: 'issues', violations: [{ kind: 'load-threw', detail: message(err) }] };
  }
  if (!loaded.ok) {
    const violations: Violation[] = [];
    for (const issue of loaded.issues) {
      const problem = issueProblem(issue, file);
      if (problem !== null)
        violations.push({
          kind: 'unpositioned-issue',
          detail: `${problem}: ${renderIssue(issue)} [${issue.code}]`,
        });
    }
    return { outcome: 'issues', violations };
  }
  const runs = loaded.scenarios;
  const chosen = runs.length > 1 ? [runs[0], runs[1 + rng.int(runs.length - 1)]] : [runs[0]];
  if (chosen.some((s) => workOf(s) > WORK_LIMIT)) return { outcome: 'too-big', violations: [] };
  const violations: Violation[] = [];
  for (const s of chosen) {
    try {
      const summary = JSON.parse(JSON.stringify(buildSummary([simulate(s)], { file, version: '0.0.0' })));
      if (!validateSummary(summary))
        violations.push({
          kind: 'summary-invalid',
          detail: `${s.variant}: ${JSON.stringify(validateSummary.errors?.slice(0, 3))}`,
        });
    } catch (err) {
      violations.push({ kind: 'simulate-threw', detail: `${s.variant}: ${message(err)}` });
    }
  }
  return { outcome: 'simulated', violations };
}
