// Schema-valid raw scenario data → a typed Scenario: units parsed, defaults filled,
// fleet expanded, cross-references and Azure limits checked. Returns every issue. The
// optional sections' normalisers come from ./sections.ts, loaded for the sections the
// scenario has (issue 16).

import { type Millis, MS, millis } from '../../engine/units.js';
import type { Scenario } from '../../models/scenario/types.js';
import type { Workloads } from '../../models/scenario/workloads.js';
import type { Issue } from '../issues.js';
import { MSG } from '../messages.js';
import type { Source } from '../source.js';
import { formatDuration, formatInstant, parseDuration, parseInstant } from '../units.js';
import { Context } from './context.js';
import { normaliseDr } from './dr.js';
import { declareFleet, normaliseFleet } from './fleet.js';
import { normaliseBackupJobs, normaliseServers } from './mars.js';
import { warnNoOps } from './no-ops.js';
import { normalisePolicies } from './policies.js';
import { normalisePricing } from './pricing.js';
import type { PriceUse } from './pricing-uses.js';
import { HAS_SECTION, SECTIONS } from './sections.js';
import { normaliseLinks, normaliseRegions, normaliseVaults } from './topology.js';

/** Simulated time starts here unless the scenario says otherwise. */
export const DEFAULT_START = '2026-01-01T00:00:00Z';
/** The seed used when a scenario gives none. */
export const DEFAULT_SEED = 1;
// A horizon long enough for yearly retention to matter, short enough to stay exact in ms.
const MAX_DURATION = 100 * 365 * MS.day;

// The raw document after schema validation (field shapes are guaranteed, values not yet parsed).
type Raw = Record<string, unknown> & { name: string; duration: string; regions: never[] };

