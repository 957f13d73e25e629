// `vaultsim explain rto`: the answer behind one VM's recovery time in one incident: its four
// phases (detection, waiting, recovery, boot; they add up to the RTO) and what each waited
// for, from the DR results, beside what the schedule guarantees. Pure: a RunResult in, an
// object (what --json prints) and its text out. Rules cited: docs/reference.md §1.2, §1.8,
// §2.2–2.4, §5.4–5.5.

import type { Incident, RunResult, VmRecovery } from '../models/results/types.js';
import { listOf } from './explain-rpo.js';
import { formatSeconds } from './format.js';

/** One phase of the RTO and what it waited for. */
export interface RtoPhase {
  phase: 'detection' | 'waiting' | 'recovery' | 'boot';
  seconds: number;
  /** Phase start and end (UTC). */
  from: string;
  to: string;
  waitedFor: string;
}

/** What `explain rto` prints. */
export interface RtoExplanation {
  scenario: string;
  variant: string;
  seed: number;
  vm: string;
  incident: string;
  kind: Incident['kind'];
  /** When the VM went down (ransomware: when the encryption was found). */
  down: string;
  path: VmRecovery['path'];
  /** The RTO achieved, seconds, or null when the VM was not back by the end of the run. */
  rtoSeconds: number | null;
  recoveredAt: string | null;
  region: string;
  note: string;
  phases: RtoPhase[];
  /** What the schedule guarantees for the VM (RunResult.guarantees). */
  guaranteed: { rtoSeconds: number | null; evidence: string };
}

/** Problems with the --vm and --incident asked, listing what exists; empty when they are fine. */
export function rtoProblems(result: RunResult, vm: string, incident: string | undefined): string[] {
  if (!result.guarantees.some((g) => g.vm === vm))
    return [`--vm ${vm}: no such VM in the run (VMs: ${listOf(result.guarantees.map((g) => g.vm))})`];
  const hit = (result.dr?.incidents ?? []).filter((i) => i.vms.some((r) => r.vm === vm)).map((i) => i.id);
  if (hit.length === 0) {
    // The verdict still cites what the schedule guarantees: say it here too.
    const g = result.guarantees.find((x) => x.vm === vm)!;
    const guaranteed =
      g.rto === null
        ? `nothing bounds its RTO: ${g.rtoEvidence}`
        : `its schedule guarantees RTO ${formatSeconds(g.rto / 1000)}: ${g.rtoEvidence}`;
    return [`--vm ${vm}: no incident took this VM down, so no achieved RTO to explain; ${guaranteed}`];
  }
  if (incident !== undefined && !hit.includes(incident))
    return [`--incident ${incident}: not an incident of ${vm} (its incidents: ${listOf(hit)})`];
  return [];
}

/** The explanation of `vm`'s RTO in `incident` (default: its longest recovery). */
export function explainRto(result: RunResult, vm: string, incident?: string): RtoExplanation {
  const candidates = (result.dr?.incidents ?? []).flatMap((i) =>
    i.vms.filter((r) => r.vm === vm && (incident === undefined || i.id === incident)).map((r) => ({ i, r })),
  );
  const key = (r: VmRecovery) => (r.rtoSeconds === null ? Number.POSITIVE_INFINITY : r.rtoSeconds);
  const { i, r } = candidates.reduce((a, b) => (key(b.r) > key(a.r) ? b : a));
  const g = result.guarantees.find((x) => x.vm === vm)!;
  // Detection starts when the VM went down: the fault, or a ransomware's discovery (the
  // recovery's end less its RTO; unrecovered, the decision less its detection phase).
  const down =
    i.kind !== 'ransomware'
      ? Date.parse(i.at)
      : r.recoveredAt !== null && r.rtoSeconds !== null
        ? Date.parse(r.recoveredAt) - r.rtoSeconds * 1000
        : Date.parse(i.detectedAt) - r.phases.detection * 1000;
  const iso = (ms: number) => new Date(ms).toISOString();
  const phases: RtoPhase[] = [];
  let at = down;
  for (const phase of ['detection', 'waiting', 'recovery', 'boot'] as const) {
    const seconds = r.phases[phase];
    phases.push({
      phase,
      seconds,
      from: iso(at),
      to: iso(at + seconds * 1000),
      waitedFor: waitedFor(phase, i, r),
    });
    at += seconds * 1000;
  }
  return {
    scenario: result.scenario,
    variant: result.variant,
    seed: result.seed,
    vm,
    incident: i.id,
    kind: i.kind,
    down: iso(down),
    path: r.path,
    rtoSeconds: r.rtoSeconds,
    recoveredAt: r.recoveredAt,
    region: r.region,
    note: r.note,
    phases,
    guaranteed: { rtoSeconds: g.rto === null ? null : g.rto / 1000, evidence: g.rtoEvidence },
  };
}

