// Sealing sweep parts (issue 21): a part carries a SHA-256 over its scenario identity,
// options (replications, shard), vaultsim version and every figure summary, and `merge`
// recomputes it. An edited figure, a forged scenario hash or version, or a damaged copy no
// longer merges silently. (A digest proves the bytes are the ones written; anyone can
// compute one, so it is not a signature: parts still come from machines one trusts.)

import { createHash } from 'node:crypto';
import type { SweepPart } from '../reports/sweep-part.js';

/** The digest a part should carry: SHA-256 (hex) of its canonical JSON without `digest`. */
export function partDigest(part: SweepPart): string {
  const { digest: _, ...content } = part;
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

/** The part with its digest set. */
export function sealPart(part: SweepPart): SweepPart {
  return { ...part, digest: partDigest(part) };
}

/** Why a part's digest does not prove its content (a sentence naming `label`), or null. */
export function digestProblem(part: SweepPart, label: string): string | null {
  if (part.digest === '') return `${label} carries no digest; it was not written by vaultsim sweep --shard.`;
  if (part.digest !== partDigest(part))
    return `${label} does not match its digest: its content was changed after vaultsim wrote it (or the copy is damaged).`;
  return null;
}

// JSON with every object's keys sorted, so a part re-serialised in another key order keeps its digest.
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
