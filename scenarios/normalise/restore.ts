// Restores users run (`events[].restore`) and restore drills (`restoreTests`) → typed data
// (issue 18), with what the scenario alone decides checked here: the VMs are backed up, and
// the option, target and vault allow the restore (models/restore/rules.ts staticRule, the
// same rules a run applies). Rules: docs/reference.md §1.6, §1.8, §2.2; workloads §15.

import { type Millis, millis } from '../../engine/units.js';
import { staticRule } from '../../models/restore/rules.js';
import { FILE_RECOVERY_GUIDANCE } from '../../models/restore/timing.js';
import type { VmTargets } from '../../models/scenario/dr.js';
import type {
  PointRequest,
  RestoreHow,
  RestoreSpec,
  RestoreTarget,
  RestoreTestSpec,
} from '../../models/scenario/restore.js';
import type { Region, Vault, Vm } from '../../models/scenario/types.js';
import { RESTORE_MSG } from '../messages-restore.js';
import type { PathSegment } from '../source.js';
import { formatSize, parseDuration, parseSize } from '../units.js';
import type { Context } from './context.js';
import { readTargets } from './dr.js';
import { readTime } from './events.js';
import type { DeclaredFleet } from './fleet.js';

type Raw = Record<string, unknown>;

/** What restores refer to. */
export interface RestoreRefs {
  vms: ReadonlyMap<string, Vm>;
  vaults: ReadonlyMap<string, Vault>;
  regions: ReadonlyMap<string, Region>;
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null;
}

/** The `restore` events, in scenario order; an event with issues is left out. */
export function readRestores(ctx: Context, events: readonly Raw[], refs: RestoreRefs): RestoreSpec[] {
  const out: RestoreSpec[] = [];
  events.forEach((e, index) => {
    const body = e.restore as Raw | undefined;
    if (body === undefined || Object.keys(e).some((k) => k !== 'at' && k !== 'restore')) return;
    const path = ['events', index, 'restore'];
    const at = readTime(ctx, ['events', index, 'at'], e.at, true);
    const targets = refs.targets(body, path);
    const how = readHow(ctx, body, path, true);
    if (at === null || targets === null || how === null || !checkVms(ctx, how, targets, path, refs)) return;
    out.push({ ...how, at, targets, index });
  });
  return out;
}

/** The `restoreTests` section; a drill with issues is left out. */
export function readRestoreTests(ctx: Context, raw: readonly Raw[], refs: RestoreRefs): RestoreTestSpec[] {
  ctx.index('restore test', raw as { name: string }[], 'restoreTests');
  const out: RestoreTestSpec[] = [];
  raw.forEach((r, i) => {
    const path = ['restoreTests', i];
    const every = ctx.unit(parseDuration, [...path, 'every'], r.every);
    if (every !== null && every <= 0)
      ctx.add('out-of-range', [...path, 'every'], RESTORE_MSG.everyPositive(r.every as string));
    const from = r.from === undefined ? every : ctx.offset([...path, 'from'], r.from);
    const targets = refs.targets(r, path);
    const how = readHow(ctx, r, path, false);
    if (how?.option === 'replace-disks')
      ctx.add('not-allowed', [...path, 'option'], RESTORE_MSG.drillReplace());
    const count = (r.count as number | undefined) ?? 1;
    if (targets !== null && count > targets.vms.length)
      ctx.add('out-of-range', [...path, 'count'], RESTORE_MSG.countTooLarge(count, targets.vms.length));
    if (every === null || every <= 0 || from === null || targets === null || how === null) return;
    if (
      how.option === 'replace-disks' ||
      count > targets.vms.length ||
      !checkVms(ctx, how, targets, path, refs)
    )
      return;
    out.push({ ...how, name: r.name as string, every: millis(every), from: millis(from), targets, count });
  });
  return out;
}

