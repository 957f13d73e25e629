// Structure-aware mutation of a scenario: the YAML is parsed into its document tree, one to
// three mutations change the tree (drop, duplicate, retype, extreme or wrong-unit values, deep
// nesting, hostile text, renamed or misplaced keys, swapped values, huge counts, variant and
// sweep overrides) or, now and then, the text itself (cut, stray characters, tabs). What is
// done is recorded, so a failure can say how its mutant was made.

import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  parseDocument,
  YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { Rng } from './random.js';
import {
  anyValue,
  deeplyNested,
  edgeFor,
  extremeFor,
  hostileText,
  hugeCount,
  wrongUnitFor,
} from './values.js';

/** A mutant: its text and the mutations that made it. */
export interface Mutant {
  text: string;
  ops: string[];
}

type Step = string | number;
// A place in the tree: the collection holding it, its index there, its path and node.
interface Slot {
  parent: YAMLMap | YAMLSeq;
  index: number;
  path: Step[];
  node: unknown;
}

const show = (path: Step[]) =>
  path
    .map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`))
    .join('')
    .slice(1);

// Every value in the tree, parents before children.
function slots(node: unknown, path: Step[] = [], out: Slot[] = []): Slot[] {
  if (isMap(node))
    node.items.forEach((pair, index) => {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      out.push({ parent: node, index, path: [...path, key], node: pair.value });
      slots(pair.value, [...path, key], out);
    });
  else if (isSeq(node))
    node.items.forEach((item, index) => {
      out.push({ parent: node, index, path: [...path, index], node: item });
      slots(item, [...path, index], out);
    });
  return out;
}

const scalarOf = (node: unknown): unknown => (isScalar(node) ? node.value : undefined);

// Replaces the value at a slot.
function put(doc: Document, s: Slot, value: unknown): void {
  const node = doc.createNode(value) as Node;
  if (isMap(s.parent)) (s.parent.items[s.index] as Pair).value = node;
  else s.parent.items[s.index] = node;
}

type Mutation = (doc: Document, all: Slot[], rng: Rng, fields: readonly string[]) => string | null;

const MUTATIONS: Record<string, Mutation> = {
  edge(doc, all, rng) {
    const tweakable = all.filter((s) => isScalar(s.node) && edgeFor(scalarOf(s.node), rng) !== null);
    if (tweakable.length === 0) return null;
    const s = rng.pick(tweakable);
    const v = edgeFor(scalarOf(s.node), rng);
    put(doc, s, v);
    return `edge ${show(s.path)} = ${JSON.stringify(v)}`;
  },
  drop(_doc, all, rng) {
    const s = rng.pick(all);
    s.parent.items.splice(s.index, 1);
    return `drop ${show(s.path)}`;
  },
  duplicate(doc, all, rng) {
    const s = rng.pick(all);
    const copy = s.parent.items[s.index];
    // A duplicated mapping key (a YAML error) or a duplicated list element (a duplicate name).
    s.parent.items.splice(s.index, 0, isPair(copy) ? doc.createPair(copy.key, copy.value) : (copy as never));
    return `duplicate ${show(s.path)}`;
  },
  retype(doc, all, rng) {
    const s = rng.pick(all);
    const v = anyValue(rng);
    put(doc, s, v);
    return `retype ${show(s.path)} = ${JSON.stringify(v)}`;
  },
  extreme(doc, all, rng) {
    const scalars = all.filter((s) => isScalar(s.node));
    if (scalars.length === 0) return null;
    const s = rng.pick(scalars);
    const v = extremeFor(scalarOf(s.node), rng);
    put(doc, s, v);
    return `extreme ${show(s.path)} = ${JSON.stringify(v)}`;
  },
  wrongUnit(doc, all, rng) {
    const strings = all.filter((s) => typeof scalarOf(s.node) === 'string');
    if (strings.length === 0) return null;
    const s = rng.pick(strings);
    const v = wrongUnitFor(scalarOf(s.node), rng);
    put(doc, s, v);
    return `wrong unit ${show(s.path)} = ${JSON.stringify(v)}`;
  },
  hugeCount(doc, all, rng) {
    const counts = all.filter((s) => s.path.at(-1) === 'count' || s.path.at(-1) === 'daily');
    const s = rng.pick(counts.length > 0 ? counts : all);
    const v = hugeCount(rng);
    put(doc, s, v);
    return `count ${show(s.path)} = ${v}`;
  },
  nest(doc, all, rng) {
    const s = rng.pick(all);
    const depth = rng.pick([3, 10, 31, 33, 60]);
    put(doc, s, deeplyNested(depth, rng));
    return `nest ${show(s.path)} ${depth} deep`;
  },
  unicode(doc, all, rng) {
    const s = rng.pick(all);
    const v = hostileText(rng);
    if (isMap(s.parent) && rng.chance(0.4)) {
      (s.parent.items[s.index] as Pair).key = doc.createNode(v) as Node;
      return `rename key ${show(s.path)} to ${JSON.stringify(v)}`;
    }
    put(doc, s, v);
    return `text ${show(s.path)} = ${JSON.stringify(v)}`;
  },
  renameKey(doc, all, rng, fields) {
    const keyed = all.filter((s) => isMap(s.parent));
    if (keyed.length === 0) return null;
    const s = rng.pick(keyed);
    const key = String(s.path.at(-1));
    const renamed = rng.chance(0.5) ? rng.pick(fields) : key.slice(0, -1) || 'x';
    (s.parent.items[s.index] as Pair).key = doc.createNode(renamed) as Node;
    return `rename ${show(s.path)} to ${renamed}`;
  },
  addField(doc, all, rng, fields) {
    const maps = [doc.contents, ...all.map((s) => s.node)].filter((n): n is YAMLMap => isMap(n));
    const map = rng.pick(maps);
    const key = rng.pick(fields);
    const value = rng.chance(0.5) ? anyValue(rng) : extremeFor('30d', rng);
    map.items.push(doc.createPair(key, value));
    return `add ${key} = ${JSON.stringify(value)}`;
  },
  swap(doc, all, rng) {
    const a = rng.pick(all);
    const b = rng.pick(all);
    if (a === b) return null;
    put(doc, a, (b.node as Node | null)?.toJSON?.() ?? scalarOf(b.node));
    return `copy ${show(b.path)} to ${show(a.path)}`;
  },
  override(doc, all, rng) {
    const root = doc.contents;
    if (!isMap(root)) return null;
    const s = rng.pick(all);
    const steps = s.path.filter((p) => p !== 'variants' && p !== 'sweep');
    let text = show(steps);
    if (rng.chance(0.15)) text = `${text}.${rng.pick(['__proto__', 'constructor', 'prototype', 'nope'])}`;
    const edge = edgeFor(scalarOf(s.node), rng);
    const value =
      edge !== null && rng.chance(0.7)
        ? edge
        : rng.chance(0.5)
          ? extremeFor(scalarOf(s.node), rng)
          : anyValue(rng);
    const sweep = rng.chance(0.3);
    const section = sweep ? 'sweep' : 'variants';
    let holder = root.get(section) as unknown;
    if (!isMap(holder)) {
      holder = new YAMLMap();
      root.set(section, holder);
    }
    if (sweep)
      (holder as YAMLMap).set(
        text,
        doc.createNode(
          rng.chance(0.5)
            ? [value, scalarOf(s.node) ?? 1]
            : { from: 1, to: rng.pick([3, 1e9]), step: rng.pick([1, 0.001]) },
        ),
      );
    else (holder as YAMLMap).set(`fz-${rng.int(100)}`, doc.createNode({ [text]: value }));
    return `${section} ${text} = ${JSON.stringify(value)}`;
  },
};

// Mutations of the text itself, after the tree is written back.
const TEXT_MUTATIONS: ((text: string, rng: Rng) => [string, string])[] = [
  (t, rng) => {
    const at = rng.int(t.length);
    return [t.slice(0, at), `cut at ${at}`];
  },
  (t, rng) => {
    const at = rng.int(t.length);
    const c = rng.pick([
      '\t',
      '\u0000',
      '{',
      '[',
      ':',
      '&a',
      '*a',
      '!!binary ',
      '\ufeff',
      '"',
      '\r',
      '---\n',
    ]);
    return [`${t.slice(0, at)}${c}${t.slice(at)}`, `insert ${JSON.stringify(c)} at ${at}`];
  },
  (t) => [t.replace(/^ {2}/gm, '\t'), 'tabs for indentation'],
  (t, rng) => {
    const lines = t.split('\n');
    const i = rng.int(lines.length);
    lines.splice(i, 0, lines[i]);
    return [lines.join('\n'), `duplicate line ${i + 1}`];
  },
];

// How often each mutation is picked: edges and overrides often keep a scenario valid, so
// about a third of the mutants run; the rest probe the checks.
const WEIGHTS: Record<keyof typeof MUTATIONS, number> = {
  edge: 8,
  drop: 2,
  duplicate: 1,
  retype: 1,
  extreme: 2,
  wrongUnit: 1,
  hugeCount: 2,
  nest: 0.5,
  unicode: 1,
  renameKey: 0.5,
  addField: 0.5,
  swap: 1,
  override: 3,
};
const NAMES = Object.entries(WEIGHTS).flatMap(([name, w]) => Array<string>(Math.round(w * 2)).fill(name));

/** Makes a mutant of scenario text `text`; `fields` are the scenario format's field names. */
export function mutate(text: string, rng: Rng, fields: readonly string[]): Mutant {
  const doc = parseDocument(text);
  const ops: string[] = [];
  // Mostly one mutation, so a mutant's fate says what that mutation does.
  for (let n = rng.chance(0.6) ? 1 : 2 + rng.int(2), tries = 0; ops.length < n && tries < 10; tries++) {
    const all = slots(doc.contents);
    if (all.length === 0) break;
    const name = rng.pick(NAMES);
    const op = MUTATIONS[name](doc, all, rng, fields);
    if (op !== null) ops.push(op);
  }
  let out = doc.toString({ lineWidth: 0 });
  if (rng.chance(0.1)) {
    const [changed, op] = rng.pick(TEXT_MUTATIONS)(out, rng);
    out = changed;
    ops.push(op);
  }
  return { text: out, ops };
}

/** Every property name the published scenario schema declares (for misplaced and renamed keys). */
export function schemaFieldNames(schema: unknown): string[] {
  const names = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node !== null && typeof node === 'object') {
      const props = (node as { properties?: Record<string, unknown> }).properties;
      if (props !== undefined && typeof props === 'object') for (const k of Object.keys(props)) names.add(k);
      for (const v of Object.values(node)) walk(v);
    }
  };
  walk(schema);
  return [...names].sort();
}
