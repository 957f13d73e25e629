// `diagnostics:` → DiagnosticsSpec (issue 19): which vaults send which tables (every vault,
// every Azure Backup table by default), Site Recovery's tables (both when VMs replicate), the
// workspace's retention (30 days, docs/reference.md §9), the latency (20–30 minutes,
// docs/reference.md §16.2) and the Backup Reports' settings (§16.3).

import { type Millis, MS } from '../../engine/units.js';
import { ASR_TABLES, BACKUP_TABLES } from '../../models/logs/tables.js';
import type {
  DiagnosticsSpec,
  RetentionThresholds,
  VaultDiagnostics,
} from '../../models/scenario/diagnostics.js';
import type { Scenario } from '../../models/scenario/types.js';
import { DIAG_MSG } from '../messages-kql.js';
import type { PathSegment } from '../source.js';
import { formatDuration, parseDuration } from '../units.js';
import type { Context } from './context.js';
import { NON_NEGATIVE, readDistribution } from './distribution.js';

type Raw = Record<string, unknown>;

/** §9: Log Analytics keeps data 30 days by default. */
export const DEFAULT_RETENTION = 30 * MS.day;
/** §16.2: "Every event arrives … 20 to 30 minutes after it's pushed". */
export const DEFAULT_LATENCY = { kind: 'uniform', min: 20 * MS.minute, max: 30 * MS.minute } as const;
/** §16.3: an item with no recovery point in 7 days is inactive, by default. */
export const DEFAULT_INACTIVE_AFTER = 7 * MS.day;
/** Optimize's retention thresholds by default (assumption: the workbook lets the user choose them). */
export const DEFAULT_RETENTION_ABOVE: RetentionThresholds = { daily: 30, weekly: 12, monthly: 12, yearly: 1 };

/** Normalises `diagnostics:` (undefined: none); null when it has issues. */
export function normaliseDiagnostics(
  ctx: Context,
  raw: Raw | undefined,
  vaults: ReadonlySet<string>,
  replicates: boolean,
): DiagnosticsSpec | null {
  if (raw === undefined) return null;
  const before = ctx.issues.length;
  const at = (...more: PathSegment[]) => ['diagnostics', ...more];
  const given = raw.vaults as Raw[] | undefined;
  const settings: VaultDiagnostics[] =
    given === undefined
      ? [...vaults].map((vault) => ({ vault, tables: [...BACKUP_TABLES] }))
      : given.map((v, i) => readVault(ctx, v, at('vaults', i), vaults));
  const seen = new Set<string>();
  settings.forEach((s, i) => {
    if (seen.has(s.vault))
      ctx.add('duplicate-item', at('vaults', i, 'vault'), DIAG_MSG.duplicateVault(s.vault));
    seen.add(s.vault);
  });
  const asrRaw = raw.siteRecovery as string[] | undefined;
  const siteRecovery =
    asrRaw === undefined
      ? replicates
        ? [...ASR_TABLES]
        : []
      : tables(ctx, asrRaw, at('siteRecovery'), ASR_TABLES);
  if (asrRaw !== undefined && asrRaw.length > 0 && !replicates)
    ctx.add('no-effect', at('siteRecovery'), DIAG_MSG.asrWithoutReplication(asrRaw[0]));
  const retention = days(ctx, raw.retention ?? '30d', at('retention'), 'retention');
  const latency =
    raw.latency === undefined
      ? { ...DEFAULT_LATENCY }
      : readDistribution(ctx, at('latency'), raw.latency, parseDuration, NON_NEGATIVE);
  const reports = (raw.reports as Raw | undefined) ?? {};
  const range =
    reports.range === undefined ? null : days(ctx, reports.range, at('reports', 'range'), 'reports.range');
  const inactive = days(
    ctx,
    reports.inactiveAfter ?? '7d',
    at('reports', 'inactiveAfter'),
    'reports.inactiveAfter',
  );
  const above = {
    ...DEFAULT_RETENTION_ABOVE,
    ...((reports.retentionAbove as Partial<RetentionThresholds> | undefined) ?? {}),
  };
  if (ctx.issues.length > before || retention === null || latency === null || inactive === null) return null;
  return {
    vaults: settings,
    siteRecovery,
    retention,
    latency,
    reports: { range, inactiveAfter: inactive, retentionAbove: above },
  };
}

function readVault(ctx: Context, v: Raw, path: PathSegment[], vaults: ReadonlySet<string>): VaultDiagnostics {
  const vault = v.vault as string;
  ctx.reference('vault', vault, vaults, [...path, 'vault']);
  if (v.mode !== undefined && v.mode !== 'resource-specific')
    ctx.add('not-allowed', [...path, 'mode'], DIAG_MSG.mode(String(v.mode)));
  const list = v.tables as string[] | undefined;
  return {
    vault,
    tables: list === undefined ? [...BACKUP_TABLES] : tables(ctx, list, [...path, 'tables'], BACKUP_TABLES),
  };
}

// Table names, each one of `known`.
function tables(
  ctx: Context,
  names: readonly string[],
  path: PathSegment[],
  known: readonly string[],
): string[] {
  names.forEach((name, i) => {
    if (!known.includes(name))
      ctx.add('unknown-reference', [...path, i], DIAG_MSG.unknownTable(name, known), {
        allowed: known.join(', '),
      });
  });
  return names.filter((n) => known.includes(n));
}

// A duration of whole days, at least one.
function days(ctx: Context, raw: unknown, path: PathSegment[], field: string): Millis | null {
  const d = ctx.unit(parseDuration, path, raw);
  if (d === null) return null;
  if (d < MS.day || d % MS.day !== 0) {
    ctx.add('out-of-range', path, DIAG_MSG.wholeDays(field, formatDuration(d)));
    return null;
  }
  return d;
}

/** `s` with its own diagnostics, or with those `diagnostics: {}` gives it (for `vaultsim query` and `report`). */
export function withDiagnostics(s: Scenario): Scenario {
  if (s.diagnostics !== undefined && s.diagnostics !== null) return s;
  const replicates = s.vms.some((vm) => vm.replicate !== null);
  return {
    ...s,
    diagnostics: defaultDiagnostics(
      s.vaults.map((v) => v.name),
      replicates,
    ),
  };
}

// The diagnostics `diagnostics: {}` gives a scenario: every vault, every table, the defaults.
function defaultDiagnostics(vaults: readonly string[], replicates: boolean): DiagnosticsSpec {
  return {
    vaults: vaults.map((vault) => ({ vault, tables: [...BACKUP_TABLES] })),
    siteRecovery: replicates ? [...ASR_TABLES] : [],
    retention: DEFAULT_RETENTION as Millis,
    latency: { ...DEFAULT_LATENCY },
    reports: {
      range: null,
      inactiveAfter: DEFAULT_INACTIVE_AFTER as Millis,
      retentionAbove: { ...DEFAULT_RETENTION_ABOVE },
    },
  };
}
