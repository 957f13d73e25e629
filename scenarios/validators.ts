// The compiled scenario schema validator, typed: ajv standalone code generated from
// scenarios/schema/ by scripts/validators.ts (npm run schema:write) into scenarios/validators/,
// so no command compiles a schema when it starts (issue 16). It comes in parts: the root's
// own keywords, and one module per top-level section, which a command imports only when the
// document has that section (loadValidators; the library entry registers every one). Run in
// the schema's order, the parts give the errors, in the order, of ajv's whole-schema validator.

import type { ErrorObject, ValidateFunction } from 'ajv';
import { LazyModules } from '../models/lazy.js';
import {
  loaders,
  SECTIONS,
  type Section,
  type Validate,
  validate as validateRoot,
} from './validators/index.js';

/** Each top-level section's validator module, by section. */
export type SectionValidators = { [K in Section]: { validate: Validate } };

/** The section validators loaded so far (every one, through the library entry). */
export const SECTION_VALIDATORS = new LazyModules<SectionValidators>('scenario schema section', loaders);

/** Imports the validators of the top-level sections any of these documents has. */
export function loadValidators(documents: readonly Record<string, unknown>[]): Promise<void> {
  return SECTION_VALIDATORS.load(SECTIONS.filter((key) => documents.some((d) => d[key] !== undefined)));
}

/** Validates a scenario's plain value against the published scenario schema (ajv: all errors, verbose). */
export const validateScenario = ((data: unknown): boolean => {
  let errors = validateRoot(data) ? null : (validateRoot.errors as ErrorObject[]);
  if (data !== null && typeof data === 'object' && !Array.isArray(data))
    for (const key of SECTIONS) {
      if ((data as Record<string, unknown>)[key] === undefined) continue;
      const validate = SECTION_VALIDATORS.get(key).validate;
      if (!validate(data)) errors = [...(errors ?? []), ...(validate.errors as ErrorObject[])];
    }
  validateScenario.errors = errors;
  return errors === null;
}) as ValidateFunction;
