// The operations of a run (issue 14): each is issued at its time by its actor, judged against
// the protections of the vaults it touches (rules.ts), waits for a Resource Guard approval when
// it needs one, and then changes the world (apply.ts) or is blocked; every outcome is logged
// with what it changed and the security alerts it raised. Right after the attacker's last
// operation, what survived is counted (survivors.ts). Disaster recovery may undelete an item
// to restore it; that undelete is logged too.
//
// A blocked or failed operation changes nothing; a blocked critical operation still raises its
// security alert, marked outcome: blocked (assumption: the sources do not say whether Azure
// raises it for an attempt; raising it keeps a blocked attack visible).

import type { Simulation } from '../../engine/simulation.js';
import type { VmBackup } from '../backup/vm-backup.js';
import type { VaultRuntime, World } from '../backup/world.js';
import { drawTime } from '../dr/faults.js';
import { BUILT_IN_ALERTS } from '../monitor/backup-health.js';
import type { SecurityAlerts, SecurityKind } from '../monitor/security.js';
import type { AttackResult, OperationRecord, OperationsResult } from '../results/operations.js';
import { increasesRetention, reducesRetention } from '../retention/change.js';
import type { OperationAction, OperationSpec } from '../scenario/operations.js';
import type { Policy, Scenario, Vm } from '../scenario/types.js';
import { type Applied, apply, type Member, NO_CHANGES } from './apply.js';
import { criticalOf, type Facts, judge } from './rules.js';
import { survivors } from './survivors.js';

// The alert a critical operation raises, also when it is blocked.
const ALERT_OF: Record<string, SecurityKind> = {
  stopProtectionDelete: 'dataDeleted',
  reducePolicyRetention: 'policyShorterRetention',
  reduceProtectionRetention: 'protectionShorterRetention',
  disableSoftDelete: 'softDeleteDisabled',
  disableMua: 'muaDisabled',
};

