// What every normalising step shares: the source (for positions) and the issue list.

import type { Millis } from '../../engine/units.js';
import type { Issue, IssueCode } from '../issues.js';
import { MSG } from '../messages.js';
import { issueAt, type PathSegment, type Source } from '../source.js';
import { closest } from '../suggest.js';
import { formatDuration, parseDuration, type UnitResult } from '../units.js';

/** Collects issues while raw scenario data is turned into typed data. */
export class Context {
  readonly issues: Issue[] = [];
  /** Warnings (issue 15): things that parse but would never act; they do not stop the scenario. */
  readonly warnings: Issue[] = [];
  /** The scenario's duration, once read (offsets are checked against it). */
  horizon: Millis | null = null;

  constructor(readonly source: Source) {}

  /** Records an issue at `path`. */
  add(
    code: IssueCode,
    path: readonly PathSegment[],
    message: string,
    extra: { allowed?: string; key?: boolean } = {},
  ): void {
    this.issues.push(issueAt(this.source, code, path, message, extra));
  }

  /** Records a warning (a code of WARNING_CODES) at `path`. */
  warn(
    code: IssueCode,
    path: readonly PathSegment[],
    message: string,
    extra: { allowed?: string } = {},
  ): void {
    this.warnings.push(issueAt(this.source, code, path, message, extra));
  }

  /** Parses a unit value that the schema has shape-checked; records an issue and returns null when it fails. */
  unit<T>(parse: (v: unknown) => UnitResult<T>, path: readonly PathSegment[], value: unknown): T | null {
    const r = parse(value);
    if (r.ok) return r.value;
    this.add(
      'invalid-unit',
      path,
      MSG.invalidUnit(r.expected, value),
      r.allowed === undefined ? {} : { allowed: r.allowed },
    );
    return null;
  }

  /** Parses a duration that places something in simulated time; it must fall inside the horizon. */
  offset(path: readonly PathSegment[], value: unknown): Millis | null {
    const at = this.unit(parseDuration, path, value);
    if (at !== null && this.horizon !== null && at >= this.horizon) {
      const field = path
        .filter((s) => typeof s === 'string')
        .slice(-2)
        .join('.');
      this.add(
        'beyond-horizon',
        path,
        MSG.beyondHorizon(field, formatDuration(at), formatDuration(this.horizon)),
      );
    }
    return at;
  }

  /** Checks that `name` is one of `known` (of the given kind); records an issue with a suggestion otherwise. */
  reference(
    kind: string,
    name: string,
    known: ReadonlyMap<string, unknown> | ReadonlySet<string>,
    path: readonly PathSegment[],
  ): boolean {
    if (known.has(name)) return true;
    const names = [...known.keys()];
    this.add('unknown-reference', path, MSG.unknownReference(kind, name, closest(name, names)), {
      allowed: names.length > 0 ? names.join(', ') : `(no ${kind}s defined)`,
    });
    return false;
  }

  /** Indexes named items by name, recording duplicates. */
  index<T extends { name: string }>(kind: string, items: readonly T[], listPath: string): Map<string, T> {
    const out = new Map<string, T>();
    const firstIndex = new Map<string, number>();
    items.forEach((item, i) => {
      const first = firstIndex.get(item.name);
      if (first !== undefined) {
        const { line } = this.source.locate([listPath, first, 'name']);
        this.add('duplicate-name', [listPath, i, 'name'], MSG.duplicateName(kind, item.name, line));
        return;
      }
      firstIndex.set(item.name, i);
      out.set(item.name, item);
    });
    return out;
  }
}

/**
 * A named list (policies of one kind) normalised by name: duplicate names recorded (Context.index),
 * each item normalised by `one`, the first of a name that normalises kept.
 */
export function normaliseByName<R extends { name: string }, T>(
  ctx: Context,
  kind: string,
  raw: readonly R[],
  listPath: string,
  one: (ctx: Context, item: R, i: number) => T | null,
): Map<string, T> {
  ctx.index(kind, raw, listPath);
  const out = new Map<string, T>();
  raw.forEach((item, i) => {
    const normalised = one(ctx, item, i);
    if (normalised !== null && !out.has(item.name)) out.set(item.name, normalised);
  });
  return out;
}
