// The Backup Reports views of a run (docs/reference.md §16.3; docs/reference.md §9),
// as plain JSON-safe data: Summary, Backup Items, Usage, Jobs, Policies, Optimize and Policy
// adherence, over one time range. Days are UTC dates (YYYY-MM-DD); sizes bytes; a list cut to
// its largest entries says how many there were.

/** The time range of the views: the last `days` completed UTC days, from `from` (inclusive) to `to` (exclusive). */
export interface ReportRange {
  /** First day in the range (YYYY-MM-DD). */
  from: string;
  /** The day after the last one, exclusive: the range ends at its midnight (reports print the last day, `to` − 1). */
  to: string;
  days: number;
  /** Days asked for (null: everything the workspace keeps). */
  asked: number | null;
  /** Why fewer days than asked: the workspace's retention, or the run's length; null when none. */
  cutBy: 'retention' | 'run' | null;
}

/** Jobs of one workload type over the range. */
export interface WorkloadJobs {
  type: string;
  completed: number;
  failed: number;
  /** completed / (completed + failed), or null without jobs. */
  successRate: number | null;
}

/** Summary tab (§16.3). */
export interface SummaryView {
  backupItems: number;
  cloudStorageBytes: number;
  protectedInstances: number;
  jobs: WorkloadJobs[];
}

/** One backup item at the end of the range (Backup Items tab). */
export interface ItemRow {
  item: string;
  type: string;
  vault: string;
  policy: string | null;
  protectionState: string;
  cloudStorageBytes: number;
  frontEndBytes: number | null;
  latestRecoveryPoint: string | null;
}

/** A list cut to its first entries, with how many there are in all. */
export interface Listed<T> {
  rows: T[];
  total: number;
}

/** Usage tab: billing entities (protected containers) and the trend. */
export interface UsageView {
  protectedInstances: number;
  cloudStorageBytes: number;
  /** Σ over the range's days of that day's protected instances (instance-days). */
  protectedInstanceDays: number;
  /** protectedInstanceDays / days. */
  averageProtectedInstances: number;
  entities: Listed<{
    container: string;
    type: string;
    vault: string;
    protectedInstances: number;
    cloudStorageBytes: number;
  }>;
  daily: { day: string; protectedInstances: number; cloudStorageBytes: number }[];
}

/** Jobs tab: failed jobs per day, top failure causes, items by failures (log backups excluded). */
export interface JobsView {
  completed: number;
  failed: number;
  daily: { day: string; completed: number; failed: number }[];
  causes: { code: string; failed: number }[];
  items: Listed<{ item: string; failed: number; completed: number }>;
}

/** Policies tab. */
export interface PolicyRow {
  policy: string;
  vaults: string[];
  type: string;
  frequency: string;
  items: number;
  cloudStorageBytes: number;
}

/** Optimize tab: inactive resources, retention optimizations, backup schedule optimizations. */
export interface OptimizeView {
  /** The window without a recovery point that makes an item inactive, days (§16.3: 7). */
  inactiveAfterDays: number;
  inactive: Listed<{
    item: string;
    vault: string;
    policy: string | null;
    latestRecoveryPoint: string | null;
    daysWithout: number | null;
  }>;
  retention: Listed<{
    item: string;
    policy: string;
    tier: 'daily' | 'weekly' | 'monthly' | 'yearly';
    kept: number;
    above: number;
  }>;
  schedule: Listed<{ item: string; policy: string }>;
}

/** Policy adherence tab: by time period and by backup instance, for daily and for weekly policies. */
export interface AdherenceGrid {
  /** Daily policies: day (≤ 30 days), week (31–90) or month (> 90); weekly policies: week, or 28-day month (> 90). */
  granularity: 'day' | 'week' | 'month';
  periods: { from: string; items: number; adherent: number; nonAdherent: number }[];
  instances: Listed<{
    item: string;
    policy: string | null;
    periods: number;
    nonAdherent: number;
    nonAdherentPeriods: string[];
  }>;
}

/** Every view over one range. */
export interface BackupReportsResult {
  range: ReportRange;
  summary: SummaryView;
  items: Listed<ItemRow>;
  usage: UsageView;
  jobs: JobsView;
  policies: PolicyRow[];
  optimize: OptimizeView;
  adherence: { daily: AdherenceGrid | null; weekly: AdherenceGrid | null };
}

/** The views' names, in tab order (`vaultsim report --view`). */
export const REPORT_VIEWS = [
  'summary',
  'items',
  'usage',
  'jobs',
  'policies',
  'optimize',
  'adherence',
] as const;

/** One view. */
export type ReportView = (typeof REPORT_VIEWS)[number];
