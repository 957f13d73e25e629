// The unit parsers by the schema's `$defs` names, so schema errors on a unit value are
// explained by the parser that will read it.

import {
  parseBandwidth,
  parseDuration,
  parseInstant,
  parsePercent,
  parseSize,
  parseTimeOfDay,
  parseTimeZone,
  type UnitResult,
} from './units.js';

/** Parser for each unit-bearing `$defs` entry of the scenario schema. */
export const UNIT_PARSERS: Record<string, (input: unknown) => UnitResult<unknown>> = {
  duration: parseDuration,
  size: parseSize,
  bandwidth: parseBandwidth,
  percent: (input) => parsePercent(input),
  instant: parseInstant,
  timeOfDay: parseTimeOfDay,
  timeZone: parseTimeZone,
};
