// The report's tables as plain data: runs side by side with each variant's change against
// the base, monthly cost, what each policy keeps and why, and, when present, recoveries,
// objectives, replication and alerts. report.md (markdown.ts) and report.html (html.ts)
// render the same sections, so both documents say the same thing.

import type { PointCounts, RunResult, Summary5, TierBytes } from '../models/results/types.js';
import { diskFullTable } from './disk-full.js';
import {
  formatBytes,
  formatCount,
  formatDelta,
  formatMinute,
  formatMoney,
  formatSeconds,
  METER_LABELS,
  METER_ORDER,
  round,
} from './format.js';
import { backupReportTables } from './sections-backup-reports.js';
import { operationTables } from './sections-operations.js';
import { workloadTables } from './sections-workloads.js';

/** One table of a report: a title, right- or left-aligned columns, text cells. */
export interface ReportTable {
  title: string;
  /** A sentence under the title saying how to read the table, or ''. */
  note: string;
  columns: { label: string; align: 'left' | 'right' }[];
  rows: string[][];
}

/** A section of a report: a heading and its tables. */
export interface ReportSection {
  heading: string;
  tables: ReportTable[];
}

/** What a report names at its top. */
export interface ReportMeta {
  /** The scenario file as the user typed it (reports show its file name only). */
  file: string;
  version: string;
  /** `sha256:<hex>` of the scenario file's content, when the caller computed it. */
  hash?: string | null;
}

/** The sections of a report on these runs (base first), in report order; empty sections are left out. */
export function reportSections(results: readonly RunResult[]): ReportSection[] {
  if (results.length === 0) return [];
  const sections: ReportSection[] = [
    { heading: 'Runs', tables: [overview(results)] },
    {
      heading: 'Storage and recovery points',
      tables: [storage(results), points(results), ...results.flatMap(diskFullTable)],
    },
    { heading: 'Cost', tables: [costAverages(results), ...results.map(monthly)] },
    { heading: 'Backup jobs', tables: [jobs(results)] },
    { heading: 'What each policy keeps', tables: results.flatMap(kept) },
    { heading: 'Disaster recovery', tables: results.flatMap(recoveries) },
    { heading: 'Objectives', tables: results.flatMap(objectives) },
    { heading: 'Alerts', tables: results.flatMap(alerts) },
    { heading: 'Operations', tables: results.flatMap(operationTables) },
    { heading: 'Workloads', tables: results.flatMap(workloadTables) },
    // Issue 19: Azure's Backup Reports tabs, from the diagnostic tables.
    { heading: 'Backup Reports', tables: results.flatMap((r) => backupReportTables(r)) },
  ];
  return sections.filter((s) => s.tables.length > 0);
}

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });

// A figure per row, a run per column; variants show their change against the base. With
// `dropZero`, a figure that is 0 in every run (no archive tier, no soft delete) is left out.
function sideBySide(
  title: string,
  note: string,
  results: readonly RunResult[],
  rows: [string, (r: RunResult) => number, (n: number) => string][],
  dropZero = false,
): ReportTable {
  const shown = dropZero ? rows.filter(([, get]) => results.some((r) => get(r) !== 0)) : rows;
  return {
    title,
    note,
    columns: [left(''), ...results.map((r) => right(r.variant))],
    rows: shown.map(([label, get, fmt]) => {
      const base = get(results[0]);
      return [
        label,
        ...results.map((r, i) => (i === 0 ? fmt(base) : `${fmt(get(r))} (${formatDelta(get(r), base)})`)),
      ];
    }),
  };
}

function overview(results: readonly RunResult[]): ReportTable {
  return {
    title: 'Seeds, events and fingerprints',
    note: 'The fingerprint hashes the ordered events of a run: equal fingerprints, equal behaviour.',
    columns: [
      left('run'),
      right('seed'),
      left('from'),
      left('to'),
      right('days'),
      right('events'),
      left('fingerprint'),
    ],
    rows: results.map((r) => [
      r.variant,
      String(r.seed),
      r.start,
      r.end,
      String(round(r.days, 3)),
      formatCount(r.eventsProcessed),
      r.fingerprint,
    ]),
  };
}

const TIERS: [keyof TierBytes, string][] = [
  ['snapshot', 'snapshot'],
  ['standard', 'vault-standard'],
  ['archive', 'vault-archive'],
  ['softDeleted', 'soft-deleted'],
];

function storage(results: readonly RunResult[]): ReportTable {
  return sideBySide(
    'Stored bytes',
    'At the end of the run, and the peak of any day, summed over vaults.',
    results,
    (['end', 'peak'] as const).flatMap((which) =>
      TIERS.map(([key, label]): [string, (r: RunResult) => number, (n: number) => string] => [
        `${label} (${which})`,
        (r) => r.storage[which][key],
        formatBytes,
      ]),
    ),
    true,
  );
}

