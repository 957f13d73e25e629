// Variants and sweeps: named overrides by path, and the cartesian product of swept
// values. Each expansion is a full raw scenario, validated like the base. Every run
// keeps the scenario's seed, so variants see the same random numbers.

import { MSG } from './messages.js';
import { FORBIDDEN_KEYS, type PathSegment } from './source.js';
import { closest } from './suggest.js';

/** Most runs one file may expand to. */
export const MAX_EXPANSIONS = 10_000;

/** One concrete run's raw input: its label and the paths its overrides set. */
export interface Expansion {
  name: string;
  raw: Record<string, unknown>;
  /** Resolved override paths, each with where the override was written (for positions). */
  overrides: { path: PathSegment[]; origin: PathSegment[] }[];
}

/** A problem resolving an override path, positioned at the override's key. */
export interface PathProblem {
  code: 'variant-path' | 'sweep-too-large' | 'out-of-range' | 'duplicate-name' | 'forbidden-key';
  origin: PathSegment[];
  message: string;
}

type Plain = Record<string, unknown>;

/** Splits `policies.daily-30.retention.daily` or `fleet[0].disks[1].size` into steps. */
export function splitOverridePath(text: string): PathSegment[] {
  const out: PathSegment[] = [];
  for (const part of text.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (m === null) return [part];
    if (m[1] !== '') out.push(m[1]);
    for (const idx of m[2].matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Resolves steps against `root`: a name step in a list picks the element with that name. */
export function resolvePath(
  root: unknown,
  steps: PathSegment[],
): { path: PathSegment[] } | { problem: string } {
  const path: PathSegment[] = [];
  let node: unknown = root;
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i];
    const last = i === steps.length - 1;
    if (Array.isArray(node)) {
      const index =
        typeof step === 'number' ? step : node.findIndex((e) => (e as Plain | null)?.name === step);
      if (index < 0 || index >= node.length) {
        const names = node
          .map((e) => (e as Plain | null)?.name)
          .filter((n): n is string => typeof n === 'string');
        const where = path.length === 0 ? 'the scenario' : pathText(path);
        return {
          problem:
            typeof step === 'number'
              ? MSG.noIndex(where, step, node.length)
              : MSG.noElement(where, String(step), closest(String(step), names)),
        };
      }
      path.push(index);
      node = node[index];
    } else if (node !== null && typeof node === 'object') {
      if (typeof step === 'number') return { problem: MSG.notAList(pathText(path)) };
      if (!last && !Object.hasOwn(node, step)) {
        return { problem: MSG.noField(pathText([...path, step]), closest(step, Object.keys(node))) };
      }
      path.push(step);
      node = (node as Plain)[step];
    } else return { problem: MSG.notAContainer(pathText(path)) };
  }
  return { path };
}

/** Sets `value` at a resolved path in a deep copy of `root`. */
export function setAt(root: Plain, path: PathSegment[], value: unknown): Plain {
  const copy = structuredClone(root);
  let node: unknown = copy;
  for (let i = 0; i < path.length - 1; i++) node = (node as Record<PathSegment, unknown>)[path[i]];
  (node as Record<PathSegment, unknown>)[path[path.length - 1]] = structuredClone(value);
  return copy;
}

/** Expands the base, each variant, and (when a sweep is given) each sweep point of each. */
export function expand(raw: Plain): { expansions: Expansion[]; problems: PathProblem[] } {
  const { variants, sweep, ...base } = raw as Plain & {
    variants?: Record<string, Plain>;
    sweep?: Record<string, unknown>;
  };
  const problems: PathProblem[] = [];
  const heads: Expansion[] = [{ name: 'base', raw: base, overrides: [] }];
  for (const [name, overrides] of Object.entries(variants ?? {})) {
    if (name === 'base') {
      problems.push({ code: 'duplicate-name', origin: ['variants', name], message: MSG.reservedVariant() });
      continue;
    }
    let next: Expansion = { name, raw: base, overrides: [] };
    for (const [text, value] of Object.entries(overrides)) {
      const origin: PathSegment[] = ['variants', name, text];
      next = applyOne(next, text, value, origin, problems);
    }
    heads.push(next);
  }
  if (sweep === undefined || Object.keys(sweep).length === 0) return { expansions: heads, problems };
  const axes = Object.entries(sweep).map(([text, spec]) => ({ text, values: sweepValues(spec) }));
  for (const a of axes)
    if (a.values.length === 0) {
      const { from, to, step } = sweep[a.text] as { from: number; to: number; step: number };
      problems.push({
        code: 'out-of-range',
        origin: ['sweep', a.text],
        message: MSG.emptyRange(from, to, step),
      });
    }
  if (axes.some((a) => a.values.length === 0)) return { expansions: heads, problems };
  const count = heads.length * axes.reduce((n, a) => n * a.values.length, 1);
  if (count > MAX_EXPANSIONS) {
    problems.push({
      code: 'sweep-too-large',
      origin: ['sweep'],
      message: MSG.sweepTooLarge(count, MAX_EXPANSIONS),
    });
    return { expansions: heads, problems };
  }
  const out: Expansion[] = [];
  for (const head of heads) {
    for (const point of cartesian(axes.map((a) => a.values))) {
      let next: Expansion = {
        ...head,
        name: `${head.name} [${axes.map((a, k) => `${shortName(a.text)}=${show(point[k])}`).join(', ')}]`,
      };
      axes.forEach((a, k) => {
        next = applyOne(next, a.text, point[k], ['sweep', a.text], problems);
      });
      out.push(next);
    }
  }
  return { expansions: out, problems: dedupe(problems) };
}

function applyOne(
  e: Expansion,
  text: string,
  value: unknown,
  origin: PathSegment[],
  problems: PathProblem[],
): Expansion {
  const steps = splitOverridePath(text);
  // A step like `__proto__` would reach the prototype, not a field: refuse it at the override.
  const forbidden = steps.find((s) => typeof s === 'string' && FORBIDDEN_KEYS.has(s));
  if (forbidden !== undefined) {
    problems.push({
      code: 'forbidden-key',
      origin,
      message: MSG.variantPath(text, MSG.forbiddenKey(String(forbidden))),
    });
    return e;
  }
  const resolved = resolvePath(e.raw, steps);
  if ('problem' in resolved) {
    problems.push({ code: 'variant-path', origin, message: MSG.variantPath(text, resolved.problem) });
    return e;
  }
  return {
    name: e.name,
    raw: setAt(e.raw, resolved.path, value),
    overrides: [...e.overrides, { path: resolved.path, origin }],
  };
}

function sweepValues(spec: unknown): unknown[] {
  if (Array.isArray(spec)) return spec;
  const { from, to, step } = spec as { from: number; to: number; step: number };
  const values: number[] = [];
  // Whole steps from `from`, rounded to 12 significant digits so 0.1 steps do not drift.
  for (let k = 0; k <= MAX_EXPANSIONS; k++) {
    const v = Number((from + k * step).toPrecision(12));
    if (v > to + Math.abs(step) * 1e-9) break;
    values.push(v);
  }
  return values;
}

function* cartesian(lists: unknown[][]): Generator<unknown[]> {
  if (lists.length === 0) {
    yield [];
    return;
  }
  const [first, ...rest] = lists;
  for (const v of first) for (const tail of cartesian(rest)) yield [v, ...tail];
}

const shortName = (text: string) => text.split('.').slice(-2).join('.');
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const pathText = (path: PathSegment[]) =>
  path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');

function dedupe(problems: PathProblem[]): PathProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.origin.join('\u0000')}|${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
