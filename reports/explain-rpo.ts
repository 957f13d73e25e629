// `vaultsim explain rpo`: the answer behind one VM's RPO verdict. What its schedule guarantees
// (RunResult.guarantees: the worst data-loss window, the points that bound it, and why nothing
// in between was usable: failed jobs with their causes, a vault point still on its way to the
// paired region, the end of protection) and what each incident achieved (the point used, and
// why newer points were not). Pure: a RunResult and the run's trace records of the VM in, an
// object (what --json prints) and its text out. Rules cited: docs/reference.md §1.1, §1.4,
// §1.8, §2.2, §5.3–5.4.

import type { TraceRecord } from '../models/backup/world.js';
import type { Incident, RunResult, VmRecovery } from '../models/results/types.js';
import { formatSeconds } from './format.js';

/** The schedule's worst window for the VM, with what bounds it and why. */
export interface GuaranteedRpo {
  /** The worst data loss, seconds, or null when nothing protects the VM. */
  rpoSeconds: number | null;
  evidence: string;
  /** The window (UTC instants), or null when it is not one between backup points (replication, unprotected). */
  window: { kind: 'vm-failure' | 'region-outage'; from: string; to: string } | null;
  /** The data instant of the point before the window, and of the point that ended it (null: none came). */
  before: string | null;
  after: string | null;
  /** Why no point in between was usable, one sentence each, in time order. */
  because: string[];
}

/** What one incident achieved for the VM, and why. */
export interface AchievedRpo {
  incident: string;
  kind: Incident['kind'];
  /** When the fault struck (ransomware: when bad data started). */
  at: string;
  path: VmRecovery['path'];
  rpoSeconds: number | null;
  point: VmRecovery['point'];
  because: string[];
}

/** What `explain rpo` prints. */
export interface RpoExplanation {
  scenario: string;
  variant: string;
  seed: number;
  vm: string;
  /** The worst of the two judgements, seconds (null: unprotected or unrecovered), and where it comes from. */
  worstSeconds: number | null;
  worstFrom: string;
  guaranteed: GuaranteedRpo;
  incidents: AchievedRpo[];
}

/** Problems with the --vm asked, listing what exists; empty when it is fine. */
export function rpoProblems(result: RunResult, vm: string, suggestion: string | null = null): string[] {
  if (result.guarantees.some((g) => g.vm === vm)) return [];
  const hint = suggestion === null ? '' : ` Did you mean ${suggestion}?`;
  return [`--vm ${vm}: no such VM in the run.${hint} (VMs: ${listOf(result.guarantees.map((g) => g.vm))})`];
}

/** The explanation of `vm`'s RPO in `result`, with `trace` the run's records about the VM. */
export function explainRpo(result: RunResult, vm: string, trace: readonly TraceRecord[]): RpoExplanation {
  const origin = Date.parse(result.start);
  const iso = (t: number) => new Date(origin + t).toISOString();
  const records = trace.filter((r) => r.subject === vm);
  const guaranteed = guarantee(result, vm, records, iso);
  const incidents: AchievedRpo[] = [];
  for (const i of result.dr?.incidents ?? [])
    for (const r of i.vms) if (r.vm === vm) incidents.push(achieved(i, r, records, origin, iso));
  let worstSeconds = guaranteed.rpoSeconds;
  let worstFrom = 'the schedule';
  for (const a of incidents)
    if (worstSeconds !== null && (a.rpoSeconds === null || a.rpoSeconds > worstSeconds)) {
      worstSeconds = a.rpoSeconds;
      worstFrom = a.incident;
    }
  return {
    scenario: result.scenario,
    variant: result.variant,
    seed: result.seed,
    vm,
    worstSeconds,
    worstFrom,
    guaranteed,
    incidents,
  };
}

// The snapshots' data instants by point id (the trace's `snapshot` records).
function takenById(records: readonly TraceRecord[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const r of records)
    if (r.kind === 'snapshot') out.set(Number(r.detail?.id), Number(r.detail?.takenAt));
  return out;
}

