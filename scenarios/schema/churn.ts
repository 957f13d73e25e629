// Schema for a `churn:` block: how much of some data changes per day, as a daily percentage
// (or a distribution of it) and its day-to-day spread. Every protected data set has one; each
// section words it for its own data (fleet disks' used data, SQL databases, servers' data).

import { quantityOrDistribution, type SchemaNode, unit } from './units.js';

/** A daily-change block, worded by the section: its description, the daily value's and the spread's. */
export function dailyChange(description: string, daily: string, spread: string): SchemaNode {
  return {
    description,
    type: 'object',
    required: ['daily'],
    additionalProperties: false,
    properties: {
      daily: quantityOrDistribution('percent', daily),
      spread: unit('percent', spread),
    },
  };
}

/** The `churn:` of a server's, protection group's or file share's data (MARS, MABS/DPM, Azure Files). */
export const DATA_CHURN: SchemaNode = dailyChange(
  'How much of the data changes per day.',
  'Daily churn as a percentage of the data, or a distribution of it.',
  'Day-to-day standard deviation of the churn.',
);
