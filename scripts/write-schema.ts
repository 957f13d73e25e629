// Writes the committed copies of the published schemas from the same code that uses them:
// scenarios/scenario.schema.json (what `vaultsim schema` prints),
// scenarios/alert-cases.schema.json (`vaultsim test-alerts` case files) and
// reports/summary.schema.json (the shape of summary.json), and the validators compiled
// from the first two (scenarios/validators/, ajv standalone code: see
// scripts/validators.ts). Run: npm run schema:write.
// test/scenarios/schema-published.test.ts, test/reports/summary.test.ts and
// test/scenarios/validators.test.ts fail until the committed copies are regenerated.

import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaText } from '../cli/commands/schema.js';
import { summarySchemaText } from '../reports/summary.schema.js';
import { alertCasesSchemaText } from '../scenarios/schema/monitor.js';
import { VALIDATORS_DIR, validatorFiles } from './validators.js';

const targets: [string, string][] = [
  ['../scenarios/scenario.schema.json', schemaText()],
  ['../scenarios/alert-cases.schema.json', alertCasesSchemaText()],
  ['../reports/summary.schema.json', summarySchemaText()],
];
// The validators' folder holds only what the schemas generate now (a removed section's module goes).
const validators = fileURLToPath(new URL(`../${VALIDATORS_DIR}/`, import.meta.url));
rmSync(validators, { recursive: true, force: true });
mkdirSync(validators, { recursive: true });
for (const [name, text] of validatorFiles()) targets.push([`../${VALIDATORS_DIR}/${name}`, text]);
for (const [relative, text] of targets) {
  const target = fileURLToPath(new URL(relative, import.meta.url));
  writeFileSync(target, text, 'utf8');
  process.stdout.write(`wrote ${target}\n`);
}
