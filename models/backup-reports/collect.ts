// What the Backup Reports views need from the diagnostic tables, kept as the rows stream by
// (issue 19): per item, its latest BackupItem, StorageAssociation and ProtectedInstance rows
// (per protected container where the row names no item: SQL's VM) up to the range's end and,
// per UTC day, its successful and failed backup jobs and whether it was protected; per day,
// failures by code and the totals of storage and protected instances; the policies' and
// vaults' latest rows. A fleet-year holds a few bytes per item per day, not
// the rows. Days count from the run's first UTC day. A job belongs to the day it was triggered
// (§16.3: "jobs counted if triggered in range"); a daily row to the day that ends at its push.

import { MS } from '../../engine/units.js';
import type { LogRow } from '../logs/rows.js';
import { CORE_TABLE, INSTANCE_TABLE, JOBS_TABLE, POLICY_TABLE, STORAGE_TABLE } from '../logs/tables.js';

/** One backup item as the tables describe it. */
export interface ItemRecord {
  id: string;
  vault: string;
  type: string;
  management: string;
  container: string;
  policy: string | null;
  /** From its latest BackupItem row up to the range's end; null when none. */
  protection: string | null;
  /** The day its latest BackupItem row describes (−1: none). */
  lastDay: number;
  frontEndMB: number | null;
  latestPoint: number | null;
  cloudMB: number;
  instances: number;
  /** Per day: successful and failed backup jobs triggered that day (log backups excluded). */
  ok: Uint16Array;
  failed: Uint16Array;
  /** Per day: 1 when a BackupItem row says it was protected that day. */
  protectedOn: Uint8Array;
}

/** A policy's latest row. */
export interface PolicyRecord {
  id: string;
  name: string;
  vaults: string[];
  subType: string;
  management: string;
  frequency: string;
  retention: { daily: number | null; weekly: number | null; monthly: number | null; yearly: number | null };
}

/** Collects the views' data from the tables' rows, up to the last completed UTC day of the run. */
export class ReportsCollector {
  /** Epoch ms of day 0 (the run's first UTC midnight at or before its start). */
  readonly day0: number;
  /** Completed days: the range ends at day0 + days × 1 day, the start of the run's last, partial, day. */
  readonly days: number;
  readonly items = new Map<string, ItemRecord>();
  readonly policies = new Map<string, PolicyRecord>();
  /** Protected instances counted per protected container (§16.1: workloads other than Azure VMs), from their latest row. */
  readonly containers = new Map<string, { vault: string; instances: number; lastDay: number }>();
  /** Failed jobs per day, by failure code (codes in order of first appearance). */
  readonly failuresByCode = new Map<string, Uint32Array>();
  /** Per day: the sums of items' cloud storage (MB) and protected instances on their rows of that day. */
  readonly storageMB: Float64Array;
  readonly instances: Float64Array;

  constructor(
    origin: number,
    horizon: number,
    /** The workspace's retention, ms. */
    readonly retention: number,
  ) {
    this.day0 = Math.floor(origin / MS.day) * MS.day;
    this.days = Math.max(0, Math.floor((origin + horizon - this.day0) / MS.day));
    this.storageMB = new Float64Array(this.days);
    this.instances = new Float64Array(this.days);
  }

  /** Epoch ms where the range ends (the last completed day's end). */
  get end(): number {
    return this.day0 + this.days * MS.day;
  }

  /** Takes one row of a table. */
  row(table: string, row: LogRow): void {
    if (table === JOBS_TABLE) this.job(row);
    else if (table === CORE_TABLE && row.OperationName === 'BackupItem') this.backupItem(row);
    else if (table === STORAGE_TABLE && row.OperationName === 'StorageAssociation') this.storage(row);
    else if (table === INSTANCE_TABLE) this.instance(row);
    else if (table === POLICY_TABLE) this.policy(row);
  }

  private dayOf(epoch: number): number {
    return Math.floor((epoch - this.day0) / MS.day);
  }

