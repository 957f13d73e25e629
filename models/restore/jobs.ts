// Restore jobs during a run (issue 18): each runs its plan (rules.ts) — waits to start,
// prepares, copies, boots — and the copies of one vault share its restore throughput: every
// disk is a transfer on the vault's restore link (the kernel's processor-sharing link), capped
// at the per-disk rate, so concurrent restores slow each other down as concurrent transfers do.
// A Cross Region Restore reads the vault's copy in the paired region, a link of its own.
// Backups do not share these links: a backup writes into the vault through its transfer
// pool, a restore reads out of it into the customer's storage, and the sources document no
// shared limit between them (assumption).
//
// Cost: one event when preparing ends (none when no copy follows), the link's completion
// events, nothing per byte.

import { Link } from '../../engine/link.js';
import type { Simulation } from '../../engine/simulation.js';
import type { TraceRecord } from '../backup/world.js';
import type { RestoreJobResult, RestoreOrigin } from '../results/restores.js';
import type { RecoverySettings } from '../scenario/dr.js';
import type { RejectCode, RestorePlan } from './rules.js';

/** Who asked for a restore and of what. */
export interface RestoreRequest {
  origin: RestoreOrigin;
  label: string;
  vm: string;
  vault: string;
  option: string;
  target: string;
}

/** When a job's phases ended (sim ms): the copy (VM created, disks restored) and the whole job (after boot). */
export interface RestoreDone {
  copied: number;
  end: number;
}

/** A restore job that ended, as the jobs table reads it (models/logs/restore-rows.ts); instants in sim ms. */
export interface EndedRestore {
  job: RestoreJobResult;
  /** Its number in the run (`restore-<n>`). */
  seq: number;
  vault: string;
  /** When it started (after queueing) and ended (after boot); a rejected one, at its request. */
  start: number;
  end: number;
  /** The point's data instant, or null when rejected. */
  pointAt: number | null;
  /** Why it was refused, or null when it completed. */
  rejected: RejectCode | null;
}

/** The restore jobs of a run and the vaults' restore links. */
export class RestoreJobs {
  /** Every job, in request order. */
  readonly jobs: RestoreJobResult[] = [];
  private readonly links = new Map<string, Link>();
  private readonly listeners: ((ended: EndedRestore) => void)[] = [];

  constructor(
    private readonly sim: Simulation,
    private readonly settings: RecoverySettings,
    private readonly origin: number,
    private readonly horizon: number,
    private readonly trace: ((record: TraceRecord) => void) | null = null,
  ) {}

  /**
   * Tells `listener` of every job that ends in the run: a completed one when its copy is done
   * (its end, after boot, may be later), a rejected one at its request; one still running at
   * the end, never. Nothing is scheduled for it.
   */
  observe(listener: (ended: EndedRestore) => void): void {
    this.listeners.push(listener);
  }

  /** Records a restore a rule refused, at `at`. */
  reject(req: RestoreRequest, at: number, rule: string, code: RejectCode): RestoreJobResult {
    const job = this.record(req, at);
    job.status = 'rejected';
    job.note = rule;
    const seq = this.jobs.length;
    for (const l of this.listeners)
      l({ job, seq, vault: req.vault, start: at, end: at, pointAt: null, rejected: code });
    this.trace?.({
      t: this.sim.now,
      kind: 'restore-rejected',
      subject: req.vm,
      detail: { job: job.id, rule },
    });
    return job;
  }

  /**
   * Runs `plan` from `start` (sim ms, not before now), requested at `requestedAt`; `done` is told
   * when it ends. The job's record is completed in place when it does.
   */
  run(
    req: RestoreRequest,
    plan: RestorePlan,
    requestedAt: number,
    start: number,
    done: ((d: RestoreDone) => void) | null = null,
  ): RestoreJobResult {
    const job = this.record(req, requestedAt);
    const seq = this.jobs.length;
    job.point = { at: this.iso(plan.point.at), source: plan.point.source };
    job.destination = { region: plan.region, zone: plan.zone };
    job.phases.queueing = (start - requestedAt) / 1000;
    job.phases.preparing = plan.preparing / 1000;
    job.note = plan.notes.join('; ');
    const copying = start + plan.preparing;
    const finish = (copied: number): void => {
      job.phases.transfer = (copied - copying) / 1000;
      job.phases.boot = plan.boot / 1000;
      const end = copied + plan.boot;
      if (end <= this.horizon) {
        job.status = 'completed';
        job.endedAt = this.iso(end);
        job.durationSeconds = (end - requestedAt) / 1000;
        for (const l of this.listeners)
          l({ job, seq, vault: req.vault, start, end, pointAt: plan.point.at, rejected: null });
      }
      this.trace?.({
        t: this.sim.now,
        kind: 'restore-copied',
        subject: req.vm,
        detail: { job: job.id, end },
      });
      done?.({ copied, end });
    };
    const copy = plan.copy;
    if (copy === null || 'fixed' in copy) {
      const fixed = copy === null ? 0 : copy.fixed;
      job.bytes = Math.round(plan.files ?? 0);
      this.sim.at(Math.max(this.sim.now, copying + fixed), () => finish(copying + fixed), 'restore/copied');
      return job;
    }
    job.bytes = Math.round(copy.disks.reduce((s, b) => s + b, 0));
    this.sim.at(
      Math.max(this.sim.now, copying),
      () => this.copyDisks(this.link(req.vault, copy.link), copy.disks, finish),
      'restore/prepared',
    );
    return job;
  }

  // Every disk at once on the link; the copy ends with the last one.
  private copyDisks(link: Link, disks: readonly number[], finish: (copied: number) => void): void {
    let left = disks.filter((b) => b > 0).length;
    if (left === 0) {
      finish(this.sim.now);
      return;
    }
    const one = (): void => {
      if (--left === 0) finish(this.sim.now);
    };
    for (const bytes of disks)
      if (bytes > 0) link.start(bytes, one, { cap: this.settings.restoreThroughput, tag: 'restore/copy' });
  }

  private link(vault: string, which: 'primary' | 'secondary'): Link {
    const name = which === 'primary' ? `${vault}/restore` : `${vault}/restore-secondary`;
    let link = this.links.get(name);
    if (link === undefined) {
      link = new Link(this.sim, { name, capacity: this.settings.restoreCapacity });
      this.links.set(name, link);
    }
    return link;
  }

  private record(req: RestoreRequest, requestedAt: number): RestoreJobResult {
    const job: RestoreJobResult = {
      id: `restore-${this.jobs.length + 1}`,
      origin: req.origin,
      label: req.label,
      vm: req.vm,
      option: req.option,
      target: req.target,
      status: 'running',
      requestedAt: this.iso(requestedAt),
      endedAt: null,
      point: null,
      destination: null,
      phases: { queueing: 0, preparing: 0, transfer: 0, boot: 0 },
      durationSeconds: null,
      bytes: 0,
      note: '',
    };
    this.jobs.push(job);
    return job;
  }

  private iso(t: number): string {
    return new Date(this.origin + t).toISOString();
  }
}
