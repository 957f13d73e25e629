// Scenario text → a YAML document that remembers where every value came from. Reading
// the file, decoding, parsing and the guards against hostile input (alias bombs, huge
// or deeply nested files, prototype keys) all live here, so later phases can assume a
// well-formed tree and ask only "where is this path?".

import { readFileSync, statSync } from 'node:fs';
import { type Document, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { type Issue, type IssueCode, severityOf } from './issues.js';
import { MSG } from './messages.js';
import { scalarOffset } from './scalar-position.js';

/** Largest scenario file accepted; real scenarios are a few KiB, fleets expand from counts. */
export const MAX_FILE_BYTES = 4 * 1024 * 1024;
/** Most alias expansions toJS may perform (an alias bomb needs millions). */
export const MAX_ALIAS_COUNT = 1000;
/** Deepest nesting accepted; the format needs fewer than 10 levels. */
export const MAX_DEPTH = 32;
/** Keys that could alter object prototypes: refused in the document and in override paths. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** A path into the document: mapping keys and list indexes. */
export type PathSegment = string | number;

/** A parsed scenario file: its plain value plus a way back to source positions. */
export interface Source {
  file: string;
  /** The document as plain JS data (null when it could not be built). */
  value: unknown;
  /** Line and column (1-based) of the node at `path`, or of its key when `key` is set. */
  locate(path: readonly PathSegment[], key?: boolean): { line: number; column: number };
  /** The text of the plain (unquoted) scalar at `path` as written, e.g. `0x10` that YAML reads as 16. */
  plainText?(path: readonly PathSegment[]): string | undefined;
  /** Line and column of character `index` of the string value at `path` (a KQL query's error, issue 19). */
  charAt?(path: readonly PathSegment[], index: number): { line: number; column: number };
}

/** Formats a path the way messages show it: `fleet[0].disks[0].size`. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/** Makes an issue positioned at `path` in `source` (at the key for unknown fields). */
export function issueAt(
  source: Source,
  code: IssueCode,
  path: readonly PathSegment[],
  message: string,
  extra: { allowed?: string; received?: string; key?: boolean } = {},
): Issue {
  const { line, column } = source.locate(path, extra.key ?? false);
  const issue: Issue = {
    code,
    severity: severityOf(code),
    path: formatPath(path),
    file: source.file,
    line,
    column,
    message,
  };
  if (extra.allowed !== undefined) issue.allowed = extra.allowed;
  if (extra.received !== undefined) issue.received = extra.received;
  return issue;
}

function fileIssue(file: string, code: IssueCode, message: string): Issue {
  return { code, severity: severityOf(code), path: '', file, line: 0, column: 0, message };
}

/** Reads a scenario file as UTF-8 text, or returns the file problem. */
export function readScenarioText(file: string): { text: string } | { issue: Issue } {
  let size: number;
  try {
    const stat = statSync(file);
    if (stat.isDirectory()) return { issue: fileIssue(file, 'file-is-directory', MSG.fileIsDirectory()) };
    if (!stat.isFile()) return { issue: fileIssue(file, 'file-unreadable', MSG.notAFile()) };
    size = stat.size;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { issue: fileIssue(file, 'file-not-found', MSG.fileNotFound()) };
    return { issue: fileIssue(file, 'file-unreadable', MSG.fileUnreadable(describeErrno(code, err))) };
  }
  if (size > MAX_FILE_BYTES)
    return { issue: fileIssue(file, 'file-too-large', MSG.fileTooLarge(size, MAX_FILE_BYTES)) };
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return { issue: fileIssue(file, 'file-unreadable', MSG.fileUnreadable(describeErrno(code, err))) };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return { text };
  } catch {
    return { issue: fileIssue(file, 'file-not-utf8', MSG.fileNotUtf8()) };
  }
}

