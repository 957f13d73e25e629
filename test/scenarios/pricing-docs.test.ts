// The pricing table of docs/scenario-format.md is the schema's `pricing`, row for row: every
// price the schema takes (and nothing else), each with the default and unit of
// models/pricing/defaults.ts.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRICES } from '../../models/pricing/defaults.js';
import { SCENARIO_SCHEMA } from '../../scenarios/schema/index.js';

const DOC = readFileSync(resolve(import.meta.dirname, '../../docs/scenario-format.md'), 'utf8');

interface Row {
  fields: string[];
  defaults: string[];
  unit: string;
}

// The rows of the first table after `### pricing`; `a.LRS` / `.ZRS` names two fields, and a
// default `0.028` / `0.035` gives each of them its own.
function pricingRows(): Row[] {
  const section = DOC.slice(DOC.indexOf('\n### pricing\n'));
  const lines = section.split('\n');
  const start = lines.findIndex((l) => l.startsWith('| field |'));
  const header = lines[start].split('|').map((c) => c.trim());
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const cells = line.split('|').map((c) => c.trim());
    const names = [...cells[1].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    const first = names[0];
    const fields = names.map((n) => (n.startsWith('.') ? first.slice(0, first.lastIndexOf('.')) + n : n));
    const defaults = [...cells[header.indexOf('default')].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    rows.push({ fields, defaults, unit: cells[header.indexOf('unit')] });
  }
  return rows;
}

type Node = { properties?: Record<string, Node>; additionalProperties?: Node | boolean };

// Every field the schema's pricing takes: its leaves, and `<size>` / `<region>` for its open maps.
function schemaFields(node: Node, path: string): string[] {
  if (node.properties === undefined) {
    if (typeof node.additionalProperties === 'object')
      return [`${path}.${path.endsWith('sizes') ? '<size>' : '<region>'}`];
    return [path];
  }
  return Object.entries(node.properties).flatMap(([k, v]) =>
    schemaFields(v, path === '' ? k : `${path}.${k}`),
  );
}

const priced = (path: string): { value: number; unit: string } | undefined =>
  path
    .split('.')
    .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], DEFAULT_PRICES) as
    | { value: number; unit: string }
    | undefined;

describe('docs/scenario-format.md pricing table', () => {
  const rows = pricingRows();
  const pricing = (SCENARIO_SCHEMA as { properties: { pricing: Node } }).properties.pricing;

  it('lists every price the schema takes, and no other', () => {
    const documented = rows.flatMap((r) => r.fields).sort();
    expect(documented).toEqual(schemaFields(pricing, '').sort());
    expect(documented).toContain('siteRecovery.perInstance');
    expect(documented).not.toContain('asrPerInstance');
  });

  it('gives each price the default and unit of models/pricing/defaults.ts', () => {
    let checked = 0;
    for (const row of rows)
      row.fields.forEach((field, i) => {
        const p = priced(field);
        if (p === undefined || typeof p.value !== 'number') return;
        expect(Number(row.defaults[i] ?? row.defaults[0]), field).toBe(p.value);
        expect(row.unit.startsWith(p.unit), `${field}: unit ${row.unit}, defaults.ts ${p.unit}`).toBe(true);
        checked++;
      });
    expect(checked).toBe(22);
    expect(rows.find((r) => r.fields.includes('currency'))!.defaults).toEqual([DEFAULT_PRICES.currency]);
  });
});