/** Normalises one concrete (variant-applied) raw scenario. */
export function normalise(
  raw: unknown,
  source: Source,
  variant: string,
  /** What every run of the file (base, variants, sweep points) could bill: a price is judged by all. */
  priceUse: PriceUse,
): { scenario: Scenario | null; issues: Issue[]; warnings: Issue[] } {
  const ctx = new Context(source);
  const r = raw as Raw;
  const duration = readDuration(ctx, r.duration);
  ctx.horizon = duration;
  const start = ctx.unit(parseInstant, ['start'], r.start ?? DEFAULT_START);
  if (start !== null) checkYears(ctx, start, duration);
  const regions = normaliseRegions(ctx, r.regions);
  const list = (field: string) => (r[field] as { name: string }[] | undefined) ?? [];
  const declared = (field: string) => new Set(list(field).map((x) => x.name));
  const links = normaliseLinks(ctx, list('links') as never[]);
  const vaults = normaliseVaults(ctx, list('vaults') as never[], regions, declared('links'));
  const policies = normalisePolicies(ctx, list('policies') as never[]);
  const vms = normaliseFleet(ctx, list('fleet') as never[], {
    regions,
    vaults,
    policies,
    declared: { vaults: declared('vaults'), policies: declared('policies') },
    duration,
  });
  // References to VMs and groups are checked against every group, loaded or not (fleet.ts).
  const declaredVms = declareFleet(list('fleet'));
  const prices = normalisePricing(ctx, r.pricing, [...regions.values()], priceUse);
  const servers = normaliseServers(ctx, list('servers') as never[], declared('vaults'), declaredVms.ids);
  const backupJobs = normaliseBackupJobs(ctx, r.backupJobs as never);
  // Issue 17: SQL Server in Azure VMs, Azure file shares, MABS/DPM servers.
  const workloads = HAS_SECTION.workloads(r)
    ? SECTIONS.get('workloads').normaliseWorkloads(ctx, r, {
        regions,
        vaults,
        declaredVaults: declared('vaults'),
        vms,
        declaredGroups: declaredVms.groups,
      })
    : noWorkloads();
  const objectives = r.objectives as { rpo?: string; rto?: string } | undefined;
  const rpo =
    objectives?.rpo === undefined ? null : ctx.unit(parseDuration, ['objectives', 'rpo'], objectives.rpo);
  const rto =
    objectives?.rto === undefined ? null : ctx.unit(parseDuration, ['objectives', 'rto'], objectives.rto);
  const dr = normaliseDr(ctx, r, { vms, declared: declaredVms, regions, links, vaults, policies });
  // Issue 18: restores users run and restore drills.
  const restores = HAS_SECTION.restores(r)
    ? SECTIONS.get('restores').normaliseRestores(ctx, r, { vms, declared: declaredVms, regions, vaults })
    : { restores: [], tests: [], objective: null };
  // Issue 19: the Log Analytics tables the vaults send; log rules may read only those.
  const diagnostics = HAS_SECTION.diagnostics(r)
    ? SECTIONS.get('diagnostics').normaliseDiagnostics(
        ctx,
        r.diagnostics as never,
        declared('vaults'),
        vms.some((vm) => vm.replicate !== null),
      )
    : null;
  const monitor = HAS_SECTION.monitor(r)
    ? SECTIONS.get('monitor').normaliseMonitor(
        ctx,
        r.monitor as never,
        declared('recoveryPlans'),
        declaredVms.groups,
        diagnostics === null ? null : new Set(diagnostics.vaults.flatMap((v) => v.tables)),
      )
    : null;
  if (ctx.issues.length > 0 || duration === null || start === null || backupJobs === null)
    return { scenario: null, issues: ctx.issues, warnings: [] };
  // Issue 15: what the scenario names but would never act, once it has no errors.
  warnNoOps(ctx, r, {
    policies,
    servers,
    vms,
    faults: dr.faults,
    plans: dr.recoveryPlans,
    vaults: [...vaults.values()],
    regions: [...regions.values()],
    workloads,
  });
  return {
    scenario: {
      name: r.name,
      description: (r.description as string | undefined) ?? '',
      variant,
      seed: (r.seed as number | undefined) ?? DEFAULT_SEED,
      start,
      duration,
      regions: [...regions.values()],
      vaults: [...vaults.values()],
      links: [...links.values()],
      policies: [...policies.values()],
      vms,
      servers,
      workloads,
      backupJobs,
      prices,
      objectives: {
        rpo,
        rto,
        scoped: dr.scoped,
        ...(restores.objective === null ? {} : { restoreTest: restores.objective }),
      },
      faults: dr.faults,
      operations: dr.operations,
      recoveryPlans: dr.recoveryPlans,
      recovery: dr.recovery,
      monitor,
      ...(diagnostics === null ? {} : { diagnostics }),
      ...(restores.restores.length === 0 ? {} : { restores: restores.restores }),
      ...(restores.tests.length === 0 ? {} : { restoreTests: restores.tests }),
    },
    issues: [],
    warnings: ctx.warnings,
  };
}

// A scenario without workload sections (what normaliseWorkloads gives for one).
const noWorkloads = (): Workloads => ({
  sqlPolicies: [],
  sqlDatabases: [],
  fileSharePolicies: [],
  fileShares: [],
  backupServers: [],
});

// summary.json, the CSVs and the charts write instants as ISO 8601 with four-digit years
// (a year outside 0001–9999 would print as +010000-01-01 and break the summary's own schema).
const FIRST_INSTANT = Date.parse('0001-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

// The run's start and end must both be writable instants.
function checkYears(ctx: Context, start: number, duration: Millis | null): void {
  if (start < FIRST_INSTANT)
    ctx.add('out-of-range', ['start'], MSG.instantBeforeYearOne(formatInstant(start)));
  else if (duration !== null && start + duration > LAST_INSTANT)
    ctx.add('out-of-range', ['start'], MSG.endAfterYear9999(formatInstant(start), formatDuration(duration)));
}

function readDuration(ctx: Context, text: string): Millis | null {
  const d = ctx.unit(parseDuration, ['duration'], text);
  if (d === null) return null;
  if (d <= 0) ctx.add('out-of-range', ['duration'], MSG.positive('duration', text));
  else if (d > MAX_DURATION)
    ctx.add(
      'out-of-range',
      ['duration'],
      MSG.durationTooLong(formatDuration(d), formatDuration(MAX_DURATION)),
    );
  return d > 0 ? millis(d) : null;
}
