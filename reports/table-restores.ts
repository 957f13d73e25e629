// The restores part of the terminal summary (issue 18): per run, the restores per option and
// origin (how many, done, rejected, p50 / max duration), each rejected restore with its rule,
// and what to know about the rest (beyond guidance). Plain text lines.

import type { RestoreJobResult } from '../models/results/restores.js';
import { formatSeconds } from './format.js';
import type { SummaryRun } from './summary.js';

const MAX_LISTED = 10;

/** Lines for every run that has restores (none otherwise). */
export function restoreLines(runs: readonly SummaryRun[]): string[] {
  const out: string[] = [];
  for (const r of runs) {
    const restores = r.restores;
    if (restores === undefined) continue;
    out.push('', `Restores${runs.length > 1 ? ` (${r.variant})` : ''}`);
    for (const s of restores.byOption) {
      const d = s.durationSeconds;
      const timing =
        s.completed === 0 ? 'none done' : `p50 ${formatSeconds(d.p50)}, max ${formatSeconds(d.max)}`;
      out.push(
        `  ${s.option} (${s.origin}): ${s.requested} asked, ${s.completed} done, ${s.rejected} rejected; ${timing}`,
      );
    }
    const notable = restores.jobs.filter((j) => j.note !== '');
    for (const j of notable.slice(0, MAX_LISTED)) out.push(`  ${jobLine(j)}`);
    if (notable.length > MAX_LISTED)
      out.push(`  … and ${notable.length - MAX_LISTED} more (summary.json, restores.csv)`);
  }
  return out;
}

function jobLine(j: RestoreJobResult): string {
  const what = `${j.id} ${j.vm} ${j.option} ${j.target} (${j.label})`;
  return j.status === 'rejected' ? `rejected ${what}: ${j.note}` : `${what}: ${j.note}`;
}