const WORK: Record<VmRecovery['path'], string> = {
  failover:
    'the Site Recovery failover of the VM (§5.4), with the extra processing of a "Latest" point if chosen',
  'restore-snapshot': 'the restore from the instant-restore snapshot: minutes (§1.2)',
  'restore-vault':
    'the restore from the vault: queueing and VM creation, then the largest disk at the restore rate (§1.2)',
  'restore-archive': 'the rehydration of the archived point, then the restore from the vault (§2.4)',
  'cross-region-restore': "the restore from the paired region's copy of the vault (§2.2)",
  'restart-in-place': 'nothing: the VM restarted where it was',
  unrecovered: 'nothing: there was no way to recover it',
};

function waitedFor(phase: RtoPhase['phase'], i: Incident, r: VmRecovery): string {
  switch (phase) {
    case 'detection':
      if (i.detectedBy === 'the detection delay')
        return 'someone to act: recovery.detection, the delay before anyone acts on a fault';
      return i.detectedBy.endsWith('(automated failover)')
        ? `the ${i.detectedBy}: its failover action started the recovery plan`
        : `the ${i.detectedBy}, then someone acting on its notification (recovery.acknowledge)`;
    case 'waiting':
      if (r.phases.waiting === 0) return 'nothing: work started when the decision was made';
      if (r.note.startsWith('recovery plan'))
        return `${r.note}: the earlier groups and the manual steps before this group (§5.5), and the target region's control plane`;
      if (r.note.includes('waited for the region') || r.note.includes('outage ended'))
        return `the ${i.kind === 'zone-outage' ? 'zone' : 'region'} to come back${i.end === null ? '' : ` (the outage ended at ${i.end})`}`;
      return 'the control plane of the region where the work runs (a control-plane outage), or capacity';
    case 'recovery':
      return WORK[r.path];
    case 'boot':
      return r.phases.boot === 0 ? 'nothing' : 'the VM to boot (recovery.boot)';
  }
}

/** The explanation as the text `explain rto` prints. */
export function renderRtoExplanation(e: RtoExplanation): string {
  const rto = e.rtoSeconds === null ? 'not back by the end of the run' : formatSeconds(e.rtoSeconds);
  const out = [
    `${e.vm} in ${e.incident} (${e.scenario}, ${e.variant}, seed ${e.seed}): RTO ${rto}, ${e.path}${e.note === '' ? '' : ` (${e.note})`}`,
    `  down at ${e.down}${e.recoveredAt === null ? '' : `, running again at ${e.recoveredAt} in ${e.region}`}`,
    '',
  ];
  for (const p of e.phases)
    out.push(
      `  ${p.phase.padEnd(10)}${formatSeconds(p.seconds).padStart(9)}  ${p.from} → ${p.to}`,
      `              waited for ${p.waitedFor}`,
    );
  out.push(
    '',
    `Guaranteed by the schedule: ${e.guaranteed.rtoSeconds === null ? 'none (unprotected)' : formatSeconds(e.guaranteed.rtoSeconds)}`,
    `  ${e.guaranteed.evidence}`,
  );
  return `${out.join('\n')}\n`;
}
