// Branded number types for the three quantities the kernel moves around. A brand costs
// nothing at run time; it stops a duration being passed where a size is expected.
// Only the unit parsers (scenarios/units.ts), the clock and these constructors make them.

declare const brand: unique symbol;
/** A number tagged with the unit it is measured in. */
export type Branded<T extends string> = number & { readonly [brand]: T };

/** Simulation time or a duration, in integer milliseconds. */
export type Millis = Branded<'Millis'>;
/** A size in bytes. */
export type Bytes = Branded<'Bytes'>;
/** A bandwidth in bytes per second. */
export type BytesPerSec = Branded<'BytesPerSec'>;

/** Tags a number as milliseconds (no conversion). */
export const millis = (n: number): Millis => n as Millis;
/** Tags a number as bytes (no conversion). */
export const bytes = (n: number): Bytes => n as Bytes;
/** Tags a number as bytes per second (no conversion). */
export const bytesPerSec = (n: number): BytesPerSec => n as BytesPerSec;

/** Milliseconds in common spans, for readable arithmetic. */
export const MS = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 604_800_000,
} as const;
