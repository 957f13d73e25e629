// The sentences about things a scenario names that would never act (issue 15, STYLE.md §9):
// alert rules on signals no model emits (errors), and the warnings — retention tiers the
// schedule cannot fill, action groups no rule uses, recovery plans nothing runs.

import { monthName, weekdayName } from '../models/calendar.js';
import type { DayRule } from '../models/scenario/types.js';

const quoted = (names: readonly string[]) => names.map((n) => `"${n}"`).join(', ');
const orList = (names: readonly string[]) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
const ORDINALS = { 1: 'first', 2: 'second', 3: 'third', 4: 'fourth', last: 'last' } as const;

/** A day rule as a sentence reads it: "the first Sunday", "day 15", "the last day". */
export function describeDayRule(rule: DayRule): string {
  if (rule.kind === 'weekday') return `the ${ORDINALS[rule.n]} ${weekdayName(rule.weekday)}`;
  return rule.day === 'last' ? 'the last day' : `day ${rule.day}`;
}

/** User-facing sentences about no-ops. */
export const NOOP_MSG = {
  unknownSignal: (
    kind: 'metric' | 'log',
    name: string,
    suggestion: string | null,
    known: readonly string[],
  ) =>
    `no model emits ${kind === 'metric' ? 'a metric' : 'a log table'} "${name}", so this rule would never fire` +
    `${suggestion === null ? '' : `; did you mean "${suggestion}"?`}` +
    ` (${kind === 'metric' ? 'metrics' : 'log tables'} the models emit: ${quoted(known)})`,
  unknownDimension: (
    kind: 'metric' | 'log',
    signal: string,
    name: string,
    suggestion: string | null,
    known: readonly string[],
  ) =>
    `${kind === 'metric' ? `metric "${signal}" has no dimension` : `log table "${signal}" has no column`} "${name}"` +
    `${suggestion === null ? '' : `; did you mean "${suggestion}"?`}` +
    ` (${kind === 'metric' ? 'dimensions' : 'columns'}: ${quoted(known)})`,
  tierNever: (
    tier: 'monthly' | 'yearly',
    rule: string,
    months: readonly number[],
    defaulted: boolean,
    days: readonly number[],
  ) =>
    `${tier} retention never keeps a point: it keeps the backup of ${rule}` +
    `${tier === 'yearly' ? ` in ${orList(months.map(monthName))}` : ' of each month'}` +
    `${defaulted ? ' (the default)' : ''}, and the schedule backs up only on ${orList(days.map(weekdayName))}`,
  weeklyNever: (on: readonly number[], days: readonly number[]) =>
    `weekly retention never keeps a point: it keeps the backup of ${orList(on.map(weekdayName))},` +
    ` and the schedule backs up only on ${orList(days.map(weekdayName))}`,
  tierSeldom: (
    tier: 'monthly' | 'yearly',
    rule: string,
    months: readonly number[],
    days: readonly number[],
  ) =>
    `${tier} retention keeps a point only in ${tier === 'monthly' ? 'months' : 'years'} when ${rule}` +
    `${tier === 'yearly' ? ` of ${orList(months.map(monthName))}` : ''} falls on a ${orList(days.map(weekdayName))}` +
    ` (about ${days.length} ${tier === 'monthly' ? 'month' : 'year'}${days.length === 1 ? '' : 's'} in 7),` +
    ' as the schedule backs up only on' +
    ` ${orList(days.map(weekdayName))}`,
  unusedActionGroup: (name: string) =>
    `action group "${name}" is in no alert rule's or built-in alerts' actions, so it is never notified`,
  idleRegion: (kind: 'region-outage' | 'control-plane', region: string) =>
    `${kind === 'region-outage' ? 'this outage' : 'this control-plane outage'} would change nothing:` +
    ` nothing of the scenario runs or is stored in ${region} (no VM, Site Recovery target, vault,` +
    ` Cross Region Restore pair or file share there)`,
  idleZone: (region: string, zone: number, regional: boolean) =>
    `this zone outage would change nothing: no VM in ${region} is pinned to zone ${zone} and no vault there is LRS` +
    `${regional ? ` (VMs without a zone are not taken down by a zone outage; give them \`zone: ${zone}\` to rehearse it)` : ''}`,
  idleSpike: (targets: string) =>
    `this churn spike would change nothing: none of ${targets} replicates with Site Recovery,` +
    " and a spike raises only replication churn (backups read the disks' own churn)",
  idleReplication: (region: string) =>
    `this degradation would change nothing: no VM in ${region} replicates with Site Recovery`,
  noDrills: () =>
    'no restore drill is defined (restoreTests), so this objective has nothing to judge and' +
    ' shows as SKIP in every run',
  nothingToJudge: () =>
    'the scenario has no VM and no fault, so this objective has nothing to judge and shows as SKIP' +
    ' in every run',
  untriggeredPlan: (name: string) =>
    `recovery plan "${name}" never runs: no outage hits its VMs, no drill or other event names it` +
    ` and no alert action is failover:${name}`,
};
