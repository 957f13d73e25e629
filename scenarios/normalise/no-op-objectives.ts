// Warnings for objectives that can never judge anything, so would show as SKIP in every run
// (a CI gate that judges nothing must not look like one that passed): an RPO or RTO in a
// scenario with no VM and no fault, and a restore-drill objective without restore drills.
// (A per-scope objective names a group, app or tag some VM has, or it is an error.)

import type { FaultSpec } from '../../models/scenario/dr.js';
import type { Vm } from '../../models/scenario/types.js';
import { NOOP_MSG } from '../messages-noop.js';
import type { Context } from './context.js';

type Raw = Record<string, unknown>;

/** What the objective checks read. */
export interface ObjectiveTargets {
  vms: readonly Vm[];
  faults: readonly FaultSpec[];
}

/** Records an `objective-never-judged` warning for each objective with nothing to judge. */
export function warnUnjudgedObjectives(ctx: Context, raw: Raw, t: ObjectiveTargets): void {
  const objectives = raw.objectives as Raw | undefined;
  if (objectives === undefined || objectives === null) return;
  if (objectives.restoreTest !== undefined && !hasItems(raw.restoreTests))
    ctx.warn('objective-never-judged', ['objectives', 'restoreTest'], NOOP_MSG.noDrills());
  // A VM in scope is always judged: protected, by what its schedule guarantees; unprotected, it
  // fails (nothing bounds its loss). Only a scope without VMs, in a run without faults, has
  // nothing to judge.
  if (t.faults.length > 0 || t.vms.length > 0) return;
  for (const key of ['rpo', 'rto'])
    if (objectives[key] !== undefined)
      ctx.warn('objective-never-judged', ['objectives', key], NOOP_MSG.nothingToJudge());
}

const hasItems = (list: unknown) => Array.isArray(list) && list.length > 0;
