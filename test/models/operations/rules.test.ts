// The rules an operation meets (docs/reference.md §2.3; docs/reference.md §18.1–18.3),
// one protection at a time, then together.

import { describe, expect, it } from 'vitest';
import { millis } from '../../../engine/units.js';
import type { VaultProtection } from '../../../models/backup/world.js';
import { criticalOf, type Facts, judge } from '../../../models/operations/rules.js';
import type { OperationAction } from '../../../models/scenario/operations.js';

const targets = { vms: ['vm-1'], label: 'vm-1' };
const plain: VaultProtection = {
  softDelete: 14,
  softDeleteAlwaysOn: false,
  immutability: 'disabled',
  guard: null,
};
const guard = { approvalDelay: millis(3_600_000), exclude: [] };

const ACTIONS: Record<string, OperationAction> = {
  stopDelete: { kind: 'stop-protection', deleteData: true, targets },
  stopRetain: { kind: 'stop-protection', deleteData: false, targets },
  resume: { kind: 'resume-protection', targets },
  undelete: { kind: 'undelete', targets },
  modifyPolicy: { kind: 'modify-policy', policy: 'p', retention: null, schedule: null },
  moveItems: { kind: 'modify-protection', targets, policy: 'q' },
  disableSoftDelete: { kind: 'set-soft-delete', vault: 'rsv', state: 'disabled', retention: null },
  enableSoftDelete: { kind: 'set-soft-delete', vault: 'rsv', state: 'enabled', retention: null },
  alwaysOn: { kind: 'set-soft-delete', vault: 'rsv', state: 'always-on', retention: null },
  unlock: { kind: 'set-immutability', vault: 'rsv', state: 'enabled' },
  disableImmutability: { kind: 'set-immutability', vault: 'rsv', state: 'disabled' },
  lock: { kind: 'set-immutability', vault: 'rsv', state: 'locked' },
  disableMua: { kind: 'disable-mua', vault: 'rsv' },
};

function facts(
  action: keyof typeof ACTIONS,
  vault: Partial<VaultProtection>,
  more: Partial<Facts> = {},
): Facts {
  return {
    action: ACTIONS[action],
    actor: 'admin',
    approved: false,
    vaults: [{ ...plain, ...vault }],
    reduces: false,
    increases: false,
    suspended: false,
    ...more,
  };
}

const outcome = (f: Facts) => {
  const v = judge(f);
  return v.outcome === 'blocked' ? `blocked:${v.by}` : v.outcome;
};

