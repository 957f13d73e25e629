// The restores a scenario asks for (issue 18): users' restores (`events[].restore`) at their
// times, and restore drills (`restoreTests`) every `every`, each restoring `count` VMs drawn at
// random. Each VM's restore is planned by the rules (rules.ts) against the VM as it stands then
// — its region, its vault, its points — and run as a job (jobs.ts), or rejected with the rule.
// A drill touches no production data: its test VM is billed from its creation until cleanup.
//
// Randomness: a restore's draws (snapshot restore, boot, Cross Region Restore lag) come from
// `restore/<event>/<vm>`, a drill's VM choice from `restore-test/<name>/<round>` and its draws
// from `restore-test/<name>/<round>/<vm>`; a drawn request time from `restore/<event>/at`.

import { makeSampler } from '../../engine/distributions.js';
import type { RandomStream, Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import type { RestorePoint } from '../backup/vm-backup.js';
import type { RecoveredVm } from '../dr/billing.js';
import { drawTime, type Outages } from '../dr/faults.js';
import type { RestoreOrigin } from '../results/restores.js';
import type { RestoreHow, RestoreTarget } from '../scenario/restore.js';
import type { Scenario, Vault, Vm } from '../scenario/types.js';
import type { RestoreJobs } from './jobs.js';
import { planRestore } from './rules.js';

/** A VM as a restore finds it: where it runs, whether it exists, its vault and points. */
export interface Standing {
  region: string;
  /** Its zone there (null: regional, or away from home). */
  zone: number | null;
  exists: boolean;
  vault: Vault | null;
  points: () => RestorePoint[];
}

/** What the requests need of the run. */
export interface RequestsContext {
  sim: Simulation;
  scenario: Scenario;
  streams: Streams;
  jobs: RestoreJobs;
  standing: (vm: string) => Standing | null;
  /** The run's outages (from disaster recovery), or null without any. */
  outages: Outages | null;
}

/** The target as the jobs log names it. */
export function targetName(t: RestoreTarget): string {
  return t.kind === 'zone' ? `zone ${t.zone}` : t.kind;
}

/** Users' restores and restore drills during a run. */
export class Requests {
  /** Test VMs the drills created, for compute billing (kind 'drill'). */
  readonly drillVms: RecoveredVm[] = [];
  private readonly vms: Map<string, Vm>;
  private readonly samplers;

  constructor(private readonly ctx: RequestsContext) {
    this.vms = new Map(ctx.scenario.vms.map((vm) => [vm.id, vm]));
    const r = ctx.scenario.recovery;
    this.samplers = {
      snapshot: makeSampler(r.snapshotRestore),
      boot: makeSampler(r.boot),
      lag: makeSampler(r.crossRegionLag),
    };
  }

  /** Schedules every restore and the first round of every drill. */
  start(): void {
    const { sim, scenario, streams } = this.ctx;
    const horizon = scenario.duration;
    for (const spec of scenario.restores ?? []) {
      const at = drawTime(spec.at, streams, `restore/${spec.index}/at`);
      if (at >= horizon) continue;
      sim.at(
        at,
        () => {
          for (const vm of spec.targets.vms)
            this.restore(
              spec,
              vm,
              'user',
              `restore-${spec.index + 1}`,
              streams.get(`restore/${spec.index}/${vm}`),
            );
        },
        'restore/request',
      );
    }
    for (const test of scenario.restoreTests ?? []) this.drillRound(test, 0);
  }

  // Round k of a drill: its VMs drawn at random, then the next round.
  private drillRound(test: NonNullable<Scenario['restoreTests']>[number], k: number): void {
    const { sim, scenario, streams } = this.ctx;
    const at = test.from + k * test.every;
    if (at >= scenario.duration) return;
    sim.at(
      at,
      () => {
        const chosen = pick(test.targets.vms, test.count, streams.get(`restore-test/${test.name}/${k}`));
        for (const vm of chosen)
          this.restore(
            test,
            vm,
            'drill',
            `${test.name} #${k + 1}`,
            streams.get(`restore-test/${test.name}/${k}/${vm}`),
          );
        this.drillRound(test, k + 1);
      },
      'restore/drill',
    );
  }

  // One VM's restore now: planned against the VM as it stands, then run or rejected.
  private restore(
    how: RestoreHow,
    id: string,
    origin: RestoreOrigin,
    label: string,
    rng: RandomStream,
  ): void {
    const { sim, scenario, jobs } = this.ctx;
    const now = sim.now;
    const vm = this.vms.get(id)!;
    const st = this.ctx.standing(id);
    const req = {
      origin,
      label,
      vm: id,
      vault: st?.vault?.name ?? '',
      option: how.option,
      target: targetName(how.target),
    };
    if (st === null || st.vault === null) {
      jobs.reject(req, now, `${id} is not backed up`, 'not-backed-up');
      return;
    }
    // Drawn in this order always (common random numbers), whether used or not.
    const ms = (s: (r: RandomStream) => number) => Math.max(0, Math.round(s(rng)));
    const draws = { snapshotRestore: ms(this.samplers.snapshot), boot: ms(this.samplers.boot) };
    const lag = ms(this.samplers.lag);
    const regions = new Map(scenario.regions.map((r) => [r.name, r]));
    const subject = {
      vm,
      region: st.region,
      zone: st.zone,
      exists: st.exists,
      vault: st.vault,
      pair: regions.get(st.vault.region)?.pair ?? null,
      points: st.points(),
      crossRegionLag: lag,
    };
    const zones = regions.get(st.region)?.zones ?? 0;
    const plan = planRestore(how, subject, now, scenario.recovery, draws, this.ctx.outages, zones);
    if ('rejected' in plan) {
      jobs.reject(req, now, plan.rejected, plan.code);
      return;
    }
    const cleanup = scenario.recovery.drillCleanupAfter;
    jobs.run(req, plan, now, now, (done) => {
      // A drill's test VM runs from its creation until it is cleaned up (§17).
      if (origin === 'drill' && how.option === 'new-vm')
        this.drillVms.push({
          kind: 'drill',
          vm: id,
          region: plan.region,
          from: done.copied,
          to: done.end + cleanup,
        });
    });
  }
}

// `count` distinct ids drawn uniformly (a partial Fisher–Yates shuffle of the sorted list).
function pick(ids: readonly string[], count: number, rng: RandomStream): string[] {
  const a = [...ids];
  const n = Math.min(count, a.length);
  for (let i = 0; i < n; i++) {
    const j = rng.int(i, a.length - 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a.slice(0, n).sort();
}