/** The operations of one run. */
export class Operations {
  private readonly members = new Map<string, Member>();
  private readonly policies: Map<string, Policy>;
  private readonly log: OperationRecord[] = [];
  private security: SecurityAlerts | null = null;
  private attack: AttackResult | null = null;

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    private readonly world: World,
    private readonly vaults: ReadonlyMap<string, VaultRuntime>,
  ) {
    this.policies = new Map(scenario.policies.map((p) => [p.name, p]));
  }

  /** Registers an Azure VM backup the operations may act on. */
  add(item: VmBackup, vm: Vm, vault: VaultRuntime): void {
    this.members.set(vm.id, { item, group: vm.group, vault, policy: vm.backup!.policy });
  }

  /** Schedules every operation at its time (drawn ones from stream operation/<index>/at). */
  start(security: SecurityAlerts): void {
    this.security = security;
    const ops = this.scenario.operations;
    const times = ops.map((op, i) => drawTime(op.at, this.world.streams, `operation/${i}/at`));
    // The attack ends with the attacker's last operation (the last issued, then in scenario order).
    let last = -1;
    ops.forEach((op, i) => {
      if (op.actor !== 'attacker' || times[i] >= this.scenario.duration) return;
      if (last < 0 || times[i] >= times[last]) last = i;
    });
    ops.forEach((op, i) => {
      if (times[i] >= this.scenario.duration) return;
      this.sim.at(
        times[i],
        () => {
          this.issue(op, i, false, times[i]);
          if (i === last) this.attack = this.survivors();
        },
        'ops/operation',
      );
    });
  }

  /** Disaster recovery undeletes an item to restore it (§2.3); returns the points back, or null. */
  recoveryUndelete(id: string): number | null {
    const m = this.members.get(id);
    if (m === undefined) return null;
    const bytes = m.vault.ledger.itemBytes(id, 'softDeleted');
    const points = m.item.undelete();
    const now = this.sim.now;
    this.record({
      index: 0,
      operation: 'undelete',
      actor: 'admin',
      target: id,
      request: 'undelete, to restore',
      at: this.iso(now),
      effectiveAt: points === null ? null : this.iso(now),
      outcome: points === null ? 'failed' : 'succeeded',
      blockedBy: null,
      reason:
        points === null
          ? 'nothing in soft delete'
          : 'disaster recovery: the only clean points were soft-deleted',
      changes:
        points === null
          ? NO_CHANGES
          : { ...NO_CHANGES, items: 1, pointsRestored: points, bytesRestored: bytes },
      alerts: [],
    });
    return points;
  }

  /** The operations log, security alerts and attack survivors, once the run has ended. */
  finish(): OperationsResult {
    const alerts = (this.security?.firings() ?? []).map((f) => ({
      alert: BUILT_IN_ALERTS[f.kind].title,
      rule: BUILT_IN_ALERTS[f.kind].name,
      severity: 0 as const,
      at: this.iso(f.t),
      instance: sortedKeys(f.instance),
    }));
    return { log: this.log, alerts, attack: this.attack };
  }

  // The operation is issued (or, approved, issued again) at `at`: judged, then applied or not.
  private issue(op: OperationSpec, i: number, approved: boolean, at: number): void {
    const members = this.touched(op);
    const vault = 'vault' in op ? this.vaults.get(op.vault)! : null;
    const facts = this.facts(op, members, vault, approved);
    const verdict = judge(facts);
    if (verdict.outcome === 'approval') {
      this.trace(op, 'operation-pending', { index: i + 1, approvalSeconds: verdict.delay / 1000 });
      this.sim.after(verdict.delay, () => this.issue(op, i, true, at), 'ops/approved');
      return;
    }
    const fired = this.security?.firings().length ?? 0;
    const base = {
      index: i + 1,
      operation: op.written,
      actor: op.actor,
      target: targetOf(op),
      request: requestOf(op),
      at: this.iso(at),
    };
    if (verdict.outcome === 'blocked') {
      const critical = criticalOf(facts);
      if (critical !== null) this.blockedAlerts(ALERT_OF[critical], op, members, vault);
      this.record({
        ...base,
        effectiveAt: null,
        outcome: 'blocked',
        blockedBy: verdict.by,
        reason: verdict.reason,
        changes: NO_CHANGES,
        alerts: this.alertsSince(fired),
      });
      return;
    }
    const done: Applied = apply(op, {
      members,
      vault,
      policies: this.policies,
      security: this.security,
      now: this.sim.now,
      iso: (t) => this.iso(t),
    });
    const approval = approved
      ? `approved on the Resource Guard after ${(this.sim.now - at) / 60_000} min`
      : '';
    this.record({
      ...base,
      effectiveAt: 'failed' in done ? null : this.iso(this.sim.now),
      outcome: 'failed' in done ? 'failed' : 'succeeded',
      blockedBy: null,
      reason: 'failed' in done ? done.failed : approval,
      changes: 'failed' in done ? NO_CHANGES : done.changes,
      alerts: this.alertsSince(fired),
    });
  }

  // The items an operation touches, in VM id order.
  private touched(op: OperationAction): Member[] {
    if ('targets' in op) return op.targets.vms.flatMap((id) => this.members.get(id) ?? []);
    if (op.kind !== 'modify-policy') return [];
    return [...this.members.keys()]
      .sort()
      .map((id) => this.members.get(id)!)
      .filter((m) => m.policy === op.policy);
  }

  private facts(op: OperationSpec, members: Member[], vault: VaultRuntime | null, approved: boolean): Facts {
    const vaults = vault !== null ? [vault] : [...new Set(members.map((m) => m.vault))];
    let reduces = false;
    let increases = false;
    const rule = (p: Policy) => ({ retention: p.retention, schedule: p.schedule });
    const compare = (before: Policy, after: Policy) => {
      reduces ||= reducesRetention(rule(before), rule(after));
      increases ||= increasesRetention(rule(before), rule(after));
    };
    if (op.kind === 'modify-policy') {
      const before = this.policies.get(op.policy)!;
      compare(before, {
        ...before,
        retention: op.retention ?? before.retention,
        schedule: op.schedule ?? before.schedule,
      });
    } else if (op.kind === 'modify-protection')
      for (const m of members) compare(this.policies.get(m.policy)!, this.policies.get(op.policy)!);
    return {
      action: op,
      actor: op.actor,
      approved,
      vaults: vaults.map((v) => v.protection),
      reduces,
      increases,
      suspended: members.some((m) => m.item.state === 'stopped'),
    };
  }

  // A blocked critical operation raises its alert as an attempt.
  private blockedAlerts(
    kind: SecurityKind,
    op: OperationSpec,
    members: Member[],
    vault: VaultRuntime | null,
  ): void {
    const fire = (instance: Record<string, string>) =>
      this.security?.fire(kind, { ...instance, outcome: 'blocked' });
    if (vault !== null) fire({ vault: vault.spec.name });
    else if (op.kind === 'modify-policy') {
      const names = [...new Set(members.map((m) => m.vault.spec.name))];
      for (const v of names.length === 0 ? [null] : names)
        fire({ policy: op.policy, ...(v === null ? {} : { vault: v }) });
    } else for (const m of members) fire({ datasourceId: m.item.id, vault: m.vault.spec.name });
  }

  private alertsSince(fired: number): string[] {
    return (this.security?.firings() ?? []).slice(fired).map((f) => BUILT_IN_ALERTS[f.kind].title);
  }

  private record(r: OperationRecord): void {
    this.log.push(r);
    this.world.trace?.({
      t: this.sim.now,
      kind: 'operation',
      subject: r.target,
      detail: {
        index: r.index,
        operation: r.operation,
        actor: r.actor,
        request: r.request,
        outcome: r.outcome,
        ...(r.blockedBy === null ? {} : { blockedBy: r.blockedBy }),
        ...(r.reason === '' ? {} : { reason: r.reason }),
        items: r.changes.items,
        pointsDeleted: r.changes.pointsDeleted,
        pointsPruned: r.changes.pointsPruned,
        pointsRestored: r.changes.pointsRestored,
        bytesSoftDeleted: r.changes.bytesSoftDeleted,
        bytesPurged: r.changes.bytesPurged,
        ...(r.changes.purgeAt === null ? {} : { purgeAt: r.changes.purgeAt }),
      },
    });
  }

  private trace(op: OperationSpec, kind: string, detail: Record<string, number | string>): void {
    this.world.trace?.({
      t: this.sim.now,
      kind,
      subject: targetOf(op),
      detail: { operation: op.written, ...detail },
    });
  }

  private survivors(): AttackResult {
    const sources = [...this.members.values()].map(({ item, group, vault }) => ({ item, group, vault }));
    return survivors(sources, this.sim.now, (t) => this.iso(t));
  }

  private iso(t: number): string {
    return new Date(this.scenario.start + t).toISOString();
  }
}

