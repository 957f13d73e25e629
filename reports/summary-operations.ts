// The operations part of summary.json (issue 14): the operations log, the security alerts that
// fired and what survived the attack, with its JSON Schema node. A run has it only when its
// scenario has operations.

import type { OperationRecord, OperationsResult, Survivor } from '../models/results/operations.js';
import { round } from './format.js';
import { int, type JsonSchema, list, nullable, obj, str } from './schema-nodes.js';

/** Operations in a summary: the run's OperationsResult with bytes as whole numbers and keys in a fixed order. */
export function summariseOperations(o: OperationsResult): OperationsResult {
  return {
    log: o.log.map(record),
    alerts: o.alerts.map((a) => ({ ...a, instance: { ...a.instance } })),
    attack:
      o.attack === null
        ? null
        : {
            after: o.attack.after,
            items: o.attack.items.map(survivor),
            points: o.attack.points,
            bytes: round(o.attack.bytes),
            lost: o.attack.lost,
            needUndelete: o.attack.needUndelete,
          },
  };
}

const record = (r: OperationRecord): OperationRecord => ({
  index: r.index,
  operation: r.operation,
  actor: r.actor,
  target: r.target,
  request: r.request,
  at: r.at,
  effectiveAt: r.effectiveAt,
  outcome: r.outcome,
  blockedBy: r.blockedBy,
  reason: r.reason,
  changes: {
    items: r.changes.items,
    pointsDeleted: r.changes.pointsDeleted,
    pointsPruned: r.changes.pointsPruned,
    pointsRestored: r.changes.pointsRestored,
    bytesSoftDeleted: round(r.changes.bytesSoftDeleted),
    bytesPurged: round(r.changes.bytesPurged),
    bytesRestored: round(r.changes.bytesRestored),
    purgeAt: r.changes.purgeAt,
  },
  alerts: [...r.alerts],
});

const survivor = (s: Survivor): Survivor => ({
  item: s.item,
  group: s.group,
  vault: s.vault,
  state: s.state,
  points: s.points,
  oldest: s.oldest,
  newest: s.newest,
  bytes: round(s.bytes),
  needsUndelete: s.needsUndelete,
});

const instant = (description: string): JsonSchema => str(description);

const CHANGES = obj('What the operation changed (zeros when nothing).', {
  items: int('Protected items it acted on.'),
  pointsDeleted: int('Recovery points deleted (to soft delete, or purged when soft delete is off).'),
  pointsPruned: int('Recovery points a shorter retention expired (removed at the next cleanup).'),
  pointsRestored: int('Recovery points an undelete brought back.'),
  bytesSoftDeleted: int('Vault bytes moved to soft delete.'),
  bytesPurged: int('Bytes deleted for good at once.'),
  bytesRestored: int('Bytes an undelete brought back.'),
  purgeAt: nullable(instant('When the data it soft-deleted is purged (the earliest), or null.')),
});

const RECORD = obj('One operation: what the rules said and what it changed.', {
  index: int(
    '1-based position among the scenario’s operations; 0 for an undelete made by disaster recovery.',
  ),
  operation: str('The scenario key it was written as, like stopProtection or deleteBackup.'),
  actor: { description: 'admin or attacker.', enum: ['admin', 'attacker'] },
  target: str('What it acts on: VMs, "policy <name>" or "vault <name>".'),
  request: str('What it asks, in a few words.'),
  at: instant('When it was issued (ISO 8601).'),
  effectiveAt: nullable(instant('When it took effect (after a Resource Guard approval), or null.')),
  outcome: { description: 'What became of it.', enum: ['succeeded', 'blocked', 'failed'] },
  blockedBy: nullable({
    description: 'The protection that blocked it, or null.',
    enum: ['immutability', 'mua', 'soft-delete-always-on', 'suspended-items'],
  }),
  reason: str('Why it was blocked or failed, or what its approval took; empty when it simply succeeded.'),
  changes: CHANGES,
  alerts: list('The security alerts it raised (Azure’s names).', str('An alert name.')),
});

const ALERT = obj('One firing of a built-in security alert (Sev 0).', {
  alert: str('Azure’s name, like "Delete Backup Data".'),
  rule: str('The built-in rule name in `alerts`, like backup-data-deleted.'),
  severity: { description: 'Always 0.', const: 0 },
  at: instant('When it fired (ISO 8601).'),
  instance: {
    description: 'The item (datasourceId) or policy, the vault, and outcome: blocked for a blocked attempt.',
    type: 'object',
    additionalProperties: { type: 'string' },
  },
});

const SURVIVOR = obj('What one protected item had right after the attack.', {
  item: str('The VM id.'),
  group: str('Its fleet group.'),
  vault: str('Its vault.'),
  state: {
    description: 'Its protection then.',
    enum: ['protected', 'stopped', 'soft-deleted', 'deleted'],
  },
  points: int('Usable recovery points: kept, or in soft delete.'),
  oldest: nullable(instant('Data instant of the oldest usable point, or null.')),
  newest: nullable(instant('Data instant of the newest usable point, or null.')),
  bytes: int('Vault bytes those points hold (standard, archive, soft-deleted).'),
  needsUndelete: {
    description: 'The points are only in soft delete: a restore needs an undelete.',
    type: 'boolean',
  },
});

/** JSON Schema of a run's `operations` (present only when the scenario has operations). */
export const OPERATIONS_SCHEMA: JsonSchema = obj(
  'Operations by an admin or an attacker (issue 14); present only when the scenario has some.',
  {
    log: list('Every operation, in the order they were settled (issued, or approved).', RECORD),
    alerts: list('Every security alert that fired, in time order.', ALERT),
    attack: nullable(
      obj(
        'What survived the attack: per item, right after the attacker’s last operation; null without one.',
        {
          after: instant('The instant of the attacker’s last operation.'),
          items: list('Every backed-up VM, in the order the fleet lists them.', SURVIVOR),
          points: int('Usable points over the items.'),
          bytes: int('Bytes over the items.'),
          lost: int('Items with no usable point left.'),
          needUndelete: int('Items whose points are only in soft delete.'),
        },
      ),
    ),
  },
);
