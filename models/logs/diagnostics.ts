// The diagnostic settings of a run (issue 19): vaults push rows into the Log Analytics tables
// (tables.ts) as Azure documents it (docs/reference.md §16.2):
//   - a backup or restore job's row when the job finishes (a restore that boots a VM ends after
//     its copy: its row waits until then, so the jobs table stays in the order rows arrive:
//     restore-rows.ts); SQL jobs (logs included) batched and pushed
//     every 6 hours, at 00:00, 06:00, 12:00 and 18:00 UTC (assumption: the doc gives the period,
//     not the phase);
//   - items, vaults, storage, protected instances and policies once a day, at the run's daily
//     round (after retention and purges), each describing the day that ends there;
//   - Site Recovery's jobs when they complete and its replicated items once a day (§16.4), from
//     what the disaster-recovery model recorded, after the run.
// Each row goes to the monitor when a log alert rule reads its table (it arrives after the
// diagnostics' latency, §16.2), and to the sinks — the exported files, `vaultsim query`, the
// Backup Reports — when the workspace still holds it at the end of the run (its retention).
// Nothing here exists for a scenario without a `diagnostics:` section.

import { MS } from '../../engine/units.js';
import { VmBackup } from '../backup/vm-backup.js';
import type { ProtectedItem, VaultRuntime, World } from '../backup/world.js';
import type { Monitor } from '../monitor/monitor.js';
import type { BackupSignals, Fields, JobDetail } from '../monitor/signals.js';
import type { EndedRestore } from '../restore/jobs.js';
import type { DrResult } from '../results/types.js';
import type { Scenario } from '../scenario/types.js';
import type { JobGroups } from '../workloads/setup.js';
import { instanceUnits, isSplit, itemFacts, policyFacts, type SplitItem } from './facts.js';
import { restoreRow } from './restore-rows.js';
import {
  type ItemFacts,
  instanceRow,
  itemRows,
  type JobFacts,
  jobRow,
  type LogRow,
  policyRow,
  serverStorageRow,
  vaultRows,
} from './rows.js';
import { siteRecoveryRows } from './site-recovery.js';
import { CORE_TABLE, INSTANCE_TABLE, JOBS_TABLE, POLICY_TABLE, STORAGE_TABLE } from './tables.js';

/** Receives every row the workspace holds at the end of the run: (table, row). */
export type LogSink = (table: string, row: LogRow) => void;

/** §16.2: "For SQL backup … batched and pushed every 6 hours". */
export const SQL_PUSH_EVERY = 6 * MS.hour;
const SQL_TYPE = 'SQLDataBase';
const DAILY_TABLES = [CORE_TABLE, STORAGE_TABLE, INSTANCE_TABLE, POLICY_TABLE];

/** The diagnostic settings of a run: a job observer, a daily push, and Site Recovery's rows at the end. */
export class Diagnostics implements BackupSignals {
  private seq = 0;
  private readonly sends = new Map<string, ReadonlySet<string>>();
  private readonly siteRecovery: ReadonlySet<string>;
  private readonly latest = new Map<string, number>();
  private readonly facts: Map<ProtectedItem, ItemFacts>;
  private readonly unknown = new Set<ProtectedItem>();
  private readonly from: Map<string, number>;
  private pending: { facts: JobFacts; seq: number }[] = [];
  private flushAt = Number.POSITIVE_INFINITY;
  // Restore rows stamped later than their copy's end (boot), oldest stamp first: each goes to
  // the sinks before the first jobs-table row written at or after its stamp, or at the end.
  private booting: { row: LogRow; end: number }[] = [];
  /** Rows stamped before this (epoch ms) are past the workspace's retention at the end of the run. */
  private readonly keptFrom: number;

  constructor(
    private readonly world: World,
    private readonly scenario: Scenario,
    private readonly vaults: ReadonlyMap<string, VaultRuntime>,
    private readonly groups: JobGroups,
    private readonly monitor: Monitor | null,
    private readonly sinks: readonly LogSink[],
  ) {
    const spec = scenario.diagnostics!;
    for (const v of spec.vaults) this.sends.set(v.vault, new Set(v.tables));
    this.siteRecovery = new Set(spec.siteRecovery);
    this.keptFrom = scenario.start + scenario.duration - spec.retention;
    this.facts = itemFacts(scenario, groups);
    this.from = new Map(scenario.vms.flatMap((vm) => (vm.backup === null ? [] : [[vm.id, vm.backup.from]])));
  }