function sortedKeys(o: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** What an operation acts on, for reports: "group web", "policy daily-30", "vault rsv". */
export function targetOf(op: OperationAction): string {
  if ('targets' in op) return op.targets.label;
  if (op.kind === 'modify-policy') return `policy ${op.policy}`;
  return `vault ${op.vault}`;
}

/** What an operation asks, in a few words ("stop protection, delete data", "retention → daily 7"). */
export function requestOf(op: OperationAction): string {
  switch (op.kind) {
    case 'stop-protection':
      return `stop protection, ${op.deleteData ? 'delete' : 'retain'} data`;
    case 'resume-protection':
      return 'resume protection';
    case 'undelete':
      return 'undelete';
    case 'modify-policy': {
      const parts: string[] = [];
      if (op.retention !== null) parts.push(`retention → ${retentionText(op.retention)}`);
      if (op.schedule !== null) parts.push(`schedule → ${op.schedule.frequency}`);
      return parts.join(', ');
    }
    case 'modify-protection':
      return `move to policy ${op.policy}`;
    case 'set-soft-delete':
      return `soft delete → ${op.state}${op.retention === null ? '' : ` (${op.retention / 86_400_000}d)`}`;
    case 'set-immutability':
      return `immutability → ${op.state}`;
    case 'disable-mua':
      return 'disable multi-user authorization';
  }
}

function retentionText(r: Policy['retention']): string {
  const parts: string[] = [];
  if (r.daily !== null) parts.push(`daily ${r.daily}`);
  if (r.weekly !== null) parts.push(`weekly ${r.weekly.count}`);
  if (r.monthly !== null) parts.push(`monthly ${r.monthly.count}`);
  if (r.yearly !== null) parts.push(`yearly ${r.yearly.count}`);
  return parts.join(' ') || 'none';
}
