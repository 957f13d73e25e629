// The Backup Reports views (issue 19; docs/reference.md §16.3) as report tables, one
// group per tab in Azure's order — Summary, Backup Items, Usage, Jobs, Policies, Optimize, Policy
// adherence — for report.md, report.html (the "Backup Reports" section) and `vaultsim report`.

import type { BackupReportsResult, ReportView } from '../models/backup-reports/types.js';
import type { RunResult } from '../models/results/types.js';
import { afterDays, dateOf } from './charts/common.js';
import { formatBytes, formatCount, formatMinute, round } from './format.js';
import type { ReportTable } from './sections.js';

const left = (label: string) => ({ label, align: 'left' as const });
const right = (label: string) => ({ label, align: 'right' as const });
const minute = (iso: string | null) => (iso === null ? 'none' : formatMinute(iso));
const percent = (x: number | null) => (x === null ? 'n/a' : `${round(x * 100, 1)}%`);
const shown = (l: { rows: unknown[]; total: number }) =>
  l.total > l.rows.length ? ` The first ${formatCount(l.rows.length)} of ${formatCount(l.total)}.` : '';

/** The tab labels, as the workbook names them. */
export const VIEW_LABELS: Readonly<Record<ReportView, string>> = {
  summary: 'Summary',
  items: 'Backup Items',
  usage: 'Usage',
  jobs: 'Jobs',
  policies: 'Policies',
  optimize: 'Optimize',
  adherence: 'Policy adherence',
};

/** A sentence about the range: its days and why it is shorter than asked. */
export function rangeNote(b: BackupReportsResult): string {
  const r = b.range;
  const cut =
    r.cutBy === 'retention'
      ? ` (cut from ${r.asked} days: the workspace keeps no more)`
      : r.cutBy === 'run'
        ? ` (cut from ${r.asked} days: the run has no more completed days)`
        : '';
  // `to` is exclusive (the range ends at its midnight); the label names the last day shown.
  const days =
    r.days === 0
      ? 'No completed day'
      : r.days === 1
        ? `Last completed day, ${r.from}`
        : `Last ${r.days} completed days, ${r.from} to ${dayBefore(r.to)}`;
  return `${days} (UTC)${cut}; storage and protected instances at the end of the range.`;
}

// The UTC date (YYYY-MM-DD) before `date`.
const dayBefore = (date: string) => dateOf(afterDays(`${date}T00:00:00Z`, -1));

/** The tables of the views asked for (all by default), for one run. */
export function backupReportTables(
  r: RunResult,
  views: readonly ReportView[] = Object.keys(VIEW_LABELS) as ReportView[],
): ReportTable[] {
  const b = r.backupReports;
  if (b === undefined) return [];
  const title = (view: ReportView, what: string) =>
    `Backup Reports, ${VIEW_LABELS[view]}: ${what} (${r.variant})`;
  const out: ReportTable[] = [];
  for (const view of views) out.push(...TABS[view](b, title));
  if (out.length > 0) out[0] = { ...out[0], note: `${rangeNote(b)} ${out[0].note}`.trim() };
  return out;
}

type Tab = (b: BackupReportsResult, title: (view: ReportView, what: string) => string) => ReportTable[];