function guarantee(
  result: RunResult,
  vm: string,
  records: readonly TraceRecord[],
  iso: (t: number) => string,
): GuaranteedRpo {
  const g = result.guarantees.find((x) => x.vm === vm)!;
  const base = { rpoSeconds: g.rpo === null ? null : g.rpo / 1000, evidence: g.rpoEvidence };
  const w = g.rpoWindow;
  // Replicated (or unprotected): no window between backup points; the evidence says what bounds it.
  if (w === null) return { ...base, window: null, before: null, after: null, because: [] };
  const taken = takenById(records);
  const vaulted = new Set(records.filter((r) => r.kind === 'vault-point').map((r) => Number(r.detail?.id)));
  // Reasons with their instants, told in time order.
  const why: { t: number; text: string }[] = [];
  let after: number | null = null;
  if (w.kind === 'vm-failure') {
    // The window ends when the next snapshot is done (phase 1, §1.1): the snapshot record at `to`.
    const next = records.find((r) => r.kind === 'snapshot' && r.t === w.to);
    after = next === undefined ? null : Number(next.detail?.takenAt);
  } else {
    // The next vault point after the one of `from`: it landed, then took the lag to reach the pair.
    const next = records.find(
      (r) => r.kind === 'vault-point' && (taken.get(Number(r.detail?.id)) ?? -1) > w.from,
    );
    if (next !== undefined) {
      after = taken.get(Number(next.detail?.id))!;
      why.push({
        t: next.t,
        text: `${iso(next.t)}: the vault point of ${iso(after)} landed in the vault; it counts in the paired region ${formatSeconds((w.to - next.t) / 1000)} later, at ${iso(w.to)}: the most recovery.crossRegionLag can draw (§2.2: "up to 12 hours")`,
      });
    }
    // Snapshots between that never went to the vault (an hourly policy's) stay in the region.
    for (const [id, t] of taken)
      if (t > w.from && (after === null || t < after) && !vaulted.has(id))
        why.push({
          t,
          text: `${iso(t)}: the snapshot of that instant stayed in the region: instant-restore snapshots do not reach the paired region (§1.8)`,
        });
  }
  for (const r of records) {
    if (r.t <= w.from || r.t > w.to) continue;
    const retry = Number(r.detail?.retry) > 0 ? `, retry ${String(r.detail?.retry)}` : '';
    if (r.kind === 'job-failed')
      why.push({
        t: r.t,
        text: `${iso(r.t)}: a backup job failed (${String(r.detail?.cause)}${retry}): no point`,
      });
    if (r.kind === 'protection-stopped')
      why.push({ t: r.t, text: `${iso(r.t)}: protection stopped: no more backups` });
  }
  if (after === null)
    why.push({
      t: w.to,
      text: `${iso(w.to)}: no later point: the window was still open when protection or the run ended`,
    });
  else if (why.length === 0)
    why.push({
      t: w.to,
      text: "no job failed in between: the window is the schedule's interval plus the next job's start delay and snapshot time (§1.2)",
    });
  return {
    ...base,
    window: { kind: w.kind, from: iso(w.from), to: iso(w.to) },
    before: iso(w.from),
    after: after === null ? null : iso(after),
    because: why.sort((a, b) => a.t - b.t).map((x) => x.text),
  };
}

function achieved(
  i: Incident,
  r: VmRecovery,
  records: readonly TraceRecord[],
  origin: number,
  iso: (t: number) => string,
): AchievedRpo {
  const at = Date.parse(i.at) - origin;
  const pointAt = r.point === null ? null : Date.parse(r.point.at) - origin;
  const taken = takenById(records);
  const newer = (t: number) => pointAt !== null && t > pointAt && t <= at;
  const because: string[] = [];
  const bad = i.kind === 'ransomware' ? ' (its data was already encrypted)' : '';
  switch (r.path) {
    case 'restart-in-place':
      because.push('nothing lost: the VM restarted where it was');
      break;
    case 'unrecovered':
      because.push(`not recovered: ${r.note}`);
      break;
    case 'failover':
      because.push(
        `the latest ${r.point?.source === 'asr-app' ? 'app-consistent' : 'crash-consistent'} Site Recovery point the failover could use; data written after it was not yet uploaded and processed (§5.3, §5.4)`,
      );
      break;
    case 'restore-snapshot':
      because.push('the latest instant-restore snapshot before the fault');
      break;
    default: {
      for (const [id, t] of taken)
        if (newer(t)) {
          const landed = records.find((x) => x.kind === 'vault-point' && Number(x.detail?.id) === id);
          because.push(newerWhy(r, i, t, landed?.t ?? null, records, iso) + bad);
        }
      if (because.length === 0)
        because.push(
          r.path === 'cross-region-restore'
            ? 'the latest vault point that had reached the paired region when the outage began (§2.2)'
            : 'the latest vault point before the fault',
        );
    }
  }
  if (i.kind === 'ransomware' && r.point !== null)
    because.push(`points after ${i.at} hold encrypted data: the last clean one is used`);
  return {
    incident: i.id,
    kind: i.kind,
    at: i.at,
    path: r.path,
    rpoSeconds: r.rpoSeconds,
    point: r.point,
    because,
  };
}

