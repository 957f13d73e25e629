// `vaultsim schema`: the published scenario JSON Schema, exactly as committed in
// scenarios/scenario.schema.json (scripts/write-schema.ts writes that file from here).

import { SCENARIO_SCHEMA } from '../../scenarios/schema/index.js';

/** The scenario schema as published: JSON with a 2-space indent and a trailing newline. */
export function schemaText(): string {
  return `${JSON.stringify(SCENARIO_SCHEMA, null, 2)}\n`;
}