  /** Schedules the daily pushes: after the run's daily rounds at the same instants (call after they are scheduled). */
  start(): void {
    const { sim, horizon } = this.world;
    const days = Math.ceil(horizon / MS.day);
    for (let k = 1; k <= days; k++)
      sim.at(Math.min(k * MS.day, horizon), () => this.daily(sim.now), 'logs/daily');
  }

  jobCompleted(
    item: string,
    vault: string,
    t: number,
    durationMs: number,
    type?: string,
    detail?: JobDetail,
  ): void {
    this.latest.set(item, t);
    this.job(
      {
        item,
        vault,
        status: 'Completed',
        cause: '',
        start: t - durationMs,
        end: t,
        bytes: detail?.bytes ?? 0,
        adhoc: detail?.adhoc === true,
        subType: detail?.subType ?? '',
      },
      type,
    );
  }

  jobFailed(item: string, vault: string, t: number, cause: string, type?: string, detail?: JobDetail): void {
    this.job(
      {
        item,
        vault,
        status: 'Failed',
        cause,
        start: t,
        end: t,
        bytes: 0,
        adhoc: detail?.adhoc === true,
        subType: detail?.subType ?? '',
      },
      type,
    );
  }

  /** A restore job ended (models/restore/jobs.ts): its row, when its vault sends the jobs table. */
  restoreEnded(e: EndedRestore): void {
    if (!this.sent(e.vault, JOBS_TABLE)) return;
    const origin = this.world.origin;
    if (origin + e.end < this.keptFrom && !this.watched(JOBS_TABLE)) return;
    const row = restoreRow(origin, e);
    if (e.end <= this.world.sim.now) {
      this.emit(JOBS_TABLE, row, e.end);
      return;
    }
    // The monitor hears of it now (it delivers at its stamp plus the latency); the tables, at its stamp.
    if (this.watched(JOBS_TABLE)) this.monitor!.log(JOBS_TABLE, row as Fields, e.end);
    const at = this.booting.findIndex((b) => b.end > e.end);
    this.booting.splice(at < 0 ? this.booting.length : at, 0, { row, end: e.end });
  }

  // Writes the booting restores' rows stamped by `now` (all of them at the end of the run).
  private releaseBooting(now: number): void {
    while (this.booting.length > 0 && this.booting[0].end <= now)
      this.write(JOBS_TABLE, this.booting.shift()!.row);
  }

  /** Writes the rows still waiting and Site Recovery's rows from what disaster recovery recorded; call once, after the run. */
  finish(dr: DrResult | null): void {
    this.releaseBooting(Number.POSITIVE_INFINITY);
    if (this.siteRecovery.size === 0) return;
    for (const [table, row] of siteRecoveryRows(this.scenario, dr, this.siteRecovery))
      if (this.siteRecovery.has(table)) this.toSinks(table, row);
  }

  private job(facts: JobFacts, type: string | undefined): void {
    const seq = ++this.seq;
    if (!this.sent(facts.vault, JOBS_TABLE)) return;
    // Past the workspace's retention by the end, and no rule reads it: nobody sees the row.
    if (this.world.origin + facts.end + SQL_PUSH_EVERY < this.keptFrom && !this.watched(JOBS_TABLE)) return;
    if (type !== SQL_TYPE) {
      this.emit(JOBS_TABLE, jobRow(this.world.origin, seq, facts), facts.end);
      return;
    }
    // SQL jobs wait for the next 6-hourly push (on the UTC clock) at or after their end.
    this.pending.push({ facts, seq });
    const origin = this.world.origin;
    const push = Math.ceil((origin + facts.end) / SQL_PUSH_EVERY) * SQL_PUSH_EVERY - origin;
    if (push < this.flushAt && push <= this.world.horizon) {
      this.flushAt = push;
      this.world.sim.at(push, () => this.flush(push), 'logs/sql-push');
    }
  }

