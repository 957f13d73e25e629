// The operations of `events:` → typed OperationSpecs (issue 14): stop and resume protection,
// undelete, policy changes and moves, soft delete, immutability and multi-user authorization,
// each with its actor. VMs, policies and vaults checked; a changed retention or schedule is
// read with the policy rules (policies.ts), at the event's path.

import { type Millis, millis } from '../../engine/units.js';
import { WEEKDAY_NAMES } from '../../models/calendar.js';
import type { VmTargets } from '../../models/scenario/dr.js';
import type {
  Actor,
  ImmutabilityState,
  OperationAction,
  OperationSpec,
  SoftDeleteState,
} from '../../models/scenario/operations.js';
import type { Policy, Vault, Vm } from '../../models/scenario/types.js';
import { MSG } from '../messages.js';
import { OPS_MSG } from '../messages-ops.js';
import type { PathSegment } from '../source.js';
import { parseDuration } from '../units.js';
import type { Context } from './context.js';
import { readTime } from './events.js';
import { normaliseRetention, type RawRetention, type RawSchedule, readSchedule } from './policies.js';
import { checkSoftDelete } from './topology.js';

type Raw = Record<string, unknown>;

/** The operation kinds of `events:`, by their key in the scenario. */
export const OPERATION_KINDS = [
  'deleteBackup',
  'stopProtection',
  'resumeProtection',
  'undelete',
  'changePolicy',
  'setSoftDelete',
  'setImmutability',
  'disableMua',
] as const;

type OperationKind = (typeof OPERATION_KINDS)[number];

/** What operations refer to. */
export interface OperationRefs {
  vms: ReadonlyMap<string, Vm>;
  vaults: ReadonlyMap<string, Vault>;
  policies: ReadonlyMap<string, Policy>;
}

/** Reads the operations of `events:` in scenario order; an operation with issues is left out. */
export function readOperations(
  ctx: Context,
  raw: Raw[],
  refs: OperationRefs,
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null,
): OperationSpec[] {
  const out: OperationSpec[] = [];
  raw.forEach((e, i) => {
    const kinds = OPERATION_KINDS.filter((k) => e[k] !== undefined);
    // readEvents reports an event with no kind or several.
    if (kinds.length !== 1 || Object.keys(e).some((k) => k !== 'at' && k !== kinds[0])) return;
    const kind = kinds[0];
    const path: PathSegment[] = ['events', i, kind];
    const body = e[kind] as Raw;
    const at = readTime(ctx, ['events', i, 'at'], e.at, true);
    const action = readAction(ctx, kind, body, path, refs, targets);
    if (at === null || action === null) return;
    const actor = (body.actor as Actor | undefined) ?? (kind === 'deleteBackup' ? 'attacker' : 'admin');
    out.push({ ...action, at, actor, written: kind });
  });
  return out;
}

function readAction(
  ctx: Context,
  kind: OperationKind,
  body: Raw,
  path: PathSegment[],
  refs: OperationRefs,
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null,
): OperationAction | null {
  const backedUp = () => backedUpTargets(ctx, body, path, refs, targets);
  const vault = () =>
    ctx.reference('vault', body.vault as string, refs.vaults, [...path, 'vault'])
      ? (body.vault as string)
      : null;
  switch (kind) {
    case 'deleteBackup':
    case 'stopProtection': {
      const t = backedUp();
      const deleteData = kind === 'deleteBackup' || body.data === 'delete';
      return t === null ? null : { kind: 'stop-protection', deleteData, targets: t };
    }
    case 'resumeProtection':
    case 'undelete': {
      const t = backedUp();
      if (t === null) return null;
      return kind === 'undelete'
        ? { kind: 'undelete', targets: t }
        : { kind: 'resume-protection', targets: t };
    }
    case 'changePolicy':
      return readChangePolicy(ctx, body, path, refs, backedUp);
    case 'setSoftDelete': {
      const v = vault();
      const state = body.state as SoftDeleteState;
      const retention = readSoftDeleteRetention(ctx, body, path, state);
      if (v === null || retention === undefined) return null;
      return { kind: 'set-soft-delete', vault: v, state, retention };
    }
    case 'setImmutability': {
      const v = vault();
      return v === null
        ? null
        : { kind: 'set-immutability', vault: v, state: body.state as ImmutabilityState };
    }
    case 'disableMua': {
      const v = vault();
      return v === null ? null : { kind: 'disable-mua', vault: v };
    }
  }
}