const POINTS: [keyof PointCounts, string][] = [
  ['snapshot', 'instant-restore snapshots'],
  ['vault', 'vault-standard points'],
  ['archive', 'vault-archive points'],
  ['daily', 'kept by daily'],
  ['weekly', 'kept by weekly'],
  ['monthly', 'kept by monthly'],
  ['yearly', 'kept by yearly'],
  ['onDemand', 'on-demand'],
];

function points(results: readonly RunResult[]): ReportTable {
  const sum = (r: RunResult, key: keyof PointCounts) => r.jobs.reduce((s, j) => s + j.points.end[key], 0);
  return sideBySide(
    'Recovery points at the end of the run',
    'All protected items; a point kept by several GFS tiers counts once per tier.',
    results,
    POINTS.map(([key, label]) => [label, (r) => sum(r, key), formatCount]),
    true,
  );
}

function costAverages(results: readonly RunResult[]): ReportTable {
  const currency = results[0].cost.currency;
  const money = (n: number) => formatMoney(n, currency);
  const perMonth = (r: RunResult, amount: number) =>
    r.cost.summary.monthsCovered > 0 ? amount / r.cost.summary.monthsCovered : 0;
  const used = METER_ORDER.filter((m) =>
    results.some((r) => round(r.cost.summary.totals[m].amount, 2) !== 0),
  );
  return sideBySide(`Cost (${currency}), average per month`, '', results, [
    ...used.map((m): [string, (r: RunResult) => number, (n: number) => string] => [
      METER_LABELS[m],
      (r) => perMonth(r, r.cost.summary.totals[m].amount),
      money,
    ]),
    ['total per month', (r) => r.cost.summary.averagePerMonth, money],
    ['total per year (run rate)', (r) => r.cost.summary.yearlyRunRate, money],
    ['total over the run', (r) => r.cost.summary.total, money],
  ]);
}

function monthly(r: RunResult): ReportTable {
  const used = METER_ORDER.filter((m) => r.cost.months.some((mo) => round(mo.meters[m].amount, 2) !== 0));
  const money = (n: number) => formatMoney(n, r.cost.currency);
  return {
    title: `Monthly cost: ${r.variant}`,
    note: 'A partial first or last month is billed for the part the run covers.',
    columns: [left('month'), right('part'), ...used.map((m) => right(METER_LABELS[m])), right('total')],
    rows: r.cost.months.map((mo) => [
      mo.month,
      `${round(mo.fraction * 100, 1)}%`,
      ...used.map((m) => money(mo.meters[m].amount)),
      money(mo.total),
    ]),
  };
}

function jobs(results: readonly RunResult[]): ReportTable {
  const sum = (r: RunResult, get: (j: RunResult['jobs'][number]) => number) =>
    r.jobs.reduce((s, j) => s + get(j), 0);
  const causes = [
    ...new Set(results.flatMap((r) => r.jobs.flatMap((j) => Object.keys(j.failedByCause)))),
  ].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sideBySide('Backup jobs', 'Attempts, all policies; retries count as attempts.', results, [
    ['scheduled', (r) => sum(r, (j) => j.scheduled), formatCount],
    ['attempts', (r) => sum(r, (j) => j.attempts), formatCount],
    ['succeeded', (r) => sum(r, (j) => j.succeeded), formatCount],
    ['failed', (r) => sum(r, (j) => j.failed), formatCount],
    ...causes.map((c): [string, (r: RunResult) => number, (n: number) => string] => [
      `failed: ${c}`,
      (r) => sum(r, (j) => j.failedByCause[c] ?? 0),
      formatCount,
    ]),
    ['bytes transferred', (r) => sum(r, (j) => j.bytesTransferred), formatBytes],
  ]);
}

// restic's `forget --dry-run`, for the policy's first item: every point kept, and why.
function kept(r: RunResult): ReportTable[] {
  return r.kept
    .filter((k) => k.points.length > 0)
    .map((k) => ({
      title: `What ${k.policy} keeps at the end of ${r.variant} (${k.item})`,
      note: 'Each vault point still kept, the GFS tiers keeping it, and when it expires.',
      columns: [left('point taken'), left('kept by'), left('until')],
      rows: k.points.map((p) => [minute(p.at), p.tiers.join(', '), minute(p.expires)]),
    }));
}

// ISO instants to the minute, with their zone: "2026-03-01 23:48 UTC", "2026-06-01 22:30 -04:00".
const minute = (iso: string): string => `${formatMinute(iso)} ${iso.endsWith('Z') ? 'UTC' : iso.slice(-6)}`;
const secs = (s: number | null): string => (s === null ? 'n/a' : formatSeconds(s));
const spread = (s: Summary5): string =>
  s.count === 0 ? 'n/a' : `${formatSeconds(s.p50)} / ${formatSeconds(s.p95)} / ${formatSeconds(s.max)}`;

