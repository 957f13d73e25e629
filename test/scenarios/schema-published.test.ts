// The committed scenarios/scenario.schema.json is what `vaultsim schema` prints, and
// every field in it tells an editor user what it is for.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { schemaText } from '../../cli/commands/schema.js';
import { SCENARIO_SCHEMA } from '../../scenarios/schema/index.js';

const committed = resolve(import.meta.dirname, '../../scenarios/scenario.schema.json');

/** Paths of every `properties` entry (anywhere in the schema) that has no description. */
function undescribed(node: unknown, path: string): string[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => undescribed(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  const out: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'properties' && value !== null && typeof value === 'object') {
      for (const [name, field] of Object.entries(value)) {
        const description = (field as { description?: unknown }).description;
        if (typeof description !== 'string' || description.trim() === '')
          out.push(`${path}.properties.${name}`);
      }
    }
    out.push(...undescribed(value, `${path}.${key}`));
  }
  return out;
}

describe('published scenario schema', () => {
  it('the committed file equals the generated schema (run npm run schema:write after a change)', () => {
    expect(readFileSync(committed, 'utf8')).toBe(schemaText());
  });

  it('every field under any properties has a description', () => {
    expect(undescribed(SCENARIO_SCHEMA, '#')).toEqual([]);
  });

  it('the walk finds a field without a description', () => {
    const sample = {
      properties: { a: { description: 'ok' }, b: { description: 'ok', items: { properties: { c: {} } } } },
    };
    expect(undescribed(sample, '#')).toEqual(['#.properties.b.items.properties.c']);
  });
});
