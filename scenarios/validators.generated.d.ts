// Types of validators.generated.js, the ajv standalone code scripts/validators.ts writes
// (npm run schema:write); scenarios/validators.ts gives them ajv's ValidateFunction type.

/** The scenario schema's validator. */
export declare const scenario: (data: unknown) => boolean;
/** The test-alerts cases schema's validator. */
export declare const alertCases: (data: unknown) => boolean;