const TABS: Readonly<Record<ReportView, Tab>> = {
  summary: (b, title) => [
    {
      title: title('summary', 'the estate'),
      note: '',
      columns: [left(''), right('value')],
      rows: [
        ['backup items', formatCount(b.summary.backupItems)],
        ['cloud storage', formatBytes(b.summary.cloudStorageBytes)],
        ['protected instances', formatCount(b.summary.protectedInstances)],
      ],
    },
    {
      title: title('summary', 'job success rate by workload'),
      note: 'Jobs triggered in the range; log backups are not counted.',
      columns: [left('workload'), right('completed'), right('failed'), right('success rate')],
      rows: b.summary.jobs.map((j) => [
        j.type,
        formatCount(j.completed),
        formatCount(j.failed),
        percent(j.successRate),
      ]),
    },
  ],
  items: (b, title) => [
    {
      title: title('items', 'cloud storage per item'),
      note: `Largest first.${shown(b.items)}`,
      columns: [
        left('item'),
        left('type'),
        left('vault'),
        left('policy'),
        left('protection'),
        right('cloud storage'),
        left('latest point'),
      ],
      rows: b.items.rows.map((i) => [
        i.item,
        i.type,
        i.vault,
        i.policy ?? '-',
        i.protectionState,
        formatBytes(i.cloudStorageBytes),
        minute(i.latestRecoveryPoint),
      ]),
    },
  ],
  usage: (b, title) => [
    {
      title: title('usage', 'billing entities'),
      note: `Protected instances ${formatCount(b.usage.protectedInstances)} and cloud storage ${formatBytes(b.usage.cloudStorageBytes)} at the end; ${round(b.usage.averageProtectedInstances, 2)} protected instances on average over the range (${formatCount(b.usage.protectedInstanceDays)} instance-days).${shown(b.usage.entities)}`,
      columns: [
        left('protected container'),
        left('type'),
        left('vault'),
        right('protected instances'),
        right('cloud storage'),
      ],
      rows: b.usage.entities.rows.map((e) => [
        e.container,
        e.type,
        e.vault,
        formatCount(e.protectedInstances),
        formatBytes(e.cloudStorageBytes),
      ]),
    },
  ],
  jobs: (b, title) => [
    {
      title: title('jobs', 'per day'),
      note: `${formatCount(b.jobs.completed)} completed, ${formatCount(b.jobs.failed)} failed; jobs count on the day they were triggered; log backups are not shown.`,
      columns: [left('day'), right('completed'), right('failed')],
      rows: b.jobs.daily.map((d) => [d.day, formatCount(d.completed), formatCount(d.failed)]),
    },
    ...(b.jobs.causes.length === 0
      ? []
      : [
          {
            title: title('jobs', 'top failure causes'),
            note: '',
            columns: [left('failure code'), right('failed jobs')],
            rows: b.jobs.causes.map((c) => [c.code, formatCount(c.failed)]),
          },
          {
            title: title('jobs', 'items with failed jobs'),
            note: `Most failures first.${shown(b.jobs.items)}`,
            columns: [left('item'), right('failed'), right('completed')],
            rows: b.jobs.items.rows.map((i) => [i.item, formatCount(i.failed), formatCount(i.completed)]),
          },
        ]),
  ],
  policies: (b, title) => [
    {
      title: title('policies', 'active policies'),
      note: '',
      columns: [
        left('policy'),
        left('vaults'),
        left('workload'),
        left('frequency'),
        right('items'),
        right('cloud storage'),
      ],
      rows: b.policies.map((p) => [
        p.policy,
        p.vaults.join(', '),
        p.type,
        p.frequency,
        formatCount(p.items),
        formatBytes(p.cloudStorageBytes),
      ]),
    },
  ],
  optimize: (b, title) => [
    {
      title: title('optimize', 'inactive resources'),
      note: `Items with no recovery point in the last ${b.optimize.inactiveAfterDays} days.${shown(b.optimize.inactive)}`,
      columns: [left('item'), left('vault'), left('policy'), left('latest point'), right('days without')],
      rows: b.optimize.inactive.rows.map((i) => [
        i.item,
        i.vault,
        i.policy ?? '-',
        minute(i.latestRecoveryPoint),
        i.daysWithout === null ? 'never' : String(i.daysWithout),
      ]),
    },
    {
      title: title('optimize', 'retention optimizations'),
      note: `Items whose policy keeps more points than the chosen values.${shown(b.optimize.retention)}`,
      columns: [left('item'), left('policy'), left('tier'), right('kept'), right('above')],
      rows: b.optimize.retention.rows.map((i) => [i.item, i.policy, i.tier, String(i.kept), String(i.above)]),
    },
    {
      title: title('optimize', 'backup schedule optimizations'),
      note: `Databases on a daily full backup: a weekly full with daily differentials keeps less.${shown(b.optimize.schedule)}`,
      columns: [left('item'), left('policy')],
      rows: b.optimize.schedule.rows.map((i) => [i.item, i.policy]),
    },
  ],
  adherence: (b, title) =>
    (['daily', 'weekly'] as const).flatMap((kind) => {
      const g = b.adherence[kind];
      if (g === null) return [];
      const what = kind === 'daily' ? 'daily policies' : 'weekly policies';
      return [
        {
          title: title('adherence', `${what} by ${g.granularity}`),
          note:
            kind === 'daily'
              ? 'Adherent: at least one successful backup on every day the item was protected.'
              : 'Adherent: at least one successful backup in every week the item was protected.',
          columns: [left(`${g.granularity} from`), right('items'), right('adherent'), right('not adherent')],
          rows: g.periods.map((p) => [
            p.from,
            formatCount(p.items),
            formatCount(p.adherent),
            formatCount(p.nonAdherent),
          ]),
        },
        {
          title: title('adherence', `${what} by backup instance`),
          note: `Least adherent first.${shown(g.instances)}`,
          columns: [
            left('item'),
            left('policy'),
            right(`${g.granularity}s`),
            right('not adherent'),
            left('not adherent on'),
          ],
          rows: g.instances.rows.map((i) => [
            i.item,
            i.policy ?? '-',
            String(i.periods),
            String(i.nonAdherent),
            i.nonAdherentPeriods.join(' ') || '-',
          ]),
        },
      ];
    }),
};
