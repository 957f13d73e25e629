// The message catalog: every sentence the scenario layer says to a user (STYLE.md §9).
// Unit sentences live beside their parsers in scenarios/units.ts (UNIT_EXPECTED).

import { show } from './issues.js';

/** Every user-facing sentence of the scenario loader, by occasion. */
export const MSG = {
  fileNotFound: () => 'file not found',
  fileIsDirectory: () => 'is a directory, not a scenario file',
  fileTooLarge: (size: number, limit: number) =>
    `file is ${(size / 1048576).toFixed(1)} MiB; scenario files may be at most ${limit / 1048576} MiB`,
  fileNotUtf8: () => 'file is not valid UTF-8 text',
  fileUnreadable: (reason: string) => `cannot read file: ${reason}`,
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  yamlDuplicateKey: (key: string) => `duplicate key "${key}": each key may appear once in a mapping`,
  yamlAliasLimit: (limit: number) =>
    `too many YAML alias expansions (more than ${limit}); anchors and aliases may not be used to blow up the document`,
  yamlTooDeep: (limit: number) => `nesting deeper than ${limit} levels`,
  emptyFile: () => 'the file is empty; a scenario needs at least name:, duration: and regions:',
  notAMapping: (got: unknown) =>
    `expected a mapping of scenario fields (name:, duration:, …), got ${show(got)}`,
  forbiddenKey: (key: string) => `key "${key}" is not allowed (it could alter object prototypes)`,
  unusedSizePrice: (size: string, used: readonly string[]) =>
    `no VM has size "${size}", so this price would change nothing; ${used.length > 0 ? `sizes in the fleet: ${used.join(', ')}` : 'no fleet group sets size:'}`,
  unusedPrice: (reason: string) => `${reason}, so this price would change nothing`,
  required: (field: string) => `missing required field "${field}"`,
  unknownField: (field: string, suggestion: string | null) =>
    `unknown field "${field}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  wrongType: (expected: string, got: unknown) => `expected ${expected}, got ${show(got)}`,
  notAllowed: (allowed: readonly unknown[], got: unknown) =>
    `expected one of ${allowed.map((a) => String(a)).join(', ')}, got ${show(got)}`,
  outOfRange: (range: string, got: unknown) => `expected ${range}, got ${show(got)}`,
  badName: (got: unknown) =>
    `expected a name of lowercase letters, digits and hyphens (like web-tier), got ${show(got)}`,
  listLength: (range: string, got: number) => `expected ${range}, got ${got}`,
  duplicateItem: (got: unknown) => `${show(got)} is listed twice`,
  invalidUnit: (expected: string, got: unknown) =>
    `expected ${expected}, got ${show(got)}${typeof got === 'number' && Number.isFinite(got) ? ' (a number needs its unit)' : ''}`,
  invalidDistribution: (detail: string) => `invalid distribution: ${detail}`,
  unknownReference: (kind: string, name: string, suggestion: string | null) =>
    `unknown ${kind} "${name}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  duplicateName: (kind: string, name: string, firstLine: number) =>
    `duplicate ${kind} name "${name}" (first defined on line ${firstLine})`,
  zoneNotInRegion: (zone: number, region: string, zones: number) =>
    zones === 0
      ? `zone ${zone} does not exist: region ${region} has no availability zones`
      : `zone ${zone} does not exist: region ${region} has zones 1–${zones}`,
  beyondHorizon: (what: string, value: string, horizon: string) =>
    `${what} ${value} is beyond the scenario's duration ${horizon}`,
  beyondHorizonDraws: (what: string, range: string, horizon: string) =>
    `${what} draws ${range}, all at or beyond the scenario's duration ${horizon}`,
  drawBeyondHorizon: (what: string, range: string, horizon: string) =>
    `${what} draws ${range}, which reaches past the scenario's duration ${horizon}: in a run that draws ${horizon} or later the event does not happen, and that run is judged without it`,
  drawBelowZero: (what: string, kind: string, offset: boolean) =>
    `a ${kind} can draw below 0, and ${what} cannot be ${offset ? 'before the start of the run' : 'negative'} (a draw is not moved to 0); use a distribution that stays at 0 or above: uniform, triangular, lognormal, exponential, weibull or empirical`,
  variantPath: (path: string, detail: string) => `variant path "${path}": ${detail}`,
  sweepTooLarge: (count: number, limit: number) =>
    `the sweep expands to ${count} runs; at most ${limit} are allowed (narrow a range or split the sweep)`,
  inVariant: (variant: string, message: string) => `in variant "${variant}": ${message}`,
  hourlyNeedsEnhanced: () =>
    'hourly backups need an enhanced policy (type: enhanced); a standard policy backs up once a day (Azure VM backup support matrix)',
  hourlyInterval: (got: string) =>
    `enhanced hourly backups run every 4h, 6h, 8h or 12h, got ${got} (Azure Backup enhanced policy and instant restore docs)`,
  windowStart: (got: string) =>
    `the hourly window must start between 00:00 and 19:30, got "${got}" (Azure Backup enhanced policy and instant restore docs)`,
  windowDuration: (got: string) =>
    `the hourly window must last whole hours from 4h to 24h, got ${got} (Azure Backup enhanced policy and instant restore docs)`,
  fieldNotFor: (field: string, frequency: string, instead: string | null) =>
    `"${field}" does not apply to ${frequency} schedules${instead !== null ? `; use ${instead}` : ''}`,
  instantRestoreWeekly: (got: string) =>
    `a standard policy with a weekly schedule keeps instant-restore snapshots exactly 5d, got ${got} (Azure Backup enhanced policy and instant restore docs)`,
  instantRestoreRange: (kind: string, max: number, got: string) =>
    `instant-restore retention for ${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind} policy must be whole days from 1d to ${max}d, got ${got} (Azure Backup enhanced policy and instant restore docs)`,
  dailyOnWeekly: () =>
    'a weekly schedule makes no daily recovery points; remove retention.daily or schedule daily backups',
  dailyMinimum: (got: number) =>
    `daily retention must be at least 7 days, got ${got} (Azure VM backup support matrix)`,
  weeklyNotScheduled: () => 'weekly retention keeps a day on which the weekly schedule takes no backup',
  tooManyPoints: (total: number, max: number) =>
    `this retention keeps up to ${total} recovery points per item; Azure allows at most ${max} (Azure VM backup support matrix)`,
  distributionExtra: (kind: string, param: string, wanted: string[]) =>
    `${kind} does not take "${param}"; it takes ${wanted.join(', ')}`,
  distributionMissing: (kind: string, missing: string[]) => `${kind} needs ${missing.join(' and ')}`,
  lognormalBad: () => 'lognormal needs mean > 0 and sd >= 0',
  distributionOrder: (kind: 'uniform' | 'triangular', given: readonly string[]) =>
    `${kind} needs ${kind === 'uniform' ? 'min <= max' : 'min <= mode <= max and min < max'}, got ${given.join(kind === 'uniform' ? ' and ' : ', ')}`,
  distributionPositive: (kind: string, param: string, got: string) =>
    `${kind} ${param} must be > 0, got ${got}`,
  spreadWithDistribution: () =>
    'spread applies to a fixed daily churn; a distribution carries its own spread',
  spreadNeedsMean: () => 'a churn spread needs a daily churn above 0%',
  vmTooLarge: (got: string) =>
    `a VM's disks may add up to at most 256TiB, got ${got} (Azure VM backup support matrix)`,
  diskTooLarge: (got: string) => `a disk may be at most 32TiB, got ${got} (Azure VM backup support matrix)`,
  usedOverSize: (used: string, size: string) => `used ${used} is more than the disk size ${size}`,
  vaultFull: (vault: string, count: number, max: number) =>
    `vault ${vault} protects ${count} VMs; a Recovery Services vault holds at most ${max} Azure VMs (Azure Backup support matrix)`,
  vaultRegion: (vault: string, vaultRegion: string, vmRegion: string) =>
    `vault ${vault} is in ${vaultRegion} but these VMs run in ${vmRegion}; a VM is backed up to a vault in its own region (Azure Backup support matrix)`,
  duplicateVmId: (id: string) => `two VMs would both be named ${id}; rename a fleet group`,
  serverIsVm: (id: string) =>
    `a MARS server would be named ${id}, like a VM of the fleet (a vault keeps its protected items by name); rename the server group or the fleet group`,
  durationTooLong: (got: string, max: string) =>
    `a scenario may simulate at most ${max} (100 years), got ${got}`,
  instantBeforeYearOne: (got: string) =>
    `start ${got} is before 0001-01-01T00:00:00Z; instants are written with four-digit years, from 0001 to 9999`,
  endAfterYear9999: (start: string, duration: string) =>
    `start ${start} plus duration ${duration} ends after 9999-12-31T23:59:59.999Z; instants are written with four-digit years, from 0001 to 9999`,
  noIndex: (where: string, index: number, length: number) =>
    `${where} has ${length} item${length === 1 ? '' : 's'}, so [${index}] does not exist`,
  noElement: (where: string, name: string, suggestion: string | null) =>
    `${where} has no element named "${name}"${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  notAList: (where: string) =>
    `${where === '' ? 'the scenario' : where} is not a list, so an [index] does not apply`,
  noField: (where: string, suggestion: string | null) =>
    `${where} is not set in the base scenario${suggestion !== null ? `; did you mean "${suggestion}"?` : ''}`,
  notAContainer: (where: string) => `${where} is a single value, so the path cannot go further`,
  archiveNeedsLongTerm: () =>
    'archive tiering moves monthly and yearly points only, and this policy keeps neither (Azure Backup archive tier docs)',
  archiveTooSoon: (got: string) =>
    `points become eligible for archive at 3 months old; archive.after must be at least 90d, got ${got} (Azure Backup archive tier docs)`,
  immutableDelete: (vault: string) =>
    `vault ${vault} is immutable: stopping protection with delete data is blocked (Azure Backup immutable vault docs)`,
  snapshotInterval: (got: string) => `disk snapshots may be taken at most every 5m, got every ${got}`,
  marsTimes: (count: number) =>
    `the MARS agent runs at most three backups a day, got ${count} (Azure Backup MARS agent docs)`,
  marsBandwidth: (got: string) =>
    `MARS throttling bandwidth must be from 512Kbps to 1023Mbps, got ${got} (Azure Backup MARS agent docs)`,
  marsFrequency: () =>
    'MARS retention here needs a daily tier (backups run daily) or, with weekdays set, a weekly one',
  badKey: (got: string) =>
    `key ${JSON.stringify(got)} is not allowed here: expected a name of letters, digits and hyphens (a path like policies.daily-30.retention.daily for overrides)`,
  emptyRange: (from: number, to: number, step: number) =>
    `the range from ${from} to ${to} in steps of ${step} has no values; "to" must be at least "from"`,
  reservedVariant: () => 'the name "base" is reserved for the scenario itself; give the variant another name',
  notAFile: () => 'is not a regular file (a device, pipe or socket cannot be a scenario)',
  selfPair: (region: string) => `region ${region} cannot be its own pair`,
  positive: (what: string, got: unknown) => `${what} must be greater than zero, got ${show(got)}`,
  crrNeedsGrs: (redundancy: string) =>
    `Cross Region Restore needs a GRS vault, but this vault is ${redundancy} (Recovery Services vault docs)`,
  crrNeedsPair: (region: string) =>
    `Cross Region Restore needs a paired region, but region ${region} has no pair`,
  zrsNeedsZones: (vault: string, region: string) =>
    `vault ${vault} is ZRS, but region ${region} has no availability zones (zones: 0); ZRS copies the data across availability zones (Azure Storage redundancy docs); use LRS, or a region with zones`,
  grsNeedsPair: (vault: string, region: string) =>
    `vault ${vault} is GRS, but region ${region} has no pair; GRS copies the data to the paired region (Azure Storage redundancy docs); declare the region's pair, or use LRS or ZRS`,
  softDeleteRange: (got: string) =>
    `soft-delete retention must be whole days from 14d to 180d, got ${got} (Azure Backup soft delete docs)`,
} as const;

/** Descriptions of what a field expects, by the schema's `x-expected` keys and types. */
export const EXPECTED: Record<string, string> = {
  string: 'a text value',
  integer: 'a whole number',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list',
  null: 'nothing',
  percentOrDistribution:
    'a percentage like 3%, or a distribution like {distribution: lognormal, mean: 3%, sd: 1%}',
  price: 'a price (a number >= 0), or {value, source, date}',
  percentOrSize: 'a percentage like 60% or a size like 80GiB',
  durationOrFalse: 'a duration like 14d, or false to disable',
  series: 'a series in compact notation like "0+10x100 _ stale" (quoted), or a number',
  weekdays: 'a day of the week like Sunday, or a list of them',
  months: 'a month like January, or a list of them',
  dayOfMonth:
    'a day of the month: 1–28, "last", or an ordinal weekday like "first Sunday" or "last Saturday"',
  sweepValues: 'a list of values, or a range {from, to, step}',
  durationOrDistribution:
    'a duration like 4h, or a distribution like {distribution: triangular, min: 1m, mode: 2m, max: 5m}',
};
