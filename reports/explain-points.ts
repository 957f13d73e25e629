// `vaultsim explain points`: what one VM holds at an instant of the run (the end by default),
// as restic's `forget --dry-run` shows why each snapshot is kept: every vault point with the
// GFS tiers keeping it and until when, every instant-restore snapshot with its expiry
// (docs/reference.md §1.4–1.5), and its Site Recovery points by age band (§5.1). Pure: the
// HeldView an inspection took in, an object (what --json prints) and its text out.

import type { HeldView } from '../models/results/held.js';
import type { RunResult } from '../models/results/types.js';
import { listOf } from './explain-rpo.js';
import { formatSeconds } from './format.js';

/** What `explain points` prints. */
export interface PointsExplanation {
  scenario: string;
  variant: string;
  seed: number;
  /** What the VM held (models/results/held.ts). */
  held: HeldView;
}

/** Problems with the --vm asked, listing what exists; empty when it is fine. */
export function pointsProblems(result: RunResult, vm: string): string[] {
  const vms = result.guarantees.map((g) => g.vm);
  if (vms.includes(vm)) return [];
  return [`--vm ${vm}: no such VM in the run (VMs: ${listOf(vms)})`];
}

/** The explanation of what a VM held, from an inspection of the run. */
export function explainPoints(
  result: Pick<RunResult, 'scenario' | 'variant' | 'seed'>,
  held: HeldView,
): PointsExplanation {
  return { scenario: result.scenario, variant: result.variant, seed: result.seed, held };
}

/** The explanation as the text `explain points` prints. */
export function renderPointsExplanation(e: PointsExplanation): string {
  const h = e.held;
  const out = [`${h.vm} at ${h.at} (${e.scenario}, ${e.variant}, seed ${e.seed})`];
  if (h.backup === null && h.replication === null && h.elsewhere.length === 0)
    out.push('', 'Neither backed up nor replicated: no recovery points.');
  if (h.backup !== null) backupLines(out, h.backup, '');
  // Items in vaults of other regions, started once the VM ran there (docs/model.md).
  for (const e of h.elsewhere) backupLines(out, e, ` as ${e.item}, since it ran in that vault's region`);
  if (h.replication !== null) {
    const r = h.replication;
    out.push(
      '',
      `Site Recovery points: ${r.crashConsistent} crash-consistent, ${r.appConsistent} app-consistent; oldest ${r.oldest ?? 'none'}, latest ${r.latest ?? 'none'}${r.stoppedAt === null ? '' : ` (replication stopped at ${r.stoppedAt})`}`,
    );
    for (const band of r.bands) {
      const ages = `${formatSeconds(band.fromSeconds)}–${formatSeconds(band.toSeconds)}`;
      const keeps =
        band.oneEverySeconds === null ? 'every point' : `one per ${formatSeconds(band.oneEverySeconds)}`;
      out.push(
        `  ages ${ages.padEnd(16)} ${keeps.padEnd(16)} ${band.crashConsistent} crash, ${band.appConsistent} app`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

// One backup item's vault points and snapshots, with what keeps each; `as` names an item in another vault.
function backupLines(out: string[], b: NonNullable<HeldView['backup']>, as: string): void {
  out.push(
    '',
    `Vault points (policy ${b.policy}, vault ${b.vault}${as}; instants in ${b.timeZone}): ${b.points.length}`,
  );
  if (b.protection !== 'protected')
    out.push(`  protection ${b.protection}: no backups, and retention no longer expires the points (§1.5)`);
  for (const p of b.points) {
    const keep = p.onDemand
      ? 'on demand'
      : p.keptBy.length === 0
        ? 'no tier (expires at the next cleanup)'
        : p.keptBy.map((k) => `${k.tier} until ${k.until}`).join(', ');
    out.push(
      `  ${p.taken ?? p.created}  ${(p.tier ?? 'not in the vault').padEnd(8)}  kept by ${keep}; expires ${p.expires}`,
    );
  }
  out.push(`Instant-restore snapshots: ${b.snapshots.length}`);
  for (const s of b.snapshots)
    out.push(
      `  ${s.taken ?? '(time not kept)'}  ${s.expired ? `expired ${s.expires}: kept until the next successful backup collects it (§1.4)` : `expires ${s.expires}`}`,
    );
}
