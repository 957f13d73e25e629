// The workloads a Recovery Services vault protects besides Azure VMs and MARS servers
// (issue 17): SQL Server databases in Azure VMs (docs/reference.md §12), Azure
// file shares (§13) and on-premises machines behind Azure Backup Server / DPM (§14). Plain
// typed data, units parsed and defaults filled by scenarios/normalise/.

import type { Distribution } from '../../engine/distributions.js';
import type { Bytes, BytesPerSec, Millis } from '../../engine/units.js';
import type { Retention, Schedule, WorkHours } from './types.js';

/** A SQL Server in Azure VM backup policy (§12.2). */
export interface SqlPolicy {
  name: string;
  /** Full backups: daily, or weekly on some days, at a local time. */
  full: Schedule;
  /** Differential backups (weekly fulls only), on other weekdays at a local time, kept `retention`. */
  differential: { days: number[]; at: number; retention: Millis } | null;
  /** Log backups every `every` (15 min … 24 h), kept `retention` (7–35 days); null: none. */
  log: { every: Millis; retention: Millis } | null;
  /** GFS retention of the full backups. */
  retention: Retention;
  /** SQL backup compression (§12.2: off by default). */
  compression: boolean;
  /** Move eligible full points to vault-archive at this age (§2.4: at least 45 days), or null. */
  archive: { after: Millis } | null;
}

/** One SQL Server database on an Azure VM, expanded from a `sqlDatabases` group. */
export interface SqlDatabase {
  /** `<vm>/<name>`, like sqlvm-001/erp-01. */
  id: string;
  /** The sqlDatabases group it comes from. */
  group: string;
  /** The Azure VM hosting it (a fleet VM id). */
  vm: string;
  region: string;
  vault: string;
  policy: string;
  /** Data size at the start (uncompressed). */
  size: Bytes;
  /** Yearly growth, as a fraction. */
  growth: number;
  /** Fraction of the data pages changed per day (what a differential carries). */
  churn: Distribution;
  /** Log volume per day as a fraction of the data size. */
  log: Distribution;
  recoveryModel: 'full' | 'simple';
  /** Fraction by which compression shrinks backups when the policy compresses (assumption: 80%). */
  compressionSaving: number;
}

/** An Azure Files backup policy (§13.1–13.3): snapshots only, or snapshots then the vault. */
export interface FileSharePolicy {
  name: string;
  /** 'snapshot': share snapshots only; 'vault': snapshots, and the day's last one copied to the vault. */
  tier: 'snapshot' | 'vault';
  /** Daily at a time, or hourly every 4/6/8/12 h inside a daily window. */
  schedule: Schedule;
  /** GFS retention: of the snapshots (snapshot tier) or of the vault points (vault tier). */
  retention: Retention;
  /** Vault tier: how long snapshots are kept (at most 30 days); snapshot tier: null. */
  snapshotRetention: Millis | null;
}

/** A restore of a file share (§13.5): the whole share or some items, to the original or another place. */
export interface FileRestore {
  at: Millis;
  kind: 'share' | 'items';
  /** Items restored by an item-level restore (at most 99), else 0. */
  items: number;
  to: 'original' | 'alternate';
  /** Restore the latest point at least this old (0: the latest). */
  age: Millis;
}

/** One Azure file share, expanded from a `fileShares` group. */
export interface FileShare {
  /** `<storage account>/<name>`, like stfinance/share-01. */
  id: string;
  group: string;
  storageAccount: string;
  region: string;
  vault: string;
  policy: string;
  /** Used data at the start. */
  size: Bytes;
  growth: number;
  churn: Distribution;
  restores: FileRestore[];
}

/** What a DPM/MABS protection group protects (§14.1; §3: disk sync every 15 min for SQL, hourly otherwise). */
export type DpmWorkload = 'files' | 'sql' | 'hyper-v';

/** A DPM/MABS protection group: identical machines with short-term (disk) and online (vault) goals. */
export interface ProtectionGroup {
  name: string;
  workload: DpmWorkload;
  /** Protected machines, `<server>/<group>-001` … */
  machines: number;
  /** Data per machine at the start (uncompressed). */
  data: Bytes;
  churn: Distribution;
  growth: number;
  /** Disk (short-term) goals: synchronise every `sync`, keep disk recovery points `retention`. */
  disk: { sync: Millis; retention: Millis };
  /** Online backups to the vault: at most two local times a day, with GFS retention. */
  online: { times: number[]; timeZone: string; retention: Retention };
}

/** A window of simulated time, [at, at + for). */
export interface TimeWindow {
  at: Millis;
  for: Millis;
}

/** One Azure Backup Server (MABS) or System Center DPM server, expanded from a `backupServers` group. */
export interface BackupServer {
  /** Like mabs-001. */
  id: string;
  group: string;
  kind: 'mabs' | 'dpm';
  vault: string;
  /** Fraction by which compression shrinks what goes to the vault (§2.5: MABS/DPM traffic is compressed). */
  compression: number;
  network: { workHours: WorkHours; work: BytesPerSec; nonWork: BytesPerSec } | null;
  protectionGroups: ProtectionGroup[];
  /** Windows without connectivity to Azure Backup (§14.4), in time order. */
  offline: TimeWindow[];
  /** When the server is lost (§14.5: its disk points with it), or null. */
  lostAt: Millis | null;
}

/** Every workload of a scenario besides Azure VMs and MARS servers (empty lists when it has none). */
export interface Workloads {
  sqlPolicies: SqlPolicy[];
  sqlDatabases: SqlDatabase[];
  fileSharePolicies: FileSharePolicy[];
  fileShares: FileShare[];
  backupServers: BackupServer[];
}

/** Whether a scenario has any of these workloads (else none of their machinery is built). */
export function hasWorkloads(w: Workloads): boolean {
  return w.sqlDatabases.length > 0 || w.fileShares.length > 0 || w.backupServers.length > 0;
}
