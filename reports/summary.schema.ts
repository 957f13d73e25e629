// The published JSON Schema (draft 2020-12) of summary.json, the object buildSummary
// returns. reports/summary.schema.json is a committed copy (scripts/write-schema.ts), and a
// test checks both that the copy is current and that a real run's summary validates.

import { COST_DIMENSION_ORDER, METER_LABELS, METER_ORDER } from './format.js';
import { int, type JsonSchema, list, nullable, num, obj, ref, str, withOptional } from './schema-nodes.js';
import { ALERTS_SCHEMA } from './summary-alerts.js';
import { DR_SCHEMA, OBJECTIVES_SCHEMA } from './summary-dr.schema.js';
import { OPERATIONS_SCHEMA } from './summary-operations.js';
import { RESTORES_SCHEMA } from './summary-restores.js';
import { WORKLOADS_SCHEMA } from './summary-workloads.js';

/** A JSON Schema node. */
export type { JsonSchema } from './schema-nodes.js';

/** The `$id` of the summary schema; its version is the summary's schemaVersion. */
export const SUMMARY_SCHEMA_ID = 'https://vaultsim.dev/schema/summary/v2.json';

const bytes = (what: string) => int(`Bytes ${what}.`);

const TIER_BYTES = obj('Stored bytes per storage tier.', {
  snapshot: bytes('of instant-restore snapshots'),
  standard: bytes('in vault-standard (soft-deleted data excluded)'),
  archive: bytes('in vault-archive'),
  softDeleted: bytes('held in soft delete'),
});

const POINT_COUNTS = obj('Recovery points, and how many each GFS tier keeps (a point may be in several).', {
  snapshot: int('Instant-restore snapshots.'),
  vault: int('Points in vault-standard.'),
  archive: int('Points in vault-archive.'),
  daily: int('Points kept by a daily retention rule.'),
  weekly: int('Points kept by a weekly retention rule.'),
  monthly: int('Points kept by a monthly retention rule.'),
  yearly: int('Points kept by a yearly retention rule.'),
  onDemand: int('Points of on-demand backups.'),
});

const END_PEAK_POINTS = obj('Recovery points at the end of the run and the highest daily count.', {
  end: ref('At the end of the run.', 'pointCounts'),
  peak: ref(
    'Highest end-of-day value of each count over the run (each count on its own day).',
    'pointCounts',
  ),
});

const METER_COST = obj('What a meter consumed and what it cost.', {
  amount: num('Cost in the currency, rounded to cents.'),
  quantity: num('How much of the meter was used, rounded to 3 decimals.'),
  unit: { description: 'What the quantity counts.', enum: ['instance-month', 'GB-month', 'GB', 'hour'] },
});

const METERS = obj(
  'Cost by meter, every meter present.',
  Object.fromEntries(METER_ORDER.map((m) => [m, ref(`The ${METER_LABELS[m]} meter.`, 'meterCost')])),
);

const SECONDS = obj('Vault-transfer durations in seconds, rounded to milliseconds (all 0 when count is 0).', {
  count: int('Number of transfers.'),
  mean: num('Mean.'),
  p50: num('Median.'),
  p95: num('95th percentile.'),
  p99: num('99th percentile.'),
  max: num('Longest.'),
});

const VAULT = obj('One Recovery Services vault at the end of the run.', {
  name: str('Vault name from the scenario.'),
  region: str('Region the vault is in.'),
  redundancy: { description: 'Storage redundancy of the vault.', enum: ['LRS', 'ZRS', 'GRS'] },
  crossRegionRestore: {
    description: 'Whether Cross Region Restore is on (billed as RA-GRS).',
    type: 'boolean',
  },
  items: int('Protected items backed up to the vault.'),
  storage: obj('Stored bytes per tier.', {
    end: ref('At the end of the run.', 'tierBytes'),
    peak: ref(
      "Highest value of each tier during the run (each tier on its own instant), exact: every total the vault held counts, including several changes at one instant (a new point landing before the expired one is removed). The run's storage.peak defined for this vault alone.",
      'tierBytes',
    ),
  }),
  points: ref("Recovery points of the vault's items.", 'endPeakPoints'),
});

