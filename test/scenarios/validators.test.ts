// The schema validators are ajv standalone code generated ahead of time (issue 16): the
// committed module must be exactly what the schemas generate now, and must judge values
// exactly as ajv compiling the same schema at run time would.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCENARIO_SCHEMA } from '../../scenarios/schema/index.js';
import { validateScenario } from '../../scenarios/validators.js';
import { AJV_OPTIONS, VALIDATORS_FILE, validatorsSource } from '../../scripts/validators.js';

const root = resolve(import.meta.dirname, '../..');
const examples = join(root, 'scenarios/examples');

describe('generated validators', () => {
  it('the committed scenarios/validators.generated.ts is what the schemas generate (npm run schema:write)', () => {
    expect(readFileSync(join(root, VALIDATORS_FILE), 'utf8')).toBe(validatorsSource());
  });

  it('loads no compiler: the generated module imports only ajv runtime helpers', () => {
    const text = readFileSync(join(root, VALIDATORS_FILE), 'utf8');
    const specs = [...text.matchAll(/^import .* from "([^"]+)";$/gm)].map((m) => m[1]).sort();
    expect(specs).toEqual(['ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js']);
    expect(text).not.toMatch(/\brequire\(/);
  });

  it('gives the same verdict and errors as ajv compiling the schema at run time', () => {
    const ajv = new Ajv2020({ ...AJV_OPTIONS });
    ajv.addVocabulary(['x-expected']);
    const compiled = ajv.compile(SCENARIO_SCHEMA);
    const values: unknown[] = readdirSync(examples)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => parse(readFileSync(join(examples, f), 'utf8')));
    // And broken ones: a missing field, a bad unit, an unknown key, a wrong type.
    values.push(
      {},
      { name: 'x', duration: '12 parsecs', regions: [{ name: 'eastus' }] },
      { name: 'x', duration: '1d', regions: [{ name: 'eastus', colour: 'blue' }] },
      { name: 'x', duration: '1d', regions: 'eastus', seed: -1 },
    );
    for (const value of values) {
      const a = compiled(value);
      const b = validateScenario(value);
      expect(b).toBe(a);
      const strip = (errors: typeof compiled.errors) =>
        (errors ?? []).map(({ instancePath, schemaPath, keyword, params }) => ({
          instancePath,
          schemaPath,
          keyword,
          params,
        }));
      expect(strip(validateScenario.errors)).toEqual(strip(compiled.errors));
    }
    // The broken values must have failed, or the comparison above proves little.
    expect(values.slice(-4).map((v) => validateScenario(v))).toEqual([false, false, false, false]);
  });
});
