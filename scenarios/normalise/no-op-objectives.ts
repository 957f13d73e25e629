// Warnings for objectives that can never judge anything, so would show as SKIP in every run
// (a CI gate that judges nothing must not look like one that passed): an RPO or RTO whose
// scope holds no protected VM (no backup, no Site Recovery) in a scenario without faults, and
// a restore-drill objective without restore drills.

import { inScope } from '../../models/dr/scope.js';
import type { FaultSpec, ScopedObjective } from '../../models/scenario/dr.js';
import type { Vm } from '../../models/scenario/types.js';
import { NOOP_MSG } from '../messages-noop.js';
import type { Context } from './context.js';

type Raw = Record<string, unknown>;

/** What the objective checks read. */
export interface ObjectiveTargets {
  vms: readonly Vm[];
  faults: readonly FaultSpec[];
  scoped: readonly ScopedObjective[];
}

/** Records an `objective-never-judged` warning for each objective with nothing to judge. */
export function warnUnjudgedObjectives(ctx: Context, raw: Raw, t: ObjectiveTargets): void {
  const objectives = raw.objectives as Raw | undefined;
  if (objectives === undefined || objectives === null) return;
  if (objectives.restoreTest !== undefined && !hasItems(raw.restoreTests))
    ctx.warn('objective-never-judged', ['objectives', 'restoreTest'], NOOP_MSG.noDrills());
  // With a fault, an unprotected VM it hits is judged (it fails, unrecovered).
  if (t.faults.length > 0) return;
  const protectedVm = (vm: Vm) => vm.backup !== null || vm.replicate !== null;
  if (!t.vms.some(protectedVm))
    for (const key of ['rpo', 'rto'])
      if (objectives[key] !== undefined)
        ctx.warn('objective-never-judged', ['objectives', key], NOOP_MSG.nothingToJudge('the fleet'));
  t.scoped.forEach((o, i) => {
    if (!t.vms.some((vm) => inScope(o.scope, vm) && protectedVm(vm)))
      ctx.warn('objective-never-judged', ['objectives', 'per', i], NOOP_MSG.nothingToJudge('this scope'));
  });
}

const hasItems = (list: unknown) => Array.isArray(list) && list.length > 0;