// point, option, target and files of a restore or a drill.
function readHow(ctx: Context, raw: Raw, path: readonly PathSegment[], instants: boolean): RestoreHow | null {
  const option = (raw.option as RestoreHow['option'] | undefined) ?? 'new-vm';
  let ok = true;
  let point: PointRequest = { kind: 'latest' };
  const p = raw.point;
  if (p === 'latest-app-consistent') point = { kind: 'latest-app-consistent' };
  else if (instants && typeof p === 'object' && p !== null) {
    const [key, value] = Object.entries(p as Raw)[0] as ['before' | 'at', unknown];
    const t = ctx.offset([...path, 'point', key], value);
    if (t === null) ok = false;
    else point = { kind: key, at: t };
  }
  const t = raw.target;
  const target: RestoreTarget =
    t === 'cross-region'
      ? { kind: 'cross-region' }
      : typeof t === 'object' && t !== null
        ? { kind: 'zone', zone: (t as { zone: number }).zone }
        : { kind: 'same' };
  let files: number | null = null;
  if (raw.files !== undefined) {
    if (option !== 'files') {
      ctx.add('not-allowed', [...path, 'files'], RESTORE_MSG.filesOnlyForFiles(option));
      ok = false;
    } else {
      files = ctx.unit(parseSize, [...path, 'files'], raw.files);
      if (files === null) ok = false;
      else if (files > FILE_RECOVERY_GUIDANCE)
        ctx.warn(
          'restore-beyond-guidance',
          [...path, 'files'],
          RESTORE_MSG.beyondGuidance(typeof raw.files === 'string' ? raw.files : formatSize(files)),
        );
    }
  } else if (option === 'files') {
    ctx.add('required', path, RESTORE_MSG.filesNeeded());
    ok = false;
  }
  return ok ? { point, option, target, files: files as RestoreHow['files'] } : null;
}

// Every VM named is backed up, and its vault and zone allow the restore (the first VM breaking a rule is reported).
function checkVms(
  ctx: Context,
  how: RestoreHow,
  targets: VmTargets,
  path: readonly PathSegment[],
  refs: RestoreRefs,
): boolean {
  for (const id of targets.vms) {
    const vm = refs.vms.get(id)!;
    if (vm.backup === null) {
      ctx.add('unknown-reference', path, RESTORE_MSG.notBackedUp(id));
      return false;
    }
    const vault = refs.vaults.get(vm.backup.vault)!;
    const rule = staticRule(how, vm, vault, refs.regions.get(vm.region)?.zones ?? 0);
    if (rule !== null) {
      const field =
        how.point.kind === 'latest-app-consistent' && vm.os === 'linux'
          ? 'point'
          : how.target.kind !== 'same'
            ? 'target'
            : 'option';
      ctx.add('policy-limit', [...path, field], RESTORE_MSG.rule(id, rule));
      return false;
    }
  }
  return true;
}

/** The restores, restore drills and their objective of a scenario. */
export function normaliseRestores(
  ctx: Context,
  r: Raw,
  refs: {
    vms: readonly Vm[];
    declared: DeclaredFleet;
    regions: ReadonlyMap<string, Region>;
    vaults: ReadonlyMap<string, Vault>;
  },
): { restores: RestoreSpec[]; tests: RestoreTestSpec[]; objective: Millis | null } {
  const vmIds = new Map(refs.vms.map((vm) => [vm.id, vm]));
  const groups = new Map<string, string[]>();
  for (const vm of refs.vms) groups.set(vm.group, [...(groups.get(vm.group) ?? []), vm.id]);
  const all: RestoreRefs = {
    vms: vmIds,
    vaults: refs.vaults,
    regions: refs.regions,
    targets: (raw, path) => readTargets(ctx, raw, path, { vms: vmIds, groups, declared: refs.declared }),
  };
  const objective = (r.objectives as Raw | undefined)?.restoreTest;
  const target =
    objective === undefined ? null : ctx.unit(parseDuration, ['objectives', 'restoreTest'], objective);
  return {
    restores: readRestores(ctx, (r.events as Raw[] | undefined) ?? [], all),
    tests: readRestoreTests(ctx, (r.restoreTests as Raw[] | undefined) ?? [], all),
    objective: target === null ? null : millis(target),
  };
}
