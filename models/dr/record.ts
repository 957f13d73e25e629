// One VM's recovery from one incident as results give it: the path and point, RPO and RTO with
// their phases, data lost, the reprotect and failback estimates after a failover, and what
// protects the VM afterwards (reprotection.ts). Built from what was decided, and from where its
// backup protection stands when it is built.

import type { ProtectionState } from '../backup/vm-backup.js';
import type { ProtectionAfter, VmRecovery } from '../results/types.js';
import type { Decided } from './disaster-recovery.js';
import type { DrVm } from './recovery-types.js';
import type { NextReplication, ReprotectTiming } from './reprotection.js';
import { appOf } from './scope.js';

/** What a recovery record is built from (sim ms). */
export interface RecordInput {
  v: DrVm;
  decided: Decided;
  /** When the fault started: the last good data. */
  lastGood: number;
  /** When the VM went down (ransomware: when it was found); RTO counts from here. */
  down: number;
  /**
   * When it is back, or null (unrecovered); Infinity while its restore job has not ended: the
   * record then reads "not back before the run ended", which stays if the job does not end in
   * the run (returns.ts rebuilds it when it does).
   */
  recoveredAt: number | null;
  horizon: number;
  reprotect: ReprotectTiming | null;
  /** Its next replication (null: none), and whether its replication simply continues. */
  next: NextReplication | null;
  continues: boolean;
  iso: (t: number) => string;
}

/** Whether a decision's RTO is known only once its restore job has ended (recoveredAt Infinity until then). */
export function awaitsRestoreJob(decided: Decided): boolean {
  return decided.plan !== undefined && decided.path !== 'unrecovered';
}

/** What the decision says of itself: its note, then its restore's notes (a cross-zonal restore's target zone). */
export function decisionNote(decided: Decided): string {
  return [decided.note, ...(decided.plan?.notes ?? [])].filter((n) => n !== '').join('; ');
}

/** The VmRecovery of one VM in one incident. */
export function recoveryRecord(input: RecordInput): VmRecovery {
  const { v, decided, recoveredAt, iso } = input;
  const inRun = recoveredAt !== null && recoveredAt <= input.horizon;
  const rpo =
    decided.path === 'unrecovered'
      ? null
      : decided.point === null
        ? 0
        : Math.max(0, input.lastGood - decided.point.at);
  const lost = decided.point === null ? 0 : v.written(decided.point.at, input.lastGood);
  const note = decisionNote(decided);
  return {
    vm: v.vm.id,
    group: v.vm.group,
    app: appOf(v.vm),
    path: decided.path,
    point:
      decided.point === null
        ? null
        : { at: iso(decided.point.at), source: decided.point.source, region: decided.point.region },
    rpoSeconds: rpo === null ? null : rpo / 1000,
    rtoSeconds: !inRun ? null : (recoveredAt! - input.down) / 1000,
    phases: {
      detection: decided.detection / 1000,
      waiting: decided.waiting / 1000,
      recovery: decided.work / 1000,
      boot: decided.boot / 1000,
    },
    dataLostBytes: Math.round(lost),
    recoveredAt: !inRun ? null : iso(recoveredAt!),
    region: decided.region,
    note:
      recoveredAt !== null && !inRun
        ? `${note === '' ? '' : `${note}; `}not back before the run ended`
        : note,
    reprotect:
      input.reprotect === null
        ? null
        : {
            reprotectSeconds: Math.round(input.reprotect.reprotect) / 1000,
            failbackSeconds: input.reprotect.failback / 1000,
          },
    // Unknown until the VM is back (a restore job still to run: recoveredAt Infinity).
    afterwards: recoveredAt === null || !Number.isFinite(recoveredAt) ? null : afterwards(input, recoveredAt),
  };
}

// How a stopped item's data stands (§1.5, §2.3).
const STOPPED: Record<Exclude<ProtectionState, 'protected'>, string> = {
  stopped: 'data retained',
  'soft-deleted': 'its data in soft delete',
  deleted: 'its data deleted',
};

// What protects the VM where it runs once it is back.
function afterwards(input: RecordInput, recoveredAt: number): ProtectionAfter {
  const { v, decided, next, iso } = input;
  const region = decided.region;
  const missing: string[] = [];
  let replication: ProtectionAfter['replication'] = null;
  if (v.replica !== null) {
    if (input.continues) replication = { to: v.replica.to, from: iso(recoveredAt), why: 'continues' };
    else if (next !== null)
      replication = {
        to: next.to,
        from: next.start <= input.horizon ? iso(next.start) : null,
        why: next.why,
      };
    if (replication !== null && replication.from === null)
      missing.push(`replication to ${replication.to} is not back before the run ends`);
  }
  const vault = v.vaultIn?.(region) ?? null;
  // Back where it ran, it keeps the item it had: once its protection stopped (an operation, or an
  // undelete, which leaves it stopped with its data retained, §2.3) nothing backs it up until a
  // resume. A VM that moves is protected by its item in that region's vault (relocate.ts).
  const state = vault !== null && region === v.region ? (v.backupState?.() ?? 'protected') : 'protected';
  const backup = vault === null || state !== 'protected' ? null : { vault, from: iso(recoveredAt) };
  if (v.vaultIn === null) missing.push('not backed up');
  else if (vault === null)
    missing.push(`unprotected by backup in ${region}: no vault there (name one with backup.afterFailover)`);
  else if (state !== 'protected')
    missing.push(
      `not backed up: protection stopped in ${vault} (${STOPPED[state]}), no more backups unless it resumes`,
    );
  return { replication, backup, note: missing.join('; ') };
}