describe('judge', () => {
  it('an unprotected vault allows everything', () => {
    for (const a of Object.keys(ACTIONS)) expect(outcome(facts(a, {}, { reduces: true }))).toBe('allowed');
  });

  it('immutability (enabled or locked) blocks deleting data and shortening retention, nothing else of the item operations', () => {
    for (const immutability of ['enabled', 'locked'] as const) {
      const f = (a: string, more: Partial<Facts> = {}) => outcome(facts(a, { immutability }, more));
      expect(f('stopDelete')).toBe('blocked:immutability');
      expect(f('modifyPolicy', { reduces: true })).toBe('blocked:immutability');
      expect(f('moveItems', { reduces: true, increases: true })).toBe('blocked:immutability');
      expect(f('modifyPolicy', { increases: true })).toBe('allowed');
      expect(f('modifyPolicy', { increases: true, suspended: true })).toBe('blocked:suspended-items');
      // A schedule change that keeps every tier is neither.
      expect(f('modifyPolicy', { suspended: true })).toBe('allowed');
      for (const a of ['stopRetain', 'resume', 'undelete', 'disableSoftDelete', 'lock'])
        expect(f(a)).toBe('allowed');
    }
  });

  it('enabled immutability can be disabled; locked can be neither disabled nor unlocked', () => {
    expect(outcome(facts('disableImmutability', { immutability: 'enabled' }))).toBe('allowed');
    expect(outcome(facts('disableImmutability', { immutability: 'locked' }))).toBe('blocked:immutability');
    expect(outcome(facts('unlock', { immutability: 'locked' }))).toBe('blocked:immutability');
    expect(outcome(facts('lock', { immutability: 'locked' }))).toBe('allowed');
  });

  it('always-on soft delete can be neither disabled nor turned back to enabled', () => {
    expect(outcome(facts('disableSoftDelete', { softDeleteAlwaysOn: true }))).toBe(
      'blocked:soft-delete-always-on',
    );
    expect(outcome(facts('enableSoftDelete', { softDeleteAlwaysOn: true }))).toBe(
      'blocked:soft-delete-always-on',
    );
    expect(outcome(facts('alwaysOn', { softDeleteAlwaysOn: true }))).toBe('allowed');
  });

  it('a Resource Guard: the critical operations fail for an attacker and wait for an admin; others pass', () => {
    const critical = ['stopDelete', 'disableSoftDelete', 'disableMua'];
    for (const a of critical) {
      expect(outcome(facts(a, { guard }, { actor: 'attacker' }))).toBe('blocked:mua');
      expect(judge(facts(a, { guard }))).toEqual({ outcome: 'approval', delay: 3_600_000 });
      expect(outcome(facts(a, { guard }, { approved: true }))).toBe('allowed');
    }
    expect(outcome(facts('modifyPolicy', { guard }, { actor: 'attacker', reduces: true }))).toBe(
      'blocked:mua',
    );
    expect(outcome(facts('moveItems', { guard }, { actor: 'attacker', reduces: true }))).toBe('blocked:mua');
    // Not critical: longer retention, stop with retain, undelete, resume, immutability changes.
    for (const a of ['stopRetain', 'resume', 'undelete', 'lock', 'disableImmutability', 'enableSoftDelete'])
      expect(outcome(facts(a, { guard }, { actor: 'attacker' }))).toBe('allowed');
    expect(outcome(facts('modifyPolicy', { guard }, { actor: 'attacker', increases: true }))).toBe('allowed');
  });

  it('a guard may exclude the optional critical operations, never the mandatory ones', () => {
    const loose = { ...guard, exclude: ['stopProtectionDelete' as const, 'reducePolicyRetention' as const] };
    expect(outcome(facts('stopDelete', { guard: loose }, { actor: 'attacker' }))).toBe('allowed');
    expect(outcome(facts('modifyPolicy', { guard: loose }, { actor: 'attacker', reduces: true }))).toBe(
      'allowed',
    );
    expect(outcome(facts('moveItems', { guard: loose }, { actor: 'attacker', reduces: true }))).toBe(
      'blocked:mua',
    );
    expect(outcome(facts('disableSoftDelete', { guard: loose }, { actor: 'attacker' }))).toBe('blocked:mua');
  });

  it("the vault's own protections come first: an attacker deleting in a locked vault with a guard is blocked by immutability", () => {
    expect(outcome(facts('stopDelete', { immutability: 'locked', guard }, { actor: 'attacker' }))).toBe(
      'blocked:immutability',
    );
    // An approved admin is still blocked by immutability.
    expect(outcome(facts('stopDelete', { immutability: 'locked', guard }, { approved: true }))).toBe(
      'blocked:immutability',
    );
  });

  it('several vaults: blocked when any blocks, the longest approval', () => {
    const f = facts(
      'stopDelete',
      {},
      {
        vaults: [
          plain,
          { ...plain, guard: { ...guard, approvalDelay: millis(7_200_000) } },
          { ...plain, guard },
        ],
      },
    );
    expect(judge(f)).toEqual({ outcome: 'approval', delay: 7_200_000 });
    expect(outcome({ ...f, vaults: [plain, { ...plain, immutability: 'enabled' }] })).toBe(
      'blocked:immutability',
    );
  });
});

describe('criticalOf', () => {
  it('names the §18.1 operation, or null', () => {
    expect(criticalOf(facts('stopDelete', {}))).toBe('stopProtectionDelete');
    expect(criticalOf(facts('stopRetain', {}))).toBeNull();
    expect(criticalOf(facts('modifyPolicy', {}, { reduces: true }))).toBe('reducePolicyRetention');
    expect(criticalOf(facts('modifyPolicy', {}, { increases: true }))).toBeNull();
    expect(criticalOf(facts('moveItems', {}, { reduces: true }))).toBe('reduceProtectionRetention');
    expect(criticalOf(facts('disableSoftDelete', {}))).toBe('disableSoftDelete');
    expect(criticalOf(facts('alwaysOn', {}))).toBeNull();
    expect(criticalOf(facts('disableMua', {}))).toBe('disableMua');
  });
});
