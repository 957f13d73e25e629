// Checks a scenario's plain value against the published JSON Schema with ajv (strict,
// all errors) and turns ajv's errors into positioned issues with catalog messages. The
// validator is ajv's standalone code, generated from the schema ahead of time
// (scenarios/validators.ts): nothing is compiled when a command starts.

import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Issue } from './issues.js';
import { EXPECTED, MSG } from './messages.js';
import type { SchemaNode } from './schema/units.js';
import { issueAt, type PathSegment, type Source } from './source.js';
import { closest } from './suggest.js';
import { UNIT_PARSERS } from './unit-fields.js';
import { validateScenario } from './validators.js';

/** The scenario schema's validator (generated ahead of time, see scenarios/validators.ts). */
export function scenarioValidator(): ValidateFunction {
  return validateScenario;
}

/** Validates `value` against the scenario schema (or another compiled one); one issue per real problem. */
export function checkSchema(
  value: unknown,
  source: Source,
  validate: ValidateFunction = scenarioValidator(),
): Issue[] {
  if (validate(value)) return [];
  return collapse(validate.errors ?? []).map((e) => toIssue(e, value, source));
}

// ajv reports every failed branch of an anyOf. A branch error that only says "this value
// has another shape" (type/enum/const at the anyOf's own value) is noise when another
// branch matched the shape and found a real problem (a duplicate, a bad element, a bad
// field); when no branch did, the anyOf is reported once with what it expects.
const SHAPE = new Set(['type', 'enum', 'const']);