  // Pushes the SQL jobs that ended by `at` (a later one waits for its own push).
  private flush(at: number): void {
    if (at !== this.flushAt) return;
    const due = this.pending.filter((p) => p.facts.end <= at);
    this.pending = this.pending.filter((p) => p.facts.end > at);
    this.flushAt = Number.POSITIVE_INFINITY;
    for (const p of due) this.emit(JOBS_TABLE, jobRow(this.world.origin, p.seq, p.facts, at), at);
    const next = this.pending.reduce((m, p) => Math.min(m, p.facts.end), Number.POSITIVE_INFINITY);
    if (next === Number.POSITIVE_INFINITY) return;
    const origin = this.world.origin;
    const push = Math.ceil((origin + next) / SQL_PUSH_EVERY) * SQL_PUSH_EVERY - origin;
    if (push > this.world.horizon) return;
    this.flushAt = push;
    this.world.sim.at(push, () => this.flush(push), 'logs/sql-push');
  }

  // The daily push: each vault, its policies, then each item.
  private daily(now: number): void {
    const origin = this.world.origin;
    // Rows the workspace no longer holds at the end, when no rule reads them, are not built:
    // a year kept 30 days builds a month of them.
    if (origin + now < this.keptFrom && !DAILY_TABLES.some((t) => this.watched(t))) return;
    for (const [name, v] of this.vaults) {
      const sends = this.sends.get(name);
      if (sends === undefined) continue;
      if (sends.has(CORE_TABLE) || sends.has(STORAGE_TABLE)) {
        const cloud = v.ledger.total('standard') + v.ledger.total('archive');
        const spec = { name, region: v.spec.region, redundancy: v.spec.redundancy, cloudBytes: cloud };
        for (const [table, row] of vaultRows(origin, now, spec)) this.emit(table, row, now, name);
      }
      if (sends.has(POLICY_TABLE))
        for (const p of policyFacts(this.scenario, v))
          this.emit(POLICY_TABLE, policyRow(origin, now, p), now, name);
      // Protected instances at a protected container (§16.1) add up over its items in a row
      // (a MABS/DPM server's machines), and so do the bytes on a MABS/DPM server's own storage;
      // both are written when the next item is not one of them.
      let held: Container | null = null;
      for (const item of v.items) {
        const facts = this.factsOf(item);
        const split = facts !== undefined && isSplit(item);
        if (held !== null && (!split || facts.container !== held.facts.container)) {
          this.containerRows(held, now, name);
          held = null;
        }
        if (split) {
          const count = this.splitRows(item, facts, v, now);
          const disk = item.diskBytes?.(now) ?? null;
          if (held === null) held = { facts, count, disk };
          else {
            held.count = sum(held.count, count);
            held.disk = sum(held.disk, disk);
          }
          continue;
        }
        const state = facts === undefined ? null : this.stateOf(item, v, now);
        if (facts === undefined || state === null) continue;
        for (const [table, row] of itemRows(origin, now, facts, state)) this.emit(table, row, now, name);
      }
      if (held !== null) this.containerRows(held, now, name);
    }
  }

  // A protected container's daily rows: its protected instances, and a MABS/DPM server's storage.
  private containerRows(held: Container, now: number, vault: string): void {
    const origin = this.world.origin;
    if (held.count !== null)
      this.emit(INSTANCE_TABLE, instanceRow(origin, now, held.facts, held.count, null), now, vault);
    if (held.disk !== null)
      this.emit(STORAGE_TABLE, serverStorageRow(origin, now, held.facts, held.disk), now, vault);
  }

  // The rows of an item whose backup items Azure shows one by one (SQL databases, file shares,
  // a MABS/DPM datasource), each with what it stores; returns its protected instances, which
  // count at the protected container (§16.1), or null when it bills none.
  private splitRows(
    item: ProtectedItem & SplitItem,
    facts: ItemFacts,
    v: VaultRuntime,
    now: number,
  ): number | null {
    const origin = this.world.origin;
    const vault = v.spec.name;
    for (const li of item.logItems(now)) {
      const state = {
        protection: 'Protected' as const,
        frontEndBytes: li.frontEndBytes,
        latestPoint: this.latest.get(li.id) ?? null,
        cloudBytes: li.standardBytes + li.archiveBytes,
        instances: null,
      };
      for (const [table, row] of itemRows(origin, now, { ...facts, item: li.id }, state))
        this.emit(table, row, now, vault);
    }
    const size = item.protectedSize(now);
    return size === null ? null : instanceUnits(this.scenario, v.spec.region, size);
  }

