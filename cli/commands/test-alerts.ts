// `vaultsim test-alerts FILE...`: replay each case's input series through its alert rule
// and compare the firings (and notification counts) with what the case expects.
//
//   1. read    load each cases file; bad input prints its issues (file:line:column), exit 2
//   2. check   replay every case on its own kernel and compare (pure)
//   3. write   PASS/FAIL per case with a diff for failures; --junit PATH; exit 1 on a failure

import { resolve } from 'node:path';
import { type MonitorOutcome, replay } from '../../models/monitor/index.js';
import { type JunitSuite, junitXml } from '../../reports/junit.js';
import type { AlertCase, ExpectedFiring } from '../../scenarios/alert-cases.js';
import { loadAlertCasesFile } from '../../scenarios/alert-cases.js';
import { renderIssue, sortIssues } from '../../scenarios/issues.js';
import { formatDuration } from '../../scenarios/units.js';
import { EXIT } from '../errors.js';
import { writeOutput } from '../output.js';

/** Options of `vaultsim test-alerts`. */
export interface TestAlertsOptions {
  junit?: string;
}

/** The verdict of one case. */
export interface CaseVerdict {
  file: string;
  name: string;
  line: number;
  column: number;
  pass: boolean;
  /** Lines of a diff (expected `-`, actual `+`), empty when it passed. */
  diff: string[];
}

/** Where test-alerts prints and which directory paths start from. */
export interface TestAlertsIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Runs `vaultsim test-alerts FILE...`; returns the exit code and every verdict. */
export function testAlertFiles(
  files: readonly string[],
  opts: TestAlertsOptions,
  io: TestAlertsIo,
): { code: number; verdicts: CaseVerdict[] } {
  // 1. read
  const loaded = files.map((file) => ({ file, result: loadAlertCasesFile(resolve(io.cwd, file)) }));
  let bad = false;
  for (const { file, result } of loaded) {
    if (result.ok) continue;
    bad = true;
    const abs = resolve(io.cwd, file);
    for (const issue of sortIssues(result.issues.map((i) => (i.file === abs ? { ...i, file } : i))))
      io.stderr.write(`${renderIssue(issue)}\n`);
  }
  if (bad) return { code: EXIT.badInput, verdicts: [] };
  // 2. check
  const verdicts = loaded.flatMap(({ file, result }) =>
    result.ok ? result.cases.map((c) => checkCase(file, c, result.seed)) : [],
  );
  // 3. write
  io.stdout.write(renderVerdicts(verdicts));
  if (opts.junit !== undefined)
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(junitSuites(verdicts)), io.stderr);
  return { code: verdicts.every((v) => v.pass) ? EXIT.ok : EXIT.objectiveFailed, verdicts };
}

/** Replays one case and compares what happened with what it expects. */
export function checkCase(file: string, c: AlertCase, seed: number): CaseVerdict {
  const out = replay(c.spec, c.signals, c.until, { seed });
  const expected = c.expect.firings.map((f) => firingLine(f.fired, f.resolved, f.instance));
  // An expected firing without an instance matches any: the actual one is shown without it too.
  const actual = out.firings.map((f, i) =>
    firingLine(f.firedAt, f.resolvedAt, c.expect.firings[i]?.instance === null ? null : f.instance),
  );
  const diff: string[] = [];
  if (!sameLines(expected, actual))
    diff.push('firings (- expected, + actual):', ...lineDiff(expected, actual));
  diff.push(...notificationDiff(c, out));
  return { file, name: c.name, line: c.line, column: c.column, pass: diff.length === 0, diff };
}

function firingLine(fired: number, resolved: number | null, instance: ExpectedFiring['instance']): string {
  const dims =
    instance === null
      ? ''
      : ` {${Object.entries(instance)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}}`;
  return `fired ${formatDuration(fired)}, ${resolved === null ? 'not resolved' : `resolved ${formatDuration(resolved)}`}${dims}`;
}

function notificationDiff(c: AlertCase, out: MonitorOutcome): string[] {
  const want = c.expect.notifications;
  if (want === null) return [];
  const got = out.rules[0].deliveries;
  const lines: string[] = [];
  for (const key of ['sent', 'suppressedByRateLimit', 'suppressedByProcessingRule'] as const)
    if (want[key] !== undefined && want[key] !== got[key])
      lines.push(`notifications.${key}: expected ${want[key]}, got ${got[key]}`);
  return lines;
}

const sameLines = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A line diff by longest common subsequence: `  ` same, `- ` only expected, `+ ` only actual. */
export function lineDiff(expected: readonly string[], actual: readonly string[]): string[] {
  const n = expected.length;
  const m = actual.length;
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i][j] = expected[i] === actual[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && expected[i] === actual[j]) {
      out.push(`  ${expected[i++]}`);
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) out.push(`- ${expected[i++]}`);
    else out.push(`+ ${actual[j++]}`);
  }
  if (n === 0) out.unshift('- (no firings)');
  if (m === 0) out.push('+ (no firings)');
  return out;
}

/** The text report: one line per case, the diff under each failure, then the totals. */
export function renderVerdicts(verdicts: readonly CaseVerdict[]): string {
  const lines: string[] = [];
  for (const v of verdicts) {
    lines.push(`${v.pass ? 'PASS' : 'FAIL'}  ${v.name}  (${v.file}:${v.line}:${v.column})`);
    for (const d of v.diff) lines.push(`      ${d}`);
  }
  const failed = verdicts.filter((v) => !v.pass).length;
  const n = verdicts.length;
  lines.push(`${n} case${n === 1 ? '' : 's'}: ${n - failed} passed, ${failed} failed`);
  return `${lines.join('\n')}\n`;
}

/** One JUnit suite per file, one case per alert case (classname: the file). */
export function junitSuites(verdicts: readonly CaseVerdict[]): JunitSuite[] {
  const files = [...new Set(verdicts.map((v) => v.file))];
  return files.map((file) => ({
    name: `test-alerts ${file}`,
    cases: verdicts
      .filter((v) => v.file === file)
      .map((v) => ({
        name: v.name,
        classname: file,
        ...(v.pass
          ? {}
          : { failure: { message: `${v.name}: alert timeline differs`, body: v.diff.join('\n') } }),
      })),
  }));
}
