// The schema validators are ajv standalone code generated ahead of time (issue 16): the
// committed modules must be exactly what the schemas generate now, and the scenario
// validator, in parts, must judge values exactly as ajv compiling the whole schema at run
// time would.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SCENARIO_SCHEMA } from '../../scenarios/schema/index.js';
import { validateScenario } from '../../scenarios/validators.js';
import { AJV_OPTIONS, VALIDATORS_DIR, validatorFiles } from '../../scripts/validators.js';

const root = resolve(import.meta.dirname, '../..');
const examples = join(root, 'scenarios/examples');

describe('generated validators', () => {
  it('the committed scenarios/validators/ is what the schemas generate (npm run schema:write)', () => {
    const generated = validatorFiles();
    expect(readdirSync(join(root, VALIDATORS_DIR)).sort()).toEqual([...generated.keys()].sort());
    for (const [name, text] of generated)
      expect(readFileSync(join(root, VALIDATORS_DIR, name), 'utf8'), name).toBe(text);
    // One module per top-level section, besides the root's part, the eager index and the cases'.
    expect(generated.has('scenario-fleet.js') && generated.has('scenario-monitor.js')).toBe(true);
  });

  it('loads no compiler: the generated modules import only ajv runtime helpers and each other', () => {
    const specs = new Set<string>();
    for (const [name, text] of validatorFiles()) {
      for (const m of text.matchAll(/^import .* from "([^"]+)";$/gm)) specs.add(m[1]);
      expect(text, name).not.toMatch(/\brequire\(/);
    }
    const outside = [...specs].filter((s) => !s.startsWith('./')).sort();
    expect(outside).toEqual(['ajv/dist/runtime/equal.js', 'ajv/dist/runtime/ucs2length.js']);
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
      // Errors at the root and in several sections, which the generated validator checks
      // by separate functions: ajv's order must hold across them.
      {
        duration: 7,
        colour: 'blue',
        regions: [{ name: 'eastus', zones: 9 }],
        fleet: [{ name: 'web', region: 'eastus', disks: [{ size: '12 parsecs' }], count: 0 }],
        monitor: { alerts: [{ name: 'a' }] },
        sweep: 3,
      },
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
    expect(values.slice(-5).map((v) => validateScenario(v))).toEqual([false, false, false, false, false]);
  });
});
