// Builders of JSON Schema nodes shared by the summary's schema modules (summary.schema.ts,
// summary-dr.schema.ts, summary-alerts.ts): every property described, every object exact.

/** A JSON Schema node. */
export type JsonSchema = { [keyword: string]: unknown };

/** A whole number ≥ 0. */
export const int = (description: string): JsonSchema => ({ description, type: 'integer', minimum: 0 });
/** Any number. */
export const num = (description: string): JsonSchema => ({ description, type: 'number' });
/** A string, optionally matching a pattern. */
export const str = (description: string, pattern?: string): JsonSchema =>
  pattern === undefined ? { description, type: 'string' } : { description, type: 'string', pattern };
/** A reference to one of the schema's `$defs`. */
export const ref = (description: string, def: string): JsonSchema => ({
  description,
  $ref: `#/$defs/${def}`,
});
/** The node, or null. */
export const nullable = (node: JsonSchema): JsonSchema => ({
  description: node.description,
  anyOf: [{ ...node }, { type: 'null' }],
});
/** An array of items. */
export const list = (description: string, items: JsonSchema): JsonSchema => ({
  description,
  type: 'array',
  items,
});

/** The object node with more properties, which may be absent (only some runs have them). */
export function withOptional(node: JsonSchema, properties: Record<string, JsonSchema>): JsonSchema {
  return { ...node, properties: { ...(node.properties as Record<string, JsonSchema>), ...properties } };
}

/** An object whose every property is required and no other is allowed: the summary's shape is exact. */
export function obj(description: string, properties: Record<string, JsonSchema>): JsonSchema {
  return {
    description,
    type: 'object',
    required: Object.keys(properties),
    additionalProperties: false,
    properties,
  };
}
