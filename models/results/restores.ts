// Restore jobs as a run's results (issue 18): every restore a user asked for, every restore
// drill, and every restore disaster recovery ran, with its outcome, the point used, where it
// landed and where its time went. Instants are ISO-8601 strings, durations seconds.

import type { PointSource, Summary5 } from './types.js';

/** Who asked for a restore: a user (`events[].restore`), a restore drill (`restoreTests`), or disaster recovery. */
export type RestoreOrigin = 'user' | 'drill' | 'dr';

/** One restore job, as the jobs log shows it. */
export interface RestoreJobResult {
  /** `restore-<n>`, in request order. */
  id: string;
  origin: RestoreOrigin;
  /** What asked for it: the event (`restore-<event>`), the drill (`<name> #<round>`) or the incident. */
  label: string;
  /** The VM restored. */
  vm: string;
  /** new-vm, restore-disks, replace-disks or files. */
  option: string;
  /** same, zone <n> or cross-region. */
  target: string;
  /** completed; rejected (a rule forbids it: `note` says which); running (not done when the run ended). */
  status: 'completed' | 'rejected' | 'running';
  requestedAt: string;
  /** When it was done (VM booted, disks or files restored), or null. */
  endedAt: string | null;
  /** The point used and where it was read, or null when rejected. */
  point: { at: string; source: PointSource } | null;
  /** Where it landed: region, and zone or null. */
  destination: { region: string; zone: number | null } | null;
  /** Where the time went, seconds: waiting to start, preparing (staging, rehydration, mounts), copying, boot. */
  phases: { queueing: number; preparing: number; transfer: number; boot: number };
  /** Request until done, seconds (the restore's RTO), or null when not done in the run. */
  durationSeconds: number | null;
  /** Bytes copied (disks through the vault, or files). */
  bytes: number;
  /** The rule that rejected it, or what to know (beyond guidance, mounts); '' when nothing. */
  note: string;
}

/** Restore durations of one option and origin. */
export interface RestoreStats {
  option: string;
  origin: RestoreOrigin;
  requested: number;
  completed: number;
  rejected: number;
  /** Durations of the completed ones, seconds. */
  durationSeconds: Summary5;
}

/** Every restore job of a run, in request order, and their durations per option and origin. */
export interface RestoresResult {
  jobs: RestoreJobResult[];
  byOption: RestoreStats[];
}
