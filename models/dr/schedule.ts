// What the protection schedule guarantees per VM, whether or not an incident happened
// (issue 15): the worst data loss if a failure struck at the worst instant of the run, and
// how long recovery would then take. Objectives are judged against these as well as
// against what incidents achieved.
//
// - A replicated VM (Site Recovery) fails over after a failure of the VM or an outage of its
//   region: the peak data age of its replication (the fluid model; every replication it had,
//   reprotected ones included) plus one crash-consistent interval (5 min, §5.1) and the
//   processing delay (§5.2), or, if wider, the window it ran unreplicated after a recovery:
//   from the data it came back with to its next replication's first usable point (§5.7
//   reprotect; the run's end if none came); RTO = detection + failover + boot.
// - A backed-up VM's windows follow it to the vault it is backed up to after a failover or a
//   Cross Region Restore (relocate.ts): the window across the move runs from its last point
//   before to the first one after, and grows to the end of the run when none comes.
// - A backed-up VM is restored: a failure of the VM loses data back to the latest usable
//   snapshot (Exposure); an outage of the region, with Cross Region Restore, back to the latest
//   vault point that reached the paired region (landing + the most `recovery.crossRegionLag`
//   can draw, §2.2) — the worse of the two; without it the VM waits for its region and keeps
//   its points. RTO = detection + restore + boot: from the snapshot tier when the policy keeps
//   snapshots at least as long as the widest gap, else from the vault (overhead + largest disk
//   at the restore rate, or, when longer, every VM of the vault restoring at once at the
//   vault's restore throughput, as in a region outage: models/restore/jobs.ts). That RTO is
//   for a failure of the VM: in a region outage a backed-up VM waits for its region, or is
//   restored in the paired region once the copy is there, for as long as the outage makes it
//   — no schedule bounds that, so it is judged by the incidents only, and the evidence says so.
// - A VM with neither is unprotected: nothing bounds its loss.
// Corruption, ransomware and deleted backups are judged by what incidents achieved only.
// Timings are at their distribution's mean (assumption); the Cross Region Restore lag, a bound
// on data loss, at its maximum.

import { bounds, theoreticalMean } from '../../engine/distributions.js';
import { MS } from '../../engine/units.js';
import type { Window } from '../backup/exposure.js';
import { diskBytesAt } from '../restore/timing.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { Policy, Vm } from '../scenario/types.js';
import { vaultRestoreWork } from './restore.js';

/** Site Recovery's crash-consistent point interval (docs/reference.md §5.1: every 5 minutes). */
const CRASH_CONSISTENT_EVERY = 5 * MS.minute;

/** What one VM's schedule guarantees, in ms, with the evidence in words. */
export interface ScheduleFigure {
  readonly vm: string;
  /** Worst data-loss window, or null when nothing protects the VM. */
  readonly rpo: number | null;
  readonly rpoEvidence: string;
  /** The worst data-loss window of a backed-up VM (sim ms): from the point before it to when the next became usable; null otherwise. */
  readonly rpoWindow: { kind: 'vm-failure' | 'region-outage'; from: number; to: number } | null;
  /** Recovery time after a failure at the worst instant, or null when nothing protects the VM. */
  readonly rto: number | null;
  readonly rtoEvidence: string;
}

/** A backed-up VM's windows, as its backup process measured them. */
export interface BackupExposure {
  readonly local: Window | null;
  /** Vault-point windows between landings (without the cross-region lag). */
  readonly vault: Window | null;
  readonly policy: Policy;
  /** Whether the vault has Cross Region Restore (its points reach the paired region, §2.2). */
  readonly crossRegionRestore: boolean;
}

/** What scheduleFigures reads. */
export interface ScheduleInput {
  readonly vms: readonly Vm[];
  readonly backups: ReadonlyMap<string, BackupExposure>;
  /** Per replicated VM: its peak replication data age (ms), and its widest window without replication after a recovery (sim ms), if any. */
  readonly replication: ReadonlyMap<string, { peak: number; handover: { from: number; to: number } | null }>;
  readonly recovery: RecoverySettings;
  readonly horizon: number;
  /** Formats sim ms as an instant for evidence. */
  readonly instant: (t: number) => string;
}

/** Per VM, in the input's order, what its schedule guarantees. */
export function scheduleFigures(input: ScheduleInput): ScheduleFigure[] {
  const load = vaultLoads(input);
  return input.vms.map((vm) => figure(vm, input, load));
}

// Per vault, the VMs restored from it when its region goes down (backed up, not replicated)
// and their bytes at the end of the run: at the worst instant they restore at once, sharing the
// vault's restore throughput (models/restore/jobs.ts).
function vaultLoads(input: ScheduleInput): Map<string, { vms: number; bytes: number }> {
  const out = new Map<string, { vms: number; bytes: number }>();
  for (const vm of input.vms) {
    if (vm.backup === null || input.replication.has(vm.id) || !input.backups.has(vm.id)) continue;
    const bytes = diskBytesAt(vm, input.horizon).reduce((a, b) => a + b, 0);
    const l = out.get(vm.backup.vault) ?? { vms: 0, bytes: 0 };
    out.set(vm.backup.vault, { vms: l.vms + 1, bytes: l.bytes + bytes });
  }
  return out;
}

