// Input problems are data (STYLE.md §9): a code from a closed list, where it is, and a
// message from the one catalog below. Loaders collect every issue and return them all.

/** Every kind of problem a scenario file can have. */
export const ISSUE_CODES = [
  'file-not-found',
  'file-is-directory',
  'file-too-large',
  'file-not-utf8',
  'file-unreadable',
  'yaml-syntax',
  'yaml-duplicate-key',
  'yaml-alias-limit',
  'yaml-too-deep',
  'not-a-mapping',
  'forbidden-key',
  'required',
  'unknown-field',
  'wrong-type',
  'not-allowed',
  'out-of-range',
  'bad-name',
  'list-length',
  'duplicate-item',
  'invalid-unit',
  'invalid-distribution',
  'unknown-reference',
  'duplicate-name',
  'zone-not-in-region',
  'beyond-horizon',
  'policy-limit',
  'variant-path',
  'sweep-too-large',
  'no-effect',
  'unknown-signal',
  'invalid-query',
] as const;

/**
 * Things a scenario names that would never act (issue 15): the scenario still runs, and
 * `--strict` makes them errors. Each is produced by a fixture under test/scenarios/warnings/.
 */
export const WARNING_CODES = [
  'tier-never-kept',
  'tier-seldom-kept',
  'unused-action-group',
  'untriggered-plan',
  'restore-beyond-guidance',
  'fault-hits-nothing',
  'objective-never-judged',
  'draw-beyond-horizon',
  'field-never-acts',
  'window-shorter-than-frequency',
] as const;

/** One of the closed list of issue codes: an error or a warning code. */
export type IssueCode = (typeof ISSUE_CODES)[number] | (typeof WARNING_CODES)[number];

/** How bad an issue is: an error stops the scenario; a warning is printed and the run goes on. */
export type IssueSeverity = 'error' | 'warning';

/** The severity of an issue code. */
export function severityOf(code: IssueCode): IssueSeverity {
  return (WARNING_CODES as readonly string[]).includes(code) ? 'warning' : 'error';
}

/** A problem in a scenario, with where it is and what would be allowed. */
export interface Issue {
  code: IssueCode;
  severity: IssueSeverity;
  /** Dotted path to the field, like fleet[0].disks[0].size ('' for the whole file). */
  path: string;
  file: string;
  /** 1-based line and column; 0 when the problem has no position (a file error). */
  line: number;
  column: number;
  message: string;
  allowed?: string;
  received?: string;
}

/** Shows a received value in a message: strings quoted, others as JSON, long ones cut. */
export function show(value: unknown): string {
  let text: string;
  if (value === undefined) text = 'nothing';
  else if (typeof value === 'number' && !Number.isFinite(value)) text = String(value);
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Renders an issue as one line: `file:line:col path: message`. */
export function renderIssue(issue: Issue): string {
  const where = issue.line > 0 ? `${issue.file}:${issue.line}:${issue.column}` : issue.file;
  const path = issue.path === '' ? '' : ` ${issue.path}:`;
  // The allowed list helps most when a name was not recognised and no close one was found.
  const listAllowed =
    (issue.code === 'unknown-field' || issue.code === 'unknown-reference') &&
    !issue.message.includes('did you mean');
  const allowed = listAllowed && issue.allowed !== undefined ? ` (allowed: ${issue.allowed})` : '';
  const label = issue.severity === 'warning' ? ' warning:' : '';
  return `${where}${path}${label} ${issue.message}${allowed}`;
}

/** Orders issues by file, line, column, then message, so output never depends on discovery order. */
export function sortIssues(issues: Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      cmp(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      cmp(a.path, b.path) ||
      cmp(a.message, b.message),
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