// Why a point newer than the one used was not used for a restore from the vault or the pair.
function newerWhy(
  r: VmRecovery,
  i: Incident,
  taken: number,
  landed: number | null,
  records: readonly TraceRecord[],
  iso: (t: number) => string,
): string {
  const what = `the point of ${iso(taken)}`;
  if (r.path === 'cross-region-restore') {
    if (landed === null)
      return `${what} never reached the vault: instant-restore snapshots do not reach the paired region (§1.8)`;
    const decided = records.find((x) => x.kind === 'dr-decided' && x.detail?.incident === i.id);
    const lag = Number(decided?.detail?.crossRegionLagSeconds ?? Number.NaN);
    const lagText = Number.isNaN(lag)
      ? ''
      : ` + ${formatSeconds(lag)} (the lag drawn for this incident, §2.2)`;
    return `${what} landed in the vault at ${iso(landed)}${lagText}: not in the paired region before the outage began at ${i.at}`;
  }
  if (i.kind === 'region-outage' || i.kind === 'zone-outage')
    return `${what}: its instant-restore snapshot was down with the ${i.kind === 'zone-outage' ? 'zone' : 'region'} and it was not in the vault (§1.8)`;
  return `${what}: its instant-restore snapshot was no longer kept and it was not in the vault (§1.4)`;
}

// How many names a "what exists" list shows before "… and N more".
const LIST_LIMIT = 12;

/** Names for a "what exists" list of the explain commands: the first 12, then "… and N more"; "none" when empty. */
export function listOf(names: readonly string[]): string {
  if (names.length === 0) return 'none';
  const shown = names.slice(0, LIST_LIMIT).join(', ');
  return names.length > LIST_LIMIT ? `${shown}, … and ${names.length - LIST_LIMIT} more` : shown;
}

const secs = (s: number | null) => (s === null ? 'none (unprotected or unrecovered)' : formatSeconds(s));

/** The explanation as the text `explain rpo` prints. */
export function renderRpoExplanation(e: RpoExplanation): string {
  const g = e.guaranteed;
  const out = [
    `${e.vm} (${e.scenario}, ${e.variant}, seed ${e.seed}): worst RPO ${secs(e.worstSeconds)}, from ${e.worstFrom}`,
    '',
    `Guaranteed by the schedule: ${secs(g.rpoSeconds)}`,
    `  ${g.evidence}`,
  ];
  if (g.window !== null)
    out.push(
      `  window    ${g.window.from} → ${g.window.to} (${g.window.kind === 'vm-failure' ? 'a failure of the VM' : 'an outage of its region'})`,
      `  bounded   by the point of ${g.before}${g.after === null ? ' and no later one' : ` and the point of ${g.after}`}`,
    );
  if (g.because.length > 0) out.push('  because', ...g.because.map((b) => `    ${b}`));
  out.push(
    '',
    e.incidents.length === 0 ? 'Achieved in incidents: no incident hit this VM' : 'Achieved in incidents',
  );
  for (const a of e.incidents) {
    const point =
      a.point === null ? 'no point' : `the ${a.point.source} point of ${a.point.at} (${a.point.region})`;
    out.push(`  ${a.incident} at ${a.at}: RPO ${secs(a.rpoSeconds)}, ${a.path} from ${point}`);
    out.push(...a.because.map((b) => `    ${b}`));
  }
  return `${out.join('\n')}\n`;
}
