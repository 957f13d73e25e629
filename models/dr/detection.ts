// When someone acts on an incident: after the fixed detection delay, or sooner on an alert
// whose actions act on the world (models/monitor): `failover:<plan>` starts that plan's VMs
// at once (automated), `notify` gets a person to act on the rest after `recovery.acknowledge`.
// Each VM is decided once; whatever has not been decided by the deadline is then.

import type { Simulation } from '../../engine/simulation.js';
import type { Monitor } from '../monitor/monitor.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { DrVm } from './recovery-types.js';

/** An incident's VMs as detection sees them. */
export interface Detected {
  /** When the fault happened (or ransomware was found). */
  now: number;
  hit: readonly DrVm[];
  /** Whether a VM fails over with recovery plan `plan`. */
  inPlan: (v: DrVm, plan: string) => boolean;
}

/** Calls `act` (once per VM, in batches) with who acts and why, at the instants above. */
export function detect(
  sim: Simulation,
  monitor: Monitor | null,
  settings: RecoverySettings,
  { now, hit, inPlan }: Detected,
  act: (vms: DrVm[], by: string) => void,
): void {
  const pending = new Set(hit);
  let unsubscribe = (): void => {};
  const deadline = now + settings.detection;
  const take = (vms: readonly DrVm[], by: string): void => {
    const ready = vms.filter((v) => pending.has(v));
    if (ready.length === 0) return;
    for (const v of ready) pending.delete(v);
    if (pending.size === 0) {
      sim.cancel(fixed);
      unsubscribe();
    }
    act(ready, by);
  };
  const fixed = sim.at(deadline, () => take([...pending], 'the detection delay'), 'dr/decide');
  if (monitor === null) return;
  unsubscribe = monitor.subscribe((n) => {
    if (n.t < now) return;
    for (const action of n.actions) {
      if (action.startsWith('failover:')) {
        const plan = action.slice('failover:'.length);
        const vms = hit.filter((v) => inPlan(v, plan));
        if (vms.length > 0 && n.t < deadline)
          sim.at(
            Math.max(n.t, sim.now),
            () => take(vms, `alert ${n.rule} (automated failover)`),
            'dr/decide',
          );
      } else if (action === 'notify' && n.t + settings.acknowledge < deadline) {
        sim.at(
          Math.max(n.t + settings.acknowledge, sim.now),
          () => take(hit, `alert ${n.rule}`),
          'dr/decide',
        );
      }
    }
  });
}