function figure(
  vm: Vm,
  input: ScheduleInput,
  loads: ReadonlyMap<string, { vms: number; bytes: number }>,
): ScheduleFigure {
  const { recovery } = input;
  const backup = input.backups.get(vm.id);
  const replicated = input.replication.get(vm.id);
  const rpos: { ms: number; why: string; window?: ScheduleFigure['rpoWindow'] }[] = [];
  const rtos: { ms: number; why: string }[] = [];
  const detect = recovery.detection;
  const boot = theoreticalMean(recovery.boot);
  if (replicated !== undefined) {
    const ms = replicated.peak + CRASH_CONSISTENT_EVERY + recovery.processing;
    rpos.push({
      ms,
      why: `Site Recovery: peak data age ${duration(replicated.peak)} + a 5-minute crash-consistent interval + ${duration(recovery.processing)} processing`,
    });
    const h = replicated.handover;
    if (h !== null)
      rpos.push({
        ms: h.to - h.from,
        why: `Site Recovery: unreplicated after a recovery, from its point of ${input.instant(h.from)} until ${h.to >= input.horizon ? 'the end of the run (not reprotected)' : `its next replication's first point at ${input.instant(h.to)}`}`,
      });
    const failover = theoreticalMean(recovery.failover);
    rtos.push({
      ms: detect + failover + boot,
      why: `failover: detection ${duration(detect)} + failover ${duration(failover)} + boot ${duration(boot)}`,
    });
  } else if (backup !== undefined && backup.local !== null) {
    const w = backup.local;
    rpos.push({
      ms: w.ms,
      why: `backup: no usable point from the one of ${input.instant(w.from)} until ${input.instant(w.to)}`,
      window: { kind: 'vm-failure', from: w.from, to: w.to },
    });
    if (backup.crossRegionRestore && backup.vault !== null) {
      // The guarantee is a worst case: the lag at its distribution's maximum (≤ 12 h, §2.2).
      const lag = bounds(recovery.crossRegionLag).max;
      rpos.push({
        ms: backup.vault.ms + lag,
        window: { kind: 'region-outage', from: backup.vault.from, to: backup.vault.to + lag },
        why: `region outage: the vault point of ${input.instant(backup.vault.from)} was the newest in the paired region until ${input.instant(backup.vault.to + lag)} (landing + ${duration(lag)} Cross Region Restore lag)`,
      });
    }
    const fromSnapshot = backup.policy.instantRestore >= w.ms;
    const alone = fromSnapshot
      ? theoreticalMean(recovery.snapshotRestore)
      : vaultRestoreWork(vm, recovery, input.horizon);
    // From the vault, every VM of the vault restoring at once shares its restore throughput.
    const load = loads.get(vm.backup!.vault);
    const shared =
      fromSnapshot || load === undefined
        ? 0
        : recovery.vaultRestoreOverhead + Math.ceil((load.bytes / recovery.restoreCapacity) * 1000);
    const work = Math.max(alone, shared);
    rtos.push({
      ms: detect + work + boot,
      why: `for a failure of the VM, a restore in place from the ${fromSnapshot ? 'snapshot tier' : 'vault'} (a region outage's RTO is judged by incidents): detection ${duration(detect)} + restore ${duration(work)}${shared > alone ? ` (its ${load!.vms} VMs restoring at once share the vault's restore throughput)` : ''} + boot ${duration(boot)}`,
    });
  }
  const worst = <T extends { ms: number }>(xs: T[]) =>
    xs.reduce<T | null>((a, b) => (a === null || b.ms > a.ms ? b : a), null);
  const rpo = worst(rpos);
  const rto = worst(rtos);
  return {
    vm: vm.id,
    rpo: rpo?.ms ?? null,
    rpoEvidence: rpo?.why ?? 'unprotected: no backup and no replication',
    rpoWindow: rpo?.window ?? null,
    rto: rto?.ms ?? null,
    rtoEvidence: rto?.why ?? 'unprotected: no backup and no replication',
  };
}

/**
 * A duration to the second, every unit that is not zero: 1d 1h 32m 7.6s, 25h → 1d 1h, 90m →
 * 1h 30m. For a figure set beside another that the short form (duration) would print the same.
 */
export function exactDuration(ms: number): string {
  if (ms === 0) return '0s';
  const tenths = Math.round(ms / 100);
  const seconds = (tenths % 600) / 10;
  const minutes = Math.floor(tenths / 600);
  const parts: string[] = [];
  const units: [number, string][] = [
    [Math.floor(minutes / 1440), 'd'],
    [Math.floor(minutes / 60) % 24, 'h'],
    [minutes % 60, 'm'],
  ];
  for (const [n, unit] of units) if (n > 0) parts.push(`${n}${unit}`);
  if (seconds > 0 || parts.length === 0)
    parts.push(`${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)}s`);
  return parts.join(' ');
}

/**
 * A figure and the target it is judged against, each as short as still tells them apart:
 * the short form (duration) unless it prints the two alike while they differ, then both
 * exactly (a worst RPO of 25h 32m 7.6s against 25h 32m must not read "1d 2h" against "1d 2h").
 */
export function durationsAgainst(value: number | null, target: number): [string | null, string] {
  if (value === null) return [null, duration(target)];
  const [v, t] = [duration(value), duration(target)];
  return v === t && value !== target ? [exactDuration(value), exactDuration(target)] : [v, t];
}

/** A duration as reports print it: 42.0s, 5m 0s, 15h 59m, 2d 3h. */
export function duration(ms: number): string {
  const seconds = ms / 1000;
  if (seconds < 60) return `${(Math.round(seconds * 10) / 10).toFixed(1)}s`;
  const s = Math.round(seconds);
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  const m = Math.round(s / 60);
  if (m < 1440) return `${Math.floor(m / 60)}h ${m % 60}m`;
  const h = Math.round(m / 60);
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}