/** Parses YAML text into a Source, or returns every problem found on the way. */
export function parseSource(text: string, file: string): { source: Source; issues: Issue[] } {
  const lines = new LineCounter();
  const issues: Issue[] = [];
  const at = (offset: number) => {
    const p = lines.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // An error at `pos` (by default the file's start); everything parseSource finds is an error.
  const fail = (code: IssueCode, message: string, pos = at(0)) => {
    issues.push({ code, severity: 'error', path: '', file, ...pos, message });
  };
  if (text.length > MAX_FILE_BYTES) fail('file-too-large', MSG.fileTooLarge(text.length, MAX_FILE_BYTES));
  const empty: Source = { file, value: null, locate: () => ({ line: 1, column: 1 }) };
  if (issues.length > 0) return { source: empty, issues };

  const tooDeep = flowDepthOverflow(text);
  if (tooDeep >= 0) {
    // Nothing is parsed yet, so the position is counted in the text.
    fail('yaml-too-deep', MSG.yamlTooDeep(MAX_DEPTH), positionIn(text, tooDeep));
    return { source: empty, issues };
  }
  let doc: Document.Parsed;
  try {
    doc = parseDocument(text, {
      lineCounter: lines,
      uniqueKeys: true,
      prettyErrors: false,
      strict: true,
      logLevel: 'error',
    });
  } catch (err) {
    // The parser recurses per nesting level; absurd nesting exhausts the stack.
    if (err instanceof RangeError) fail('yaml-too-deep', MSG.yamlTooDeep(MAX_DEPTH));
    else fail('yaml-syntax', MSG.yamlSyntax(String(err)));
    return { source: empty, issues };
  }
  for (const e of doc.errors) {
    const offset = e.pos[0];
    const pos = positionIn(text, offset);
    const push = (code: IssueCode, message: string) => fail(code, message, pos);
    if (e.code === 'DUPLICATE_KEY')
      push('yaml-duplicate-key', MSG.yamlDuplicateKey(duplicateKeyName(text, offset)));
    // The parser recurses per nesting level and reports a stack overflow as an error.
    else if (/call stack/i.test(e.message)) push('yaml-too-deep', MSG.yamlTooDeep(MAX_DEPTH));
    // After one syntax error the parser's recovery reports echoes of it; the first is the one to fix.
    else if (!issues.some((i) => i.code === 'yaml-syntax'))
      push('yaml-syntax', MSG.yamlSyntax(firstLine(e.message)));
  }
  if (issues.length > 0) return { source: empty, issues };

  const locate = (path: readonly PathSegment[], key = false) => at(offsetOf(doc, path, key));
  const plainText = (path: readonly PathSegment[]) => {
    const node = nodeAt(doc, path);
    return isScalar(node) && node.type === 'PLAIN' && node.range
      ? text.slice(node.range[0], node.range[1])
      : undefined;
  };
  const charAt = (path: readonly PathSegment[], index: number) => {
    const node = nodeAt(doc, path);
    return isScalar(node) ? at(scalarOffset(text, node, index)) : locate(path);
  };
  const source: Source = { file, value: null, locate, plainText, charAt };
  const shapeIssues = checkShape(doc.contents, [], 0, source);
  if (shapeIssues.length > 0) return { source, issues: shapeIssues };
  try {
    source.value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (err instanceof ReferenceError || /alias/i.test(String(err)))
      fail('yaml-alias-limit', MSG.yamlAliasLimit(MAX_ALIAS_COUNT));
    else fail('yaml-syntax', MSG.yamlSyntax(String(err)));
  }
  return { source, issues };
}

// Walks the node tree (before any alias is expanded) for forbidden keys and depth.
function checkShape(node: unknown, path: PathSegment[], depth: number, source: Source): Issue[] {
  if (depth > MAX_DEPTH) return [issueAt(source, 'yaml-too-deep', path, MSG.yamlTooDeep(MAX_DEPTH))];
  const out: Issue[] = [];
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (FORBIDDEN_KEYS.has(key)) {
        out.push(issueAt(source, 'forbidden-key', [...path, key], MSG.forbiddenKey(key), { key: true }));
        continue;
      }
      out.push(...checkShape(pair.value, [...path, key], depth + 1, source));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => {
      out.push(...checkShape(item, [...path, i], depth + 1, source));
    });
  }
  return out;
}

// Flow collections ([ and {) can nest thousands deep in a few bytes and the parser
// recurses per level, so nesting is measured before parsing. Deep block nesting (`- - -`
// also nests a level every two bytes) is caught when the parser reports its stack
// overflow, and then by the depth walk over the parsed tree.
// Returns the offset where flow nesting first passes the limit, or -1.
function flowDepthOverflow(text: string): number {
  let depth = 0;
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote !== '') {
      if (c === quote && (quote === "'" || text[i - 1] !== '\\')) quote = '';
      else if (c === '\n' && quote === '"') continue;
    } else if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '"' || (c === "'" && (i === 0 || /[\s[{,:]/.test(text[i - 1])))) quote = c;
    else if (c === '[' || c === '{') {
      if (++depth > MAX_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return -1;
}

// Line and column (1-based) of an offset, counted from the text itself.
function positionIn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.min(offset, text.length));
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: before.length - lineStart + 1 };
}

const ERRNO_WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is a file, not a directory',
  ELOOP: 'too many symbolic links (a link loop?)',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'too many open files',
  EISDIR: 'is a directory',
};

function describeErrno(code: string | undefined, err: unknown): string {
  return code !== undefined && code in ERRNO_WORDS ? ERRNO_WORDS[code] : (code ?? String(err));
}

// The node at a path (undefined when there is none).
function nodeAt(doc: Document.Parsed, path: readonly PathSegment[]): unknown {
  let node: unknown = doc.contents;
  for (const seg of path) {
    if (isMap(node))
      node = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg))?.value;
    else if (isSeq(node) && typeof seg === 'number') node = node.items[seg];
    else return undefined;
  }
  return node;
}

function offsetOf(doc: Document.Parsed, path: readonly PathSegment[], key: boolean): number {
  let node: unknown = doc.contents;
  let offset = rangeStart(node) ?? 0;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    if (isMap(node)) {
      const pair = node.items.find(
        (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg),
      );
      if (pair === undefined) return offset;
      const last = i === path.length - 1;
      if (last && key) return rangeStart(pair.key as Node) ?? offset;
      node = pair.value;
      offset = rangeStart(node) ?? rangeStart(pair.key as Node) ?? offset;
    } else if (isSeq(node) && typeof seg === 'number' && seg < node.items.length) {
      node = node.items[seg];
      offset = rangeStart(node) ?? offset;
    } else return offset;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range?.[0];
}

function duplicateKeyName(text: string, offset: number): string {
  const m = /^[\s-]*["']?([^:"'\n]+)/.exec(text.slice(offset, offset + 200));
  return m ? m[1].trim() : '?';
}

const firstLine = (s: string) => s.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
