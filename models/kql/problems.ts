// What can be wrong with a query, as data: a code from a closed list, the offset in the query
// text, and what the sentence needs. scenarios/messages-kql.ts renders each as one sentence
// (STYLE.md §9); scenarios/ and cli/ turn the offset into a file position.

/** Why a query cannot be an alert rule's query (the evaluator's shape: row filters, then one measure). */
export type AlertReason =
  | 'operator'
  | 'after-summarize'
  | 'aggregate'
  | 'measures'
  | 'bin-column'
  | 'bin-size'
  | 'time-function'
  | 'split-limit'
  | 'split-with-summarize';

/** One problem of a query. */
export type KqlProblem =
  | { code: 'syntax'; at: number; expected: string; got: string }
  | { code: 'unsupported-operator'; at: number; name: string }
  | { code: 'unsupported-function'; at: number; name: string }
  | { code: 'unknown-table'; at: number; name: string; known: string[] }
  | { code: 'unknown-column'; at: number; name: string; known: string[] }
  | { code: 'type'; at: number; what: string; expected: string; got: string }
  | { code: 'arity'; at: number; name: string; expected: string; got: number }
  | { code: 'bad-literal'; at: number; kind: string; text: string }
  | { code: 'duplicate-column'; at: number; name: string }
  | { code: 'misplaced-aggregate'; at: number; name: string }
  | { code: 'alert'; at: number; reason: AlertReason; name: string };

/** A query that could not be read, with every problem found (parse errors stop at the first). */
export class KqlError extends Error {
  constructor(readonly problems: KqlProblem[]) {
    super(`KQL: ${problems.map((p) => `${p.code} at ${p.at}`).join(', ')}`);
    this.name = 'KqlError';
  }
}

/** A short display of a token for "expected …, got …" messages. */
export function showToken(text: string): string {
  if (text === '') return 'the end of the query';
  return text.length > 20 ? `"${text.slice(0, 17)}..."` : `"${text}"`;
}
