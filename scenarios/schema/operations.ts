// Schema for the operations an admin or an attacker performs (issue 14): event kinds of
// `events:` (stop and resume protection, undelete, policy changes, soft delete, immutability,
// multi-user authorization), and a vault's Resource Guard. Rules: docs/reference.md §2.3,
// docs/reference.md §18.

import { POLICIES, RETENTION } from './policies.js';
import { type SchemaNode, unit } from './units.js';

const ACTOR: SchemaNode = {
  description:
    'Who performs it: admin (default), or attacker — a backup admin without the Resource Guard, whose critical operations fail under multi-user authorization.',
  enum: ['admin', 'attacker'],
};

/** The `vms` / `group` pair that names the VMs an event acts on (also for scenarios/schema/dr.ts). */
export const VM_TARGETS = {
  vms: {
    description: 'VM ids, like web-001.',
    type: 'array',
    minItems: 1,
    items: { type: 'string', description: 'A VM id.' },
  },
  group: unit('name', 'Every VM of this fleet group.'),
};

const onItems = (description: string, extra: Record<string, SchemaNode> = {}, required: string[] = []) => ({
  description: `${description} Name the VMs with vms or group.`,
  type: 'object',
  additionalProperties: false,
  required,
  properties: { ...VM_TARGETS, ...extra, actor: ACTOR },
});

const onVault = (description: string, extra: Record<string, SchemaNode> = {}, required: string[] = []) => ({
  description,
  type: 'object',
  additionalProperties: false,
  required: ['vault', ...required],
  properties: { vault: unit('name', 'The vault.'), ...extra, actor: ACTOR },
});

// The policy schedule block, as policies declare it.
const SCHEDULE = ((POLICIES.items as SchemaNode).properties as Record<string, SchemaNode>).schedule;

/** The operation kinds of `events:`, by their key, with `deleteBackup` (an attacker's stop with delete data). */
export const OPERATION_EVENTS: Record<string, SchemaNode> = {
  deleteBackup: onItems(
    'Backup data of the VMs is deleted: stopProtection with data delete, by an attacker unless actor says otherwise. Soft delete, immutability and multi-user authorization apply.',
  ),
  stopProtection: onItems(
    'Stop protection: no more backups; retain keeps the points, delete sends them to soft delete (blocked by an immutable vault; critical under multi-user authorization).',
    {
      data: {
        description: 'retain (default) or delete the backup data.',
        enum: ['retain', 'delete'],
      },
    },
  ),
  resumeProtection: onItems(
    'Resume protection of stopped VMs: backups run again, and retention applies to the kept points again. A VM whose data is in soft delete must be undeleted first.',
  ),
  undelete: onItems(
    'Undelete soft-deleted backup data: the points come back and the VMs are in "stop protection with retain data".',
  ),
  changePolicy: {
    description:
      'Change a policy (retention and/or schedule; the new retention applies to existing points), or move VMs (vms or group) to another policy (to). Shortening retention is blocked by an immutable vault and critical under multi-user authorization.',
    type: 'object',
    additionalProperties: false,
    properties: {
      policy: unit('name', 'The policy to change.'),
      retention: { ...RETENTION, description: 'The new retention, in full (replaces the old one).' },
      schedule: { ...SCHEDULE, description: 'The new schedule, in full; applies to later backups.' },
      ...VM_TARGETS,
      to: unit('name', 'Move the VMs to this policy.'),
      actor: ACTOR,
    },
  },
  setSoftDelete: onVault(
    "Change the vault's soft delete: disabled (purges soft-deleted data at once; not from always-on; critical under multi-user authorization), enabled, or always-on (irreversible).",
    {
      state: { description: 'The new state.', enum: ['disabled', 'enabled', 'always-on'] },
      retention: unit('duration', 'A new soft-delete retention for later deletions, 14d to 180d.'),
    },
    ['state'],
  ),
  setImmutability: onVault(
    "Change the vault's immutability: disabled or enabled (not from locked), or locked (irreversible).",
    { state: { description: 'The new state.', enum: ['disabled', 'enabled', 'locked'] } },
    ['state'],
  ),
  disableMua: onVault(
    'Disable multi-user authorization on the vault (always a critical operation: an admin waits for the approval, an attacker fails).',
  ),
};

/** `vaults[].resourceGuard` — multi-user authorization (§18.1). */
export const RESOURCE_GUARD: SchemaNode = {
  description:
    'Multi-user authorization with a Resource Guard: critical operations need its approval (an admin waits approvalDelay; an attacker fails). Disabling soft delete and disabling MUA are always protected.',
  type: 'object',
  additionalProperties: false,
  properties: {
    approvalDelay: unit(
      'duration',
      'From an admin’s request to its approval (default 1h: an assumption, the sources give none).',
    ),
    exclude: {
      description: 'Optional critical operations the guard does not protect.',
      type: 'array',
      uniqueItems: true,
      items: {
        description: 'An optional critical operation.',
        enum: ['reducePolicyRetention', 'reduceProtectionRetention', 'stopProtectionDelete'],
      },
    },
  },
};