// The VMs named, each of which must be backed up; null (with issues) otherwise.
function backedUpTargets(
  ctx: Context,
  body: Raw,
  path: PathSegment[],
  refs: OperationRefs,
  targets: (raw: Raw, path: readonly PathSegment[]) => VmTargets | null,
): VmTargets | null {
  const t = targets(body, path);
  if (t === null) return null;
  const bare = t.vms.filter((id) => refs.vms.get(id)?.backup === null);
  for (const id of bare) ctx.add('unknown-reference', path, OPS_MSG.notBackedUp(id));
  return bare.length === 0 ? t : null;
}

// changePolicy: a policy edit (policy + retention/schedule) or a move (vms/group + to).
function readChangePolicy(
  ctx: Context,
  body: Raw,
  path: PathSegment[],
  refs: OperationRefs,
  backedUp: () => VmTargets | null,
): OperationAction | null {
  const moves = body.to !== undefined || body.vms !== undefined || body.group !== undefined;
  const edits = body.policy !== undefined || body.retention !== undefined || body.schedule !== undefined;
  if (moves === edits) {
    ctx.add('required', path, OPS_MSG.changePolicyForm());
    return null;
  }
  if (moves) {
    const to = body.to as string | undefined;
    if (to === undefined) {
      ctx.add('required', path, MSG.required('to'));
      return null;
    }
    const t = backedUp();
    if (!ctx.reference('policy', to, refs.policies, [...path, 'to']) || t === null) return null;
    return { kind: 'modify-protection', targets: t, policy: to };
  }
  const name = body.policy as string | undefined;
  if (name === undefined) {
    ctx.add('required', path, MSG.required('policy'));
    return null;
  }
  if (!ctx.reference('policy', name, refs.policies, [...path, 'policy'])) return null;
  const policy = refs.policies.get(name)!;
  if (body.retention === undefined && body.schedule === undefined) {
    ctx.add('required', path, OPS_MSG.changePolicyNothing(name));
    return null;
  }
  const rawSchedule = body.schedule as RawSchedule | undefined;
  const schedule =
    rawSchedule === undefined ? null : readSchedule(ctx, rawSchedule, [...path, 'schedule'], policy.type);
  const frequency = rawSchedule?.frequency ?? policy.schedule.frequency;
  if (body.retention === undefined) {
    // The old retention must still fit: a weekly schedule has no daily tier, the others need one.
    if ((frequency === 'weekly') !== (policy.schedule.frequency === 'weekly')) {
      ctx.add('required', path, OPS_MSG.retentionForSchedule(policy.schedule.frequency, frequency));
      return null;
    }
    return schedule === null ? null : { kind: 'modify-policy', policy: name, retention: null, schedule };
  }
  const days =
    rawSchedule === undefined
      ? policy.schedule.days.map((d) => WEEKDAY_NAMES[d])
      : typeof rawSchedule.days === 'string'
        ? [rawSchedule.days]
        : (rawSchedule.days ?? []);
  const before = ctx.issues.length;
  const retention = normaliseRetention(
    ctx,
    body.retention as RawRetention,
    [...path, 'retention'],
    frequency,
    days,
  );
  if (ctx.issues.length > before || (rawSchedule !== undefined && schedule === null)) return null;
  return { kind: 'modify-policy', policy: name, retention, schedule };
}

// setSoftDelete's retention: null when not given, undefined on issues.
function readSoftDeleteRetention(
  ctx: Context,
  body: Raw,
  path: PathSegment[],
  state: SoftDeleteState,
): Millis | null | undefined {
  if (body.retention === undefined) return null;
  const at = [...path, 'retention'];
  if (state === 'disabled') {
    ctx.add('policy-limit', at, OPS_MSG.retentionWhenDisabled());
    return undefined;
  }
  const d = ctx.unit(parseDuration, at, body.retention);
  if (d === null) return undefined;
  if (!checkSoftDelete(ctx, at, d)) return undefined;
  return millis(d);
}
