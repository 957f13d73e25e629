// The sentences about KQL queries (issue 19, STYLE.md §9): a query of an alert rule, a test
// case, or `vaultsim query`. Each names what is wrong where the problem's offset points; the
// caller adds the file position and "(query offset N)".

import { FUNCTIONS } from '../models/kql/functions.js';
import type { KqlProblem } from '../models/kql/problems.js';
import { closest } from './suggest.js';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const suggest = (name: string, known: readonly string[]) => {
  const near = closest(name, known);
  return near === null ? '' : `; did you mean "${near}"?`;
};

/** The tabular operators vaultsim reads, for messages. */
export const KQL_OPERATORS =
  'where, extend, project, summarize … by, top, order by (sort by), take (limit) and count';

/** Where a query is read: its unknown tables are named as what the reader can use. */
export type QueryPlace = 'rule' | 'query';

/** One problem as a sentence. */
export function kqlMessage(p: KqlProblem, place: QueryPlace): string {
  switch (p.code) {
    case 'syntax':
      return `KQL: expected ${p.expected}, got ${p.got}`;
    case 'unsupported-operator':
      return `KQL: "${p.name}" is not in the subset vaultsim reads (${KQL_OPERATORS})`;
    case 'unsupported-function':
      return `KQL: unknown or unsupported function ${p.name}()${suggest(p.name, FUNCTIONS)} (functions: ${FUNCTIONS.join(', ')}; in summarize: count, countif, sum, avg, min, max, dcount, arg_max, arg_min)`;
    case 'unknown-table':
      return place === 'rule'
        ? `KQL: no model emits a log table "${p.name}" a rule can read${suggest(p.name, p.known)} (tables: ${quoted(p.known)})`
        : `KQL: no table "${p.name}"${suggest(p.name, p.known)} (tables: ${quoted(p.known)})`;
    case 'unknown-column':
      return `KQL: no column "${p.name}" here${suggest(p.name, p.known)} (columns: ${quoted(p.known)})`;
    case 'type':
      return `KQL: ${p.what} expects ${p.expected}, got ${p.got}`;
    case 'arity':
      return `KQL: ${p.name}() takes ${p.expected} argument${p.expected === '1' ? '' : 's'}, got ${p.got}`;
    case 'bad-literal':
      return `KQL: ${p.text} is not a ${p.kind} literal (like ${p.kind === 'datetime' ? 'datetime(2026-01-05 10:30)' : '30m, 1.5h or time(1.02:00:00)'})`;
    case 'duplicate-column':
      return `KQL: column "${p.name}" appears twice`;
    case 'misplaced-aggregate':
      return `KQL: ${p.name}() is an aggregation: use it in summarize`;
    case 'alert':
      return alertMessage(p.reason, p.name);
  }
}

function alertMessage(reason: Extract<KqlProblem, { code: 'alert' }>['reason'], name: string): string {
  switch (reason) {
    case 'operator':
      return `KQL: an alert rule's query takes where, extend and project, then at most one summarize; "${name}" is not allowed there (when:, lookback and the split do its work)`;
    case 'after-summarize':
      return `KQL: nothing may follow summarize in an alert rule's query, got "${name}" (when: holds the threshold)`;
    case 'aggregate':
      return `KQL: an alert rule measures count(), countif(), sum(), avg(), min() or max(); ${name}() is not evaluated per minute`;
    case 'measures':
      return `KQL: an alert rule's summarize has exactly one aggregation (its measure), got ${name}`;
    case 'bin-column':
      return 'KQL: an alert rule may bin only TimeGenerated, once, by a timespan like bin(TimeGenerated, 1h)';
    case 'bin-size':
      return `KQL: bin(TimeGenerated, …) is the rule's aggregation granularity and must equal lookback / violations.of = ${name}`;
    case 'time-function':
      return "KQL: an alert rule's query cannot read the clock (ago(), now()): the rule's lookback is its time range";
    case 'split-limit':
      return `KQL: a log rule splits by at most 6 columns, got ${name} (Azure Monitor log alerts, §7.3)`;
    case 'split-with-summarize':
      return 'KQL: a query that summarizes splits by its by columns: drop splitBy:';
  }
}

/** The sentences about `diagnostics:` (issue 19). */
export const DIAG_MSG = {
  unknownTable: (name: string, known: readonly string[]) =>
    `no table "${name}" here${suggest(name, known)} (tables: ${quoted(known)})`,
  mode: (got: string) =>
    `vaultsim writes resource-specific tables only (the Backup Reports read them, docs/reference.md §16), got mode "${got}"`,
  wholeDays: (field: string, got: string) => `${field} must be whole days, at least 1d, got ${got}`,
  duplicateVault: (vault: string) => `vault "${vault}" has two diagnostic settings; list its tables in one`,
  notSent: (table: string) =>
    `the rule reads ${table}, which vaults write only when diagnostics: sends it, so it would never fire; add diagnostics: (every vault sends every table by default) or list ${table} in diagnostics.vaults[].tables`,
  asrWithoutReplication: (table: string) =>
    `${table} gets rows only for VMs Site Recovery replicates, and no fleet group has replicate:`,
} as const;