  // The day a daily push describes: the one ending at (or containing) its instant.
  private describedDay(row: LogRow): number {
    return this.dayOf((row.TimeGenerated as number) - 1);
  }

  private item(id: string): ItemRecord {
    let it = this.items.get(id);
    if (it === undefined) {
      it = {
        id,
        vault: '',
        type: '',
        management: '',
        container: id,
        policy: null,
        protection: null,
        lastDay: -1,
        frontEndMB: null,
        latestPoint: null,
        cloudMB: 0,
        instances: 0,
        ok: new Uint16Array(this.days),
        failed: new Uint16Array(this.days),
        protectedOn: new Uint8Array(this.days),
      };
      this.items.set(id, it);
    }
    return it;
  }

  private job(row: LogRow): void {
    if (row.JobOperationSubType === 'Log' || row.JobOperation !== 'Backup') return;
    const d = this.dayOf(row.JobStartDateTime as number);
    if (d < 0 || d >= this.days) return;
    const it = this.item(row.BackupItemUniqueId as string);
    if (it.vault === '') it.vault = row.VaultName as string;
    if (row.JobStatus === 'Completed') it.ok[d] = Math.min(65_535, it.ok[d] + 1);
    else {
      it.failed[d] = Math.min(65_535, it.failed[d] + 1);
      const code = (row.JobFailureCode as string) || 'unknown';
      let perDay = this.failuresByCode.get(code);
      if (perDay === undefined) {
        perDay = new Uint32Array(this.days);
        this.failuresByCode.set(code, perDay);
      }
      perDay[d]++;
    }
  }

  private backupItem(row: LogRow): void {
    const d = this.describedDay(row);
    if (d < 0 || d >= this.days) return;
    const it = this.item(row.BackupItemUniqueId as string);
    it.vault = row.VaultName as string;
    it.type = row.BackupItemType as string;
    it.management = row.BackupManagementType as string;
    it.container = row.ProtectedContainerUniqueId as string;
    it.policy = row.PolicyUniqueId as string | null;
    it.protection = row.BackupItemProtectionState as string;
    it.frontEndMB = row.BackupItemFrontEndSize as number | null;
    it.latestPoint = row.LatestRecoveryPointTime as number | null;
    it.lastDay = d;
    if (row.BackupItemProtectionState === 'Protected') it.protectedOn[d] = 1;
  }

  private storage(row: LogRow): void {
    const d = this.describedDay(row);
    if (d < 0 || d >= this.days) return;
    const mb = row.StorageConsumedInMBs as number;
    this.item(row.BackupItemUniqueId as string).cloudMB = mb;
    this.storageMB[d] += mb;
  }

  private instance(row: LogRow): void {
    const d = this.describedDay(row);
    if (d < 0 || d >= this.days) return;
    const n = row.ProtectedInstanceCount as number;
    const id = row.BackupItemUniqueId as string | null;
    if (id === null)
      this.containers.set(row.ProtectedContainerUniqueId as string, {
        vault: row.VaultName as string,
        instances: n,
        lastDay: d,
      });
    else this.item(id).instances = n;
    this.instances[d] += n;
  }

  private policy(row: LogRow): void {
    const d = this.describedDay(row);
    if (d < 0 || d >= this.days) return;
    const id = row.PolicyUniqueId as string;
    const vaults = this.policies.get(id)?.vaults ?? [];
    const vault = row.VaultName as string;
    this.policies.set(id, {
      id,
      name: row.PolicyName as string,
      vaults: vaults.includes(vault) ? vaults : [...vaults, vault],
      subType: row.PolicySubType as string,
      management: row.BackupManagementType as string,
      frequency: row.BackupFrequency as string,
      retention: {
        daily: row.DailyRetentionDuration as number | null,
        weekly: row.WeeklyRetentionDuration as number | null,
        monthly: row.MonthlyRetentionDuration as number | null,
        yearly: row.YearlyRetentionDuration as number | null,
      },
    });
  }
}
