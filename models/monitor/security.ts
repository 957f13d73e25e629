// Azure Backup's built-in security alerts (docs/reference.md §18.4; docs/reference.md
// §2.3, §7.5): Sev 0, no rule needed, and they cannot be turned off. The models report what
// happened; this module decides which alert fires and when, keeps every firing for the run's
// operations log, and hands each to the monitor (when the scenario has one), which routes it
// to the built-in alerts' action groups like any other built-in alert.
//
// - Delete Backup Data: protection stopped with delete data, unless soft delete is disabled
//   (§18.2: "If you disable the soft-delete feature for the vault, Delete Backup Data alert
//   isn't received").
// - Upcoming Purge: two days before soft-deleted data is purged (§2.3), if it is still in soft
//   delete then (an undelete in between cancels it: inferred, the alert names data "2 days
//   away from being permanently purged").
// - Purge Complete: when soft-deleted data is purged (the reference's table has its description
//   cell swapped with the next row; the meaning is inferred from the name).
// - Soft Delete Disabled, Modify Policy with Shorter Retention, Modify Protection with Shorter
//   Retention, MUA Disabled: from the operations (models/operations).

import type { Simulation } from '../../engine/simulation.js';
import type { TraceRecord } from '../backup/world.js';
import { BUILT_IN_ALERTS, type BuiltInKind } from './backup-health.js';
import { UPCOMING_PURGE_LEAD } from './limits.js';
import type { Monitor } from './monitor.js';

/** The built-in security alerts: every built-in alert but job failure. */
export type SecurityKind = Exclude<BuiltInKind, 'jobFailure'>;

/** One firing of a security alert (sim ms). */
export interface SecurityFiring {
  kind: SecurityKind;
  t: number;
  /** The instance's dimensions: the item (datasourceId) or policy, the vault, and `outcome: blocked` for a blocked attempt. */
  instance: Record<string, string>;
}

/** The run's security alerts: a log of every firing, each also handed to the monitor if there is one. */
export class SecurityAlerts {
  private readonly fired: SecurityFiring[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly monitor: Monitor | null,
    private readonly horizon: number,
    private readonly trace: ((record: TraceRecord) => void) | null = null,
  ) {}

  /**
   * Protection of `item` stopped with delete data now; its data is purged at `purgeAt` (sim
   * ms), or null when soft delete is off. `held` says whether the data is still in soft delete.
   */
  deleted(item: string, vault: string, purgeAt: number | null, held: () => boolean): void {
    if (purgeAt === null) return;
    const now = this.sim.now;
    const instance = { datasourceId: item, vault };
    this.fire('dataDeleted', instance);
    const at = Math.max(now, purgeAt - UPCOMING_PURGE_LEAD);
    const upcoming = (): void => {
      if (held()) this.fire('upcomingPurge', instance);
    };
    if (at === now) upcoming();
    else if (at <= this.horizon) this.sim.at(at, upcoming, 'monitor/built-in');
  }

  /** Soft-deleted data of `item` was purged now. */
  purged(item: string, vault: string): void {
    this.fire('purgeComplete', { datasourceId: item, vault });
  }

  /** A security alert fires now for `instance`. */
  fire(kind: SecurityKind, instance: Record<string, string>): void {
    const t = this.sim.now;
    this.fired.push({ kind, t, instance });
    this.monitor?.builtIn(kind, t, instance);
    this.trace?.({
      t,
      kind: 'security-alert',
      subject: instance.datasourceId ?? instance.policy ?? instance.vault ?? '',
      detail: { alert: securityTitle(kind), ...instance },
    });
  }

  /** Every firing so far, in the order they fired (time order). */
  firings(): readonly SecurityFiring[] {
    return this.fired;
  }
}

/** Azure's name of a security alert, for reports ("Delete Backup Data"). */
export const securityTitle = (kind: SecurityKind): string => BUILT_IN_ALERTS[kind].title;
