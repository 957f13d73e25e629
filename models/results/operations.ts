// What a run's operations did (issue 14), as plain JSON-safe data: the operations log, the
// security alerts that fired, and what survived the attack. Instants are ISO-8601 strings,
// sizes bytes.

/** What an operation changed (zeros and null when nothing). */
export interface OperationChanges {
  /** Protected items it acted on. */
  items: number;
  /** Recovery points deleted (to soft delete, or purged when soft delete is off). */
  pointsDeleted: number;
  /** Recovery points a shorter retention expired (they go at the next cleanup). */
  pointsPruned: number;
  /** Recovery points an undelete brought back. */
  pointsRestored: number;
  /** Vault bytes moved to soft delete. */
  bytesSoftDeleted: number;
  /** Bytes deleted for good at once (soft delete off, or soft-deleted data purged by disabling it). */
  bytesPurged: number;
  /** Bytes an undelete brought back. */
  bytesRestored: number;
  /** When the data it sent to soft delete is purged (the earliest), or null. */
  purgeAt: string | null;
}

/** One operation, what the rules said and what it changed. */
export interface OperationRecord {
  /** 1-based position among the scenario's operations; 0 for an undelete made by disaster recovery. */
  index: number;
  /** The scenario key it was written as, like stopProtection or deleteBackup. */
  operation: string;
  actor: 'admin' | 'attacker';
  /** What it acts on: VMs ("group web"), a policy ("policy daily-30") or a vault ("vault rsv"). */
  target: string;
  /** What it asks, in a few words ("delete data", "retention daily 10", "soft delete disabled"). */
  request: string;
  /** When it was issued. */
  at: string;
  /** When it took effect (after a Resource Guard approval, later than `at`), or null. */
  effectiveAt: string | null;
  /** succeeded; blocked by a protection; failed: nothing it could act on (the reason says why). */
  outcome: 'succeeded' | 'blocked' | 'failed';
  blockedBy: 'immutability' | 'mua' | 'soft-delete-always-on' | 'suspended-items' | null;
  /** Why it was blocked or failed, or what the approval took; '' when it simply succeeded. */
  reason: string;
  changes: OperationChanges;
  /** The security alerts it raised (Azure's names). */
  alerts: string[];
}

/** One firing of a built-in security alert (§18.4). */
export interface SecurityAlertRecord {
  /** Azure's name, like "Delete Backup Data". */
  alert: string;
  /** The monitor's rule name, like backup-data-deleted. */
  rule: string;
  severity: 0;
  at: string;
  /** The item (datasourceId) or policy, the vault, and outcome: blocked for a blocked attempt. */
  instance: Record<string, string>;
}

/** What one protected item had after the attack. */
export interface Survivor {
  item: string;
  group: string;
  vault: string;
  /** Its protection then: protected, stopped (data retained), soft-deleted, or deleted (nothing left). */
  state: 'protected' | 'stopped' | 'soft-deleted' | 'deleted';
  /** Usable recovery points: kept, or in soft delete (usable after an undelete). */
  points: number;
  /** The data instant of the oldest and the newest of them, or null when there are none. */
  oldest: string | null;
  newest: string | null;
  /** Vault bytes they hold (standard, archive and soft-deleted). */
  bytes: number;
  /** The points are only in soft delete: a restore needs an undelete first. */
  needsUndelete: boolean;
}

/** What survived the attack: per item, right after the last operation of an attacker. */
export interface AttackResult {
  /** The instant of the attacker's last operation. */
  after: string;
  items: Survivor[];
  /** Totals over the items. */
  points: number;
  bytes: number;
  /** Items with no usable point left, and items whose points need an undelete. */
  lost: number;
  needUndelete: number;
}

/** A run's operations: the log (by issue time, then scenario order), security alerts, and the attack. */
export interface OperationsResult {
  log: OperationRecord[];
  alerts: SecurityAlertRecord[];
  /** What survived, or null when no operation was an attacker's. */
  attack: AttackResult | null;
}