function recoveries(r: RunResult): ReportTable[] {
  const dr = r.dr;
  if (dr === null) return [];
  const out: ReportTable[] = [];
  if (dr.incidents.length > 0)
    out.push({
      title: `Incidents: ${r.variant}`,
      note: '',
      columns: [
        left('incident'),
        left('kind'),
        left('at'),
        left('scope'),
        right('VMs'),
        right('unrecovered'),
      ],
      rows: dr.incidents.map((i) => [
        i.id,
        i.kind,
        minute(i.at),
        i.scope,
        formatCount(i.vms.length),
        formatCount(i.vms.filter((v) => v.rtoSeconds === null).length),
      ]),
    });
  if (dr.byGroup.length > 0)
    out.push({
      title: `Recoveries by group: ${r.variant}`,
      note: 'RPO and RTO as p50 / p95 / max over the VM recoveries of every incident.',
      columns: [left('group'), right('recoveries'), right('unrecovered'), right('RPO'), right('RTO')],
      rows: dr.byGroup.map((g) => [
        g.group,
        formatCount(g.recoveries),
        formatCount(g.unrecovered),
        spread(g.rpoSeconds),
        spread(g.rtoSeconds),
      ]),
    });
  if (dr.worst.length > 0)
    out.push({
      title: `Worst recoveries: ${r.variant}`,
      note: 'Longest RTO first, then RPO; n/a: not recovered by the end of the run.',
      columns: [left('VM'), left('incident'), right('RPO'), right('RTO')],
      rows: dr.worst.map((w) => [w.vm, w.incident, secs(w.rpoSeconds), secs(w.rtoSeconds)]),
    });
  if (dr.replication.length > 0)
    out.push({
      title: `Replication: ${r.variant}`,
      note: 'Per-VM peak RPO (the data age a failover would get) as p50 / p95 / max.',
      columns: [left('group'), right('VMs'), right('peak RPO'), left('over the churn limit')],
      rows: dr.replication.map((g) => [
        g.group,
        formatCount(g.vms),
        spread(g.peakRpoSeconds),
        g.overLimit.length === 0 ? 'none' : g.overLimit.join(', '),
      ]),
    });
  if (dr.drills.length > 0)
    out.push({
      title: `Drills: ${r.variant}`,
      note: '',
      columns: [left('plan'), left('at'), right('RTO'), right('groups')],
      rows: dr.drills.map((d) => [
        d.plan,
        minute(d.at),
        formatSeconds(d.rtoSeconds),
        String(d.groups.length),
      ]),
    });
  return out;
}

function objectives(r: RunResult): ReportTable[] {
  if (r.objectives.length === 0) return [];
  return [
    {
      title: `Objectives: ${r.variant}`,
      note: '',
      columns: [
        left('objective'),
        left('scope'),
        right('target'),
        right('guaranteed (schedule)'),
        right('worst in incidents'),
        right('failed'),
        left('verdict'),
        left('evidence'),
      ],
      rows: r.objectives.map((o) => [
        o.metric.toUpperCase(),
        o.scope,
        formatSeconds(o.targetSeconds),
        o.schedule.judged === 0 ? '—' : secs(o.schedule.worstSeconds),
        o.judged === 0 ? '—' : secs(o.worstSeconds),
        `${formatCount(o.schedule.failed)} of ${formatCount(o.schedule.judged)} VMs; ${formatCount(o.failed)} of ${formatCount(o.judged)} recoveries`,
        o.status === 'pass' ? 'met' : o.status === 'skip' ? 'nothing to judge' : 'MISSED',
        o.evidence,
      ]),
    },
  ];
}

// The timeline table stops here; the chart shows every firing.
const MAX_FIRINGS = 100;

function alerts(r: RunResult): ReportTable[] {
  if (r.alerts === null || r.alerts.rules.length === 0) return [];
  const timeline = r.alerts.timeline;
  const firings: ReportTable[] =
    timeline.length === 0
      ? []
      : [
          {
            title: `Alert firings: ${r.variant}`,
            note:
              timeline.length > MAX_FIRINGS
                ? `The first ${MAX_FIRINGS} of ${formatCount(timeline.length)} firings, in order.`
                : '',
            columns: [left('rule'), left('instance'), right('severity'), left('fired'), left('resolved')],
            rows: timeline.slice(0, MAX_FIRINGS).map((f) => [
              f.rule,
              Object.entries(f.instance)
                .map(([k, v]) => `${k}=${v}`)
                .join(', ') || '-',
              `Sev${f.severity}`,
              minute(f.firedAt),
              f.resolvedAt === null ? 'open at the end' : minute(f.resolvedAt),
            ]),
          },
        ];
  return [
    {
      title: `Alert rules: ${r.variant}`,
      note: 'First notification: seconds from the fault behind the first firing to its first notification.',
      columns: [
        left('rule'),
        left('kind'),
        right('severity'),
        right('fired'),
        right('resolved'),
        right('notifications'),
        right('suppressed'),
        right('first notification'),
      ],
      rows: r.alerts.rules.map((a) => [
        a.rule,
        a.kind,
        `Sev${a.severity}`,
        formatCount(a.fired),
        formatCount(a.resolved),
        formatCount(a.notificationsSent),
        formatCount(a.suppressedByRateLimit + a.suppressedByProcessingRule),
        secs(a.firstNotificationAfterFaultSeconds),
      ]),
    },
    ...firings,
  ];
}