const JOB = obj('Backup jobs of one policy (or one group of MARS servers).', {
  policy: str('Policy name.'),
  kind: {
    description:
      'What the jobs protect: Azure VMs, MARS servers, SQL databases in Azure VMs, Azure file shares, MABS/DPM machines.',
    enum: ['azure-vm', 'mars', 'sql', 'files', 'dpm'],
  },
  items: int('Protected items using the policy.'),
  scheduled: int('Jobs the schedule started.'),
  attempts: int('Job attempts, retries included.'),
  succeeded: int('Attempts that succeeded.'),
  failed: int('Attempts that failed.'),
  failedByCause: {
    description: 'Failed attempts by cause, causes in code-unit order.',
    type: 'object',
    propertyNames: { pattern: '^[a-z0-9-]+$' },
    additionalProperties: int('Failed attempts with this cause.'),
  },
  retried: int('Attempts that were retries.'),
  snapshots: int('Instant-restore snapshots taken.'),
  vaultTransfers: int('Transfers to the vault that finished.'),
  bytesTransferred: bytes('sent to the vault'),
  transferSeconds: ref('How long vault transfers took.', 'summary5'),
  rpoExposureSeconds: ref(
    "Time between an item's consecutive recovery points, seconds: what a failure just before a backup would lose.",
    'summary5',
  ),
  points: ref("Recovery points of the policy's items.", 'endPeakPoints'),
});

const MONTH = obj('The cost of one calendar month (or its part inside the run).', {
  month: str('UTC calendar month, YYYY-MM.', '^[0-9]{4}-[0-9]{2}$'),
  fraction: num('Share of the month inside the run, 0 < fraction <= 1, to 6 decimals.'),
  meters: ref('Cost by meter.', 'meters'),
  total: num("Sum of the meters' unrounded amounts, rounded to cents."),
});

const SHARE = obj("One key's share of the run's cost.", {
  key: str(
    'The vault, policy, region, meter or item; "(none)" for charges without one, "(N other items)" for the items past the 20 largest.',
  ),
  amount: num(
    "Cost over the run in cents, rounded so that the dimension's shares add up exactly to the total (largest remainder).",
  ),
});

const BY = obj(
  'The cost over the run split along each dimension; each split adds up to the total.',
  Object.fromEntries(
    COST_DIMENSION_ORDER.map((d) => [
      d,
      list(
        d === 'item'
          ? 'By protected item, largest first: the 20 largest, then one "(N other items)" row, and "(none)" for charges not per item.'
          : `By ${d}, largest first (ties by key).`,
        SHARE,
      ),
    ]),
  ),
);

const PRICE = obj('A price-table entry the cost lines used, with where it comes from.', {
  path: str('Its path in the price table, e.g. "vaultStorage.GRS" or "regions.westus.vaultStorage.GRS".'),
  value: num('The unit price, in the currency.'),
  unit: str('What the price is per, e.g. "USD per GB-month".'),
  source: str('Where the number comes from; "override" for a bare value the scenario set.'),
  date: str('When the source stated it.'),
  assumption: nullable(str('Why this value was picked when no source gives it, or null.')),
});

const COST = obj('What the run cost at list prices.', {
  currency: str('ISO 4217 code of every amount.', '^[A-Z]{3}$'),
  months: {
    description: 'One entry per calendar month the run touches, in order.',
    type: 'array',
    items: MONTH,
  },
  totals: ref('Per meter, the sum over the months.', 'meters'),
  total: num('Cost of the whole run.'),
  monthsCovered: num('Length of the run in calendar months (sum of the fractions).'),
  averagePerMonth: num('total / monthsCovered.'),
  yearlyRunRate: num(
    "Twelve times the last full month's total, or the average per month's when none is full.",
  ),
  runRateBasis: str('The month (YYYY-MM) the run rate is based on, or "average".'),
  by: BY,
  prices: list('The price-table entries the cost used, by path.', PRICE),
  notes: list('Things a reader of the bill should know once.', str('One note.')),
});

