// SQL databases in incidents (docs/reference.md §12.3, docs/reference.md §2.1–2.2):
// when a fault hits a database's VM, the database is restored to a point in time — in the
// full recovery model to the start of its last log backup that reached a usable copy, else to
// its last full or differential there. The vault's copy is usable when its region (and, for
// LRS, every zone) is up; in a region outage a GRS vault with Cross Region Restore serves the
// points that reached the paired region (the crossRegionLag after landing); otherwise the
// restore waits for the region. Restore durations are not modelled (the sources give none).
//
// The faults are those disaster recovery runs (models/dr/faults.ts), drawn again from the
// same seed; one event per fault that hits a SQL VM judges its databases at that instant.

import { makeSampler } from '../../engine/distributions.js';
import { createStreams, type Streams } from '../../engine/random.js';
import type { Simulation } from '../../engine/simulation.js';
import { type Fault, Outages, resolveFaults } from '../dr/faults.js';
import type { SqlRecovery } from '../results/workloads.js';
import type { Scenario, Vault, Vm } from '../scenario/types.js';
import type { SqlDb } from './database.js';
import type { SqlItem } from './item.js';

const HITS_VMS = new Set(['vm-failure', 'disk-corruption', 'vm-deletion', 'ransomware']);

/** The incidents of a run's SQL databases. */
export class SqlRecoveries {
  readonly results: SqlRecovery[] = [];
  private readonly faults: Fault[];
  private readonly outages: Outages;
  private readonly vms: Map<string, Vm>;
  private readonly vaults: Map<string, Vault>;
  private readonly pairs: Map<string, string | null>;
  private readonly zones: Map<string, number>;

  constructor(
    private readonly sim: Simulation,
    private readonly scenario: Scenario,
    seed: number,
    private readonly streams: Streams,
  ) {
    this.faults = resolveFaults(scenario.faults, createStreams(seed));
    this.outages = new Outages(this.faults);
    this.vms = new Map(scenario.vms.map((vm) => [vm.id, vm]));
    this.vaults = new Map(scenario.vaults.map((v) => [v.name, v]));
    this.pairs = new Map(scenario.regions.map((r) => [r.name, r.pair]));
    this.zones = new Map(scenario.regions.map((r) => [r.name, r.zones]));
  }

  /** Schedules the judgement of every fault that hits a VM of `items`. */
  start(items: readonly SqlItem[]): void {
    for (const f of this.faults) {
      const hit = items.filter((item) => this.hits(f, this.vms.get(item.vm)!));
      const at = f.kind === 'ransomware' ? f.found : f.start;
      if (hit.length === 0 || at >= this.scenario.duration) continue;
      this.sim.at(at, () => this.judge(f, hit), 'sql/incident');
    }
  }

  private hits(f: Fault, vm: Vm): boolean {
    if (f.kind === 'region-outage') return vm.region === f.region;
    if (f.kind === 'zone-outage') return vm.region === f.region && vm.zone === f.zone;
    if (HITS_VMS.has(f.kind))
      return (f as Fault & { targets: { vms: string[] } }).targets.vms.includes(vm.id);
    return false;
  }

  private judge(f: Fault, items: readonly SqlItem[]): void {
    const now = this.sim.now;
    for (const item of items) for (const db of item.dbs) this.results.push(this.recover(f, item, db, now));
  }

  // A database's restore: which copy, up to which point, and when it could be read.
  private recover(f: Fault, item: SqlItem, db: SqlDb, now: number): SqlRecovery {
    const vault = this.vaults.get(db.spec.vault)!;
    // Ransomware: the last clean instant is the attack's start; points landed by its discovery.
    const notAfter = f.start;
    let cutoff = f.kind === 'ransomware' ? f.found : f.start;
    let source: 'vault' | 'secondary-vault' = 'vault';
    let availableAt: number | null = now;
    let note = '';
    if (!this.readable(vault, now)) {
      const pair = this.pairs.get(vault.region) ?? null;
      if (
        vault.redundancy === 'GRS' &&
        vault.crossRegionRestore &&
        pair !== null &&
        !this.outages.regionDown(pair, now)
      ) {
        const lag = makeSampler(this.scenario.recovery.crossRegionLag)(
          this.streams.get(`sql/incident/${f.index}/${db.spec.vm}/crr-lag`),
        );
        cutoff -= Math.max(0, Math.round(lag));
        source = 'secondary-vault';
        note = 'Cross Region Restore from the paired region';
      } else {
        const back = this.upFrom(vault, now);
        availableAt = back < this.scenario.duration ? back : null;
        note =
          availableAt === null
            ? "the vault's region had not come back by the end of the run"
            : "waited for the vault's region";
      }
    }
    const log = db.logs ? db.latestLog(notAfter, cutoff, item) : null;
    const other = db.latestLanded(notAfter, cutoff);
    const point =
      log !== null && (other === null || log >= other.at) ? { at: log, type: 'log' as const } : other;
    const iso = (t: number) => new Date(this.scenario.start + t).toISOString();
    return {
      incident: `${f.kind}-${f.index + 1}`,
      database: db.id,
      vm: db.spec.vm,
      at: iso(f.start),
      point: point === null ? null : { at: iso(point.at), type: point.type, source },
      rpoSeconds: point === null ? null : Math.max(0, f.start - point.at) / 1000,
      availableAt: point === null || availableAt === null ? null : iso(availableAt),
      note: point === null ? 'no backup had reached a usable copy' : note,
    };
  }

  // Whether the vault's data can be read at t (an LRS vault's one datacenter is hidden by any zone outage).
  private readable(vault: Vault, t: number): boolean {
    return (
      !this.outages.regionDown(vault.region, t) &&
      !(vault.redundancy === 'LRS' && this.outages.anyZoneDown(vault.region, t))
    );
  }

  // The first instant ≥ t when the vault can be read again.
  private upFrom(vault: Vault, t: number): number {
    const zones = this.zones.get(vault.region) ?? 0;
    let at = t;
    for (;;) {
      let next = this.outages.regionUpFrom(vault.region, at);
      if (vault.redundancy === 'LRS')
        for (let z = 1; z <= zones; z++)
          next = Math.max(next, this.outages.zoneUpFrom(vault.region, z, next));
      if (next === at) return at;
      at = next;
    }
  }
}