  // An item's facts; an item that joined a group during the run (a VM protected again in another
  // vault after a failover, models/dr) is looked up once more.
  private factsOf(item: ProtectedItem): ItemFacts | undefined {
    if (!this.facts.has(item) && !this.unknown.has(item)) {
      for (const [k, f] of itemFacts(this.scenario, this.groups)) this.facts.set(k, f);
      if (!this.facts.has(item)) this.unknown.add(item);
    }
    return this.facts.get(item);
  }

  // An item's state at `now`, or null when it has no rows (an Azure VM not yet protected, or
  // deleted). Every other item is a backup item from the start of the run, before its first
  // successful backup too (a MARS server's front-end size is unknown until then), so one whose
  // every job fails still shows, as failing.
  private stateOf(item: ProtectedItem, v: VaultRuntime, now: number) {
    const size = item.protectedSize(now);
    let protection: 'Protected' | 'ProtectionStopped' = 'Protected';
    if (item instanceof VmBackup) {
      const st = item.state;
      if (st === 'deleted' || st === 'soft-deleted' || now < (this.from.get(item.id) ?? 0)) return null;
      if (st === 'stopped') protection = 'ProtectionStopped';
    }
    const cloudBytes = v.ledger.itemBytes(item.id, 'standard') + v.ledger.itemBytes(item.id, 'archive');
    return {
      protection,
      frontEndBytes: size,
      latestPoint: this.latest.get(item.id) ?? null,
      cloudBytes,
      instances: size === null ? null : instanceUnits(this.scenario, v.spec.region, size),
    };
  }

  // Whether a log alert rule reads the table.
  private watched(table: string): boolean {
    return this.monitor?.consumes('log', table) === true;
  }

  private sent(vault: string, table: string): boolean {
    return this.sends.get(vault)?.has(table) === true;
  }

  // A row the vault sends: to the monitor when a rule reads its table, and to the sinks.
  private emit(table: string, row: LogRow, t: number, vault?: string): void {
    if (vault !== undefined && !this.sent(vault, table)) return;
    if (this.monitor?.consumes('log', table) === true) this.monitor.log(table, row as Fields, t);
    this.toSinks(table, row);
  }

  private toSinks(table: string, row: LogRow): void {
    if (table === JOBS_TABLE && this.booting.length > 0) this.releaseBooting(this.world.sim.now);
    this.write(table, row);
  }

  private write(table: string, row: LogRow): void {
    if ((row.TimeGenerated as number) < this.keptFrom) return;
    for (const sink of this.sinks) sink(table, row);
  }
}

// A protected container's items seen so far in a vault's daily push: their facts, protected
// instances and bytes on the container's own storage (null: none bills / none is kept there).
interface Container {
  facts: ItemFacts;
  count: number | null;
  disk: number | null;
}

const sum = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);

/** The run's diagnostics, or null when the scenario has no `diagnostics:` section. */
export function setupDiagnostics(
  world: World,
  scenario: Scenario,
  vaults: ReadonlyMap<string, VaultRuntime>,
  groups: JobGroups,
  monitor: Monitor | null,
  sinks: readonly LogSink[],
): Diagnostics | null {
  if (scenario.diagnostics === undefined || scenario.diagnostics === null) return null;
  const d = new Diagnostics(world, scenario, vaults, groups, monitor, sinks);
  d.start();
  return d;
}

/** Both observers of backup jobs, or the one there is (null: none). */
export function teeSignals(a: BackupSignals | null, b: BackupSignals | null): BackupSignals | null {
  if (a === null || b === null) return a ?? b;
  return {
    jobCompleted: (...args) => {
      a.jobCompleted(...args);
      b.jobCompleted(...args);
    },
    jobFailed: (...args) => {
      a.jobFailed(...args);
      b.jobFailed(...args);
    },
  };
}