const DISK_FULL = obj(
  "A fleet group's disk that growth filled during the run: from then on its used bytes stay at its size (writes that would add data fail, as on a full managed disk), and only overwrites change it.",
  {
    group: str('The fleet group.'),
    disk: str("The disk's name."),
    vms: int('VMs of the group whose disk became full at this instant.'),
    size: bytes('provisioned, where used bytes stop'),
    from: str('When the disk became full, ISO 8601 UTC.', '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$'),
  },
);

const RUN_FIELDS = obj('One run: the base scenario or a variant.', {
  variant: str('"base" or the variant\'s name.'),
  seed: { description: 'Seed of the random streams.', type: 'integer', minimum: 0, maximum: 4294967295 },
  start: str('Start of simulated time, ISO 8601 UTC.', '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$'),
  end: str('End of simulated time, ISO 8601 UTC.', '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$'),
  days: num('Length of the run in days.'),
  eventsProcessed: int('Events the simulation processed.'),
  fingerprint: str(
    "Hash of the processed events' (time, kind, subject); equal runs have equal fingerprints.",
    '^[0-9a-f]+$',
  ),
  storage: obj('Stored bytes over all vaults.', {
    end: ref('At the end of the run.', 'tierBytes'),
    peak: ref(
      "Highest total of each tier summed over the vaults, each tier on its own instant: in each storage-sample window (the ledgers' buckets: one hour by default, doubled when a long run fills them; a single instant when not downsampled) every vault counts at the highest total it held in that window, including several changes at one instant. With one vault it equals the vault's peak; with several it is at least each vault's peak, at most their sum, and never below the true peak of their sum.",
      'tierBytes',
    ),
    diskSnapshots: obj('Managed-disk snapshots taken outside Azure Backup.', {
      end: bytes('at the end of the run'),
      peak: bytes('at the highest point'),
    }),
  }),
  diskFull: list('Disks that growth filled during the run, in fleet order; empty when none did.', DISK_FULL),
  vaults: { description: 'Every vault, in scenario order.', type: 'array', items: VAULT },
  jobs: { description: 'Backup jobs per policy, in scenario order.', type: 'array', items: JOB },
  cost: COST,
  dr: DR_SCHEMA,
  objectives: OBJECTIVES_SCHEMA,
  alerts: ALERTS_SCHEMA,
});

// A run has `operations` only when its scenario has some (issue 14), `workloads` likewise (issue 17).
const RUN = withOptional(RUN_FIELDS, {
  operations: OPERATIONS_SCHEMA,
  workloads: WORKLOADS_SCHEMA,
  restores: RESTORES_SCHEMA, // issue 18: only when a restore ran
});

/** JSON Schema of summary.json (draft 2020-12); every property carries a description. */
export const SUMMARY_SCHEMA: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: SUMMARY_SCHEMA_ID,
  title: 'vaultsim run summary',
  ...obj('What `vaultsim run` produced for a scenario: one entry per run (base, then variants).', {
    schemaVersion: { description: 'Version of this format; changes when it breaks.', const: 2 },
    tool: obj('The program that wrote the summary.', {
      name: { description: 'Always "vaultsim".', const: 'vaultsim' },
      version: str("vaultsim's version."),
    }),
    scenario: obj('The scenario that was run, by file name and content (never by the path typed).', {
      file: str(
        "The scenario file's name, without its folder, so a run from another folder gives the same bytes.",
      ),
      name: str("The scenario's name."),
      hash: nullable(
        str(
          "SHA-256 of the scenario file's bytes, as sha256:<hex>; null when not computed.",
          '^sha256:[0-9a-f]{64}$',
        ),
      ),
    }),
    runs: { description: 'Every run, base first.', type: 'array', items: RUN },
  }),
  $defs: {
    tierBytes: TIER_BYTES,
    pointCounts: POINT_COUNTS,
    endPeakPoints: END_PEAK_POINTS,
    meterCost: METER_COST,
    meters: METERS,
    summary5: SECONDS,
  },
};

/** The summary schema as committed: JSON with a 2-space indent and a trailing newline. */
export function summarySchemaText(): string {
  return `${JSON.stringify(SUMMARY_SCHEMA, null, 2)}\n`;
}
