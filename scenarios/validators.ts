// The compiled schema validators, typed: ajv standalone code generated from scenarios/schema/
// by scripts/validators.ts (npm run schema:write) into validators.generated.ts, so no
// command compiles a schema when it starts (issue 16).

import type { ValidateFunction } from 'ajv';
import { alertCases, scenario } from './validators.generated.js';

/** Validates a scenario's plain value against the published scenario schema (ajv: all errors, verbose). */
export const validateScenario = scenario as unknown as ValidateFunction;

/** Validates a test-alerts cases file's plain value against the published cases schema. */
export const validateAlertCases = alertCases as unknown as ValidateFunction;
