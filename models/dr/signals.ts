// What disaster recovery tells the monitor (models/monitor), so alert rules can see faults:
// Restore Health Events per restore (§7.5), and
// a "VMs Unavailable" metric per region (how many VMs are down there), sampled every minute
// while any is — as Azure's platform metrics are per minute — and a last 0 when all are back;
// and, every 15 minutes, one AzureSiteRecoveryReplicationStats record per replicated VM with
// its RPO (docs/reference.md §5.3: that table is written every 15 minutes). Signals are only
// produced when a rule reads them.

import type { Simulation } from '../../engine/simulation.js';
import { MS } from '../../engine/units.js';
import type { Monitor } from '../monitor/monitor.js';
import type { VmReplica } from './replica.js';

/** Metric (§7.5): one event per restore, dimensions datasourceId and healthStatus. */
export const RESTORE_HEALTH_EVENTS = 'Restore Health Events';
/** Metric: VMs down in a region (dimension `region`). */
export const VMS_UNAVAILABLE = 'VMs Unavailable';
/** Log table: Site Recovery replication statistics (§5.3): vm, group, rpoInSeconds, churnMBps, backlogMB, health. */
export const REPLICATION_STATS = 'AzureSiteRecoveryReplicationStats';

// Assumption: platform metrics are emitted per minute (not in the reference).
const SAMPLE_EVERY = MS.minute;
const STATS_EVERY = 15 * MS.minute;

/** Per-region counts of VMs down, reported to the monitor while non-zero. */
export class DownSignal {
  private readonly down = new Map<string, number>();
  private readonly sampling = new Set<string>();

  constructor(
    private readonly sim: Simulation,
    private readonly monitor: Monitor | null,
    private readonly horizon: number,
  ) {}

  /** Whether any rule reads the signal. */
  get wanted(): boolean {
    return this.monitor?.consumes('metric', VMS_UNAVAILABLE) === true;
  }

  /** A restore of `vm` finished (Healthy) or could not be done (Persistent Unhealthy). */
  restored(vm: string, healthStatus: 'Healthy' | 'Persistent Unhealthy'): void {
    if (this.monitor?.consumes('metric', RESTORE_HEALTH_EVENTS) !== true) return;
    this.monitor.metric(RESTORE_HEALTH_EVENTS, { datasourceId: vm, healthStatus }, this.sim.now, 1);
  }

  /** A VM in `region` went down (+1) or came back (−1). */
  change(region: string, delta: number): void {
    if (!this.wanted) return;
    this.down.set(region, Math.max(0, (this.down.get(region) ?? 0) + delta));
    if (!this.sampling.has(region)) {
      this.sampling.add(region);
      this.sample(region);
    }
  }

  private sample(region: string): void {
    const count = this.down.get(region) ?? 0;
    this.monitor!.metric(VMS_UNAVAILABLE, { region }, this.sim.now, count);
    if (count === 0 || this.sim.now + SAMPLE_EVERY >= this.horizon) {
      this.sampling.delete(region);
      return;
    }
    this.sim.after(SAMPLE_EVERY, () => this.sample(region), 'dr/signal');
  }
}

/** Schedules the replication statistics log, when a rule reads it. */
export function replicationStats(
  sim: Simulation,
  monitor: Monitor | null,
  replicas: readonly VmReplica[],
  horizon: number,
): void {
  if (monitor === null || replicas.length === 0 || !monitor.consumes('log', REPLICATION_STATS)) return;
  const tick = (): void => {
    const now = sim.now;
    for (const r of replicas) {
      if (now >= r.endsAt) continue;
      const rpo = r.rpoAt(now);
      if (rpo === null) continue;
      // Churn over the last 15 minutes, and health as the portal shows it (§5.3): Critical
      // when replication is not keeping up with the data change rate, Warning while a
      // backlog drains, else Healthy.
      const churn = r.written(now - STATS_EVERY, now) / (STATS_EVERY / 1000);
      const backlog = r.backlogAt(now);
      const health = backlog <= 0 ? 'Healthy' : churn > r.uploadRate ? 'Critical' : 'Warning';
      monitor.log(
        REPLICATION_STATS,
        {
          vm: r.vm.id,
          group: r.vm.group,
          rpoInSeconds: Math.round(rpo) / 1000,
          churnMBps: Math.round((churn / 2 ** 20) * 1000) / 1000,
          backlogMB: Math.round(backlog / 2 ** 20),
          health,
        },
        now,
      );
    }
    if (now + STATS_EVERY < horizon) sim.after(STATS_EVERY, tick, 'dr/replication-stats');
  };
  sim.at(STATS_EVERY, tick, 'dr/replication-stats');
}
