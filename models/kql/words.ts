// The operator words of KQL the parser tells apart: the subset's comparisons, and the
// string operators and tabular sources Kusto has that the subset refuses by name.

import type { BinaryOp } from './ast.js';

/** The ordering comparisons (==, !=, <, <=, >, >=): both sides of one type. */
export const EQUALITY_OPS: ReadonlySet<BinaryOp> = new Set(['==', '!=', '<', '<=', '>', '>=']);
/** The string comparisons of the subset: a string on the right. */
export const TEXT_OPS: ReadonlySet<BinaryOp> = new Set([
  '=~',
  '!~',
  'has',
  '!has',
  'has_cs',
  'contains',
  '!contains',
  'contains_cs',
  'startswith',
  '!startswith',
  'startswith_cs',
  'endswith',
  '!endswith',
]);
/** The comparison operators of the subset. */
export const COMPARISONS: ReadonlySet<string> = new Set([...EQUALITY_OPS, ...TEXT_OPS]);
/** String operators Kusto has that the subset does not: named as unsupported, not misread. */
export const OTHER_STRING_OPS: ReadonlySet<string> = new Set([
  'has_any',
  'has_all',
  'hasprefix',
  '!hasprefix',
  'hassuffix',
  '!hassuffix',
  'matches',
  'between',
  '!between',
  '!has_cs',
  '!contains_cs',
  '!startswith_cs',
  'endswith_cs',
  '!endswith_cs',
  'like',
]);
/** Tabular sources Kusto allows first; the subset reads from one table. */
export const SOURCE_OPERATORS: ReadonlySet<string> = new Set([
  'union',
  'print',
  'datatable',
  'range',
  'search',
  'find',
  'evaluate',
  'externaldata',
]);