function collapse(errors: ErrorObject[]): ErrorObject[] {
  const dropped = new Set<ErrorObject>();
  for (const any of errors.filter((e) => e.keyword === 'anyOf')) {
    const base = any.schemaPath.replace(/\/anyOf$/, '');
    const branch = errors.filter(
      (e) =>
        e !== any &&
        inside(e, any) &&
        (e.schemaPath.startsWith(base) || e.schemaPath.startsWith('#/$defs/')) &&
        !dropped.has(e),
    );
    const shape = (e: ErrorObject) => e.instancePath === any.instancePath && SHAPE.has(e.keyword);
    const real = branch.filter((e) => !shape(e));
    if (real.length > 0) {
      dropped.add(any);
      for (const e of branch) if (shape(e)) dropped.add(e);
    } else for (const e of branch) dropped.add(e);
  }
  // A bad key is reported twice: by the key's own schema (at the mapping) and by
  // propertyNames (naming the key); keep the one that names it.
  const keyChecked = new Set(errors.filter((e) => e.keyword === 'propertyNames').map((e) => e.instancePath));
  for (const e of errors)
    if (
      e.keyword !== 'propertyNames' &&
      keyChecked.has(e.instancePath) &&
      (e.params as { propertyName?: string }).propertyName === undefined &&
      e.keyword === 'pattern'
    )
      dropped.add(e);
  // A $ref'd unit or name may also fail `type`; one message per value is enough.
  const seen = new Set<string>();
  return errors.filter((e) => {
    if (dropped.has(e)) return false;
    const p = e.params as { propertyName?: string };
    const detail =
      e.keyword === 'required' || e.keyword === 'additionalProperties' || p.propertyName !== undefined
        ? JSON.stringify(e.params)
        : '';
    const key = `${e.instancePath}|${detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const inside = (e: ErrorObject, parent: ErrorObject) =>
  e.instancePath === parent.instancePath || e.instancePath.startsWith(`${parent.instancePath}/`);

function toIssue(e: ErrorObject, root: unknown, source: Source): Issue {
  const path = pointerToPath(e.instancePath, root);
  const got = valueAt(root, path);
  const parentSchema = e.parentSchema as SchemaNode | undefined;
  const unitName = /#\/\$defs\/(\w+)\//.exec(e.schemaPath)?.[1];
  const propertyName = (e.params as { propertyName?: string }).propertyName;
  if (propertyName !== undefined) {
    const names = (parentSchema?.propertyNames as SchemaNode | undefined)?.$ref === '#/$defs/name';
    const message = names ? MSG.badName(propertyName) : MSG.badKey(propertyName);
    return issueAt(source, 'bad-name', [...path, propertyName], message, { key: true });
  }
  switch (e.keyword) {
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      return issueAt(source, 'required', path, MSG.required(field));
    }
    case 'additionalProperties': {
      const field = (e.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((parentSchema?.properties as object | undefined) ?? {});
      return issueAt(
        source,
        'unknown-field',
        [...path, field],
        MSG.unknownField(field, closest(field, known)),
        {
          key: true,
          allowed: known.join(', '),
        },
      );
    }
    case 'anyOf': {
      const key = parentSchema?.['x-expected'] as string | undefined;
      return issueAt(
        source,
        'wrong-type',
        path,
        MSG.wrongType(EXPECTED[key ?? ''] ?? 'another kind of value', got),
        {
          received: JSON.stringify(got),
        },
      );
    }
    case 'enum':
    case 'const': {
      const allowed =
        e.keyword === 'enum'
          ? (e.params as { allowedValues: unknown[] }).allowedValues
          : [(e.params as { allowedValue: unknown }).allowedValue];
      return issueAt(source, 'not-allowed', path, MSG.notAllowed(allowed, got), {
        allowed: allowed.join(', '),
      });
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return issueAt(source, 'out-of-range', path, MSG.outOfRange(rangeText(parentSchema), got), {
        allowed: rangeText(parentSchema),
      });
    case 'minItems':
    case 'maxItems':
      return issueAt(
        source,
        'list-length',
        path,
        MSG.listLength(itemsText(parentSchema), (got as unknown[]).length),
      );
    case 'uniqueItems': {
      const { i } = e.params as { i: number };
      return issueAt(source, 'duplicate-item', [...path, i], MSG.duplicateItem((got as unknown[])[i]));
    }
    case 'propertyNames': {
      const name = (e.params as { propertyName: string }).propertyName;
      return issueAt(source, 'bad-name', [...path, name], MSG.badName(name), { key: true });
    }
  }
  if (unitName !== undefined && unitName in UNIT_PARSERS) {
    const parsed = UNIT_PARSERS[unitName](got);
    const expected = parsed.ok ? (EXPECTED[unitName] ?? `a valid ${unitName}`) : parsed.expected;
    return issueAt(source, 'invalid-unit', path, MSG.invalidUnit(expected, got), {
      received: JSON.stringify(got),
      ...(parsed.ok || parsed.allowed === undefined ? {} : { allowed: parsed.allowed }),
    });
  }
  if (unitName === 'name' || (e.keyword === 'pattern' && e.schemaPath.includes('/name/')))
    return issueAt(source, 'bad-name', path, MSG.badName(got));
  if (e.keyword === 'type') {
    const type = (e.params as { type: string }).type;
    return issueAt(source, 'wrong-type', path, MSG.wrongType(EXPECTED[type] ?? type, got));
  }
  if (e.keyword === 'pattern') {
    const key = parentSchema?.['x-expected'] as string | undefined;
    return issueAt(source, 'wrong-type', path, MSG.wrongType(EXPECTED[key ?? ''] ?? 'another value', got));
  }
  return issueAt(source, 'wrong-type', path, MSG.wrongType('another value', got));
}

function rangeText(schema: SchemaNode | undefined): string {
  const kind = schema?.type === 'integer' ? 'a whole number' : 'a number';
  const lo = (schema?.minimum ?? schema?.exclusiveMinimum) as number | undefined;
  const hi = (schema?.maximum ?? schema?.exclusiveMaximum) as number | undefined;
  if (lo !== undefined && hi !== undefined) return `${kind} from ${lo} to ${hi}`;
  if (lo !== undefined) return `${kind} ${schema?.exclusiveMinimum !== undefined ? '>' : '>='} ${lo}`;
  return `${kind} <= ${hi}`;
}

function itemsText(schema: SchemaNode | undefined): string {
  const lo = schema?.minItems as number | undefined;
  const hi = schema?.maxItems as number | undefined;
  if (lo !== undefined && hi !== undefined) return `from ${lo} to ${hi} items`;
  if (lo !== undefined) return `at least ${lo} item${lo === 1 ? '' : 's'}`;
  return `at most ${hi} items`;
}

/** Converts a JSON pointer (/fleet/0/disks) into path segments, numbers for list steps. */
export function pointerToPath(pointer: string, root: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const step: PathSegment = Array.isArray(node) ? Number(seg) : seg;
    out.push(step);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[seg] : undefined;
  }
  return out;
}

/** The value at a path in plain data (undefined when absent). */
export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let node = root;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Object.hasOwn(node, seg) ? (node as Record<PathSegment, unknown>)[seg] : undefined;
  }
  return node;
}
