// Writes scenarios/scenario.schema.json, the committed copy of the published scenario
// schema, from the same function `vaultsim schema` prints. Run: npm run schema:write.
// test/scenarios/schema-published.test.ts fails until the committed copy is regenerated.

import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { schemaText } from '../cli/commands/schema.js';

const target = fileURLToPath(new URL('../scenarios/scenario.schema.json', import.meta.url));
writeFileSync(target, schemaText(), 'utf8');
process.stdout.write(`wrote ${target}\n`);
