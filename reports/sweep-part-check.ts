// What a sweep part must look like before `merge` trusts a number in it (issue 21): the
// identity, a shard within range, and figures whose summaries are self-consistent — counts
// adding up to n, values ascending between min and max, and Σx, Σx² equal, exactly, to what
// the values and counts give. A part edited by hand (a pass rate moved, a cost lowered)
// fails here even before its digest is checked; a numeric figure name or a shard count of
// a billion is a damaged part, not a crash.

import { addProduct, type Partials, total, twoProduct } from './exact-sum.js';
import { bucketOf, EXACT_LIMIT, type FigureSummary } from './figure-summary.js';
import { FIGURE_SECTIONS, UNIT_DECIMALS } from './figures.js';
import { groupThousands } from './format.js';
import type { SweepPart } from './sweep-part.js';

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
const isNum = (n: unknown): n is number => typeof n === 'number' && Number.isFinite(n);
const isText = (s: unknown, max = 1000): s is string => typeof s === 'string' && s.length <= max;

/** Why `p` is not a well-formed part (a phrase), or null; `range` is shardRange. */
export function partProblem(
  p: Partial<SweepPart>,
  maxShards: number,
  range: (index: number, count: number, n: number) => { from: number; to: number },
): string | null {
  const s = p.scenario;
  if (!isText(p.tool?.version, 200)) return 'no tool version';
  if (!isText(s?.name) || !isText(s.hash, 200) || !isInt(s.seed) || !isText(s.file, 4096))
    return 'no scenario identity';
  if (!isInt(p.replications) || p.replications < 1) return 'no replication count';
  const sh = p.shard;
  if (!isInt(sh?.index) || !isInt(sh.count)) return 'no valid shard';
  if (sh.count < 1 || sh.count > maxShards)
    return `shard count ${sh.count} is out of range (1 to ${groupThousands(maxShards)})`;
  if (sh.index < 1 || sh.index > sh.count) return `shard ${sh.index}/${sh.count} is out of range`;
  const { from, to } = range(sh.index, sh.count, p.replications);
  if (sh.from !== from || sh.to !== to)
    return `shard ${sh.index}/${sh.count} of ${p.replications} should hold replications ${from}–${to - 1}`;
  if (typeof p.digest !== 'string') return 'no digest';
  if (!Array.isArray(p.runs) || p.runs.length === 0) return 'no runs';
  for (const run of p.runs) {
    if (!isText(run?.variant) || !isText(run.currency, 16) || !Array.isArray(run.figures))
      return 'a run without variant, currency or figures';
    const names = new Set<string>();
    for (const f of run.figures as unknown[]) {
      const problem = figureProblem(f, to - from, from);
      const name = (f as { name?: unknown })?.name;
      if (problem !== null)
        return `run ${run.variant}, figure ${typeof name === 'string' ? name : JSON.stringify(name)}: ${problem}`;
      if (names.has(name as string)) return `run ${run.variant} has figure ${name as string} twice`;
      names.add(name as string);
    }
  }
  return null;
}

// Why one figure summary is malformed, or null. `size` replications start at `from`.
function figureProblem(value: unknown, size: number, from: number): string | null {
  const f = value as Partial<FigureSummary> | null;
  if (f === null || typeof f !== 'object') return 'not an object';
  if (!isText(f.name) || f.name === '') return 'a name that is not text';
  if (!(FIGURE_SECTIONS as readonly string[]).includes(f.name.split('.')[0])) return 'an unknown section';
  if (typeof f.unit !== 'string' || !Object.hasOwn(UNIT_DECIMALS, f.unit)) return 'an unknown unit';
  if (!isInt(f.n) || f.n < 1 || f.n > size) return `a count n outside 1–${size}`;
  const partials = (x: unknown): x is number[] => Array.isArray(x) && x.length <= 64 && x.every(isNum);
  if (!partials(f.sum) || !partials(f.sumSq)) return 'sums that are not lists of numbers';
  if (!isNum(f.min) || !isNum(f.max) || f.min > f.max) return 'no min and max';
  const first = f.first;
  if (
    !Array.isArray(first) ||
    !isInt(first[0]) ||
    first[0] < from ||
    first[0] >= from + size ||
    !isNum(first[1])
  )
    return 'no first value in its shard';
  if (first[1] < f.min || first[1] > f.max) return 'a first value outside min–max';
  if ((f.values === null) === (f.buckets === null)) return 'neither values nor buckets (or both)';
  const pairs = (f.values ?? f.buckets) as unknown;
  if (!Array.isArray(pairs) || pairs.length === 0) return 'no values';
  if (f.values !== null && pairs.length > EXACT_LIMIT) return `more than ${EXACT_LIMIT} distinct values`;
  let n = 0;
  let last = Number.NEGATIVE_INFINITY;
  const sum: Partials = [];
  const sumSq: Partials = [];
  for (const pair of pairs as unknown[]) {
    if (!Array.isArray(pair) || pair.length !== 2 || !isNum(pair[0]) || !isInt(pair[1]) || pair[1] < 1)
      return 'a value that is not [number, count]';
    const [v, c] = pair as [number, number];
    if (v <= last) return 'values out of order';
    last = v;
    n += c;
    if (f.values !== null) {
      addProduct(sum, v, c);
      const [hi, lo] = twoProduct(v, v);
      addProduct(sumSq, hi, c);
      addProduct(sumSq, lo, c);
    } else if (!Number.isInteger(v)) return 'a bucket that is not a whole number';
  }
  if (n !== f.n) return `counts that add up to ${n}, not n = ${f.n}`;
  const [lowest, highest] = [(pairs as number[][])[0][0], last];
  if (f.values !== null) {
    if (lowest !== f.min || highest !== f.max) return 'min or max not among its values';
    if (total(sum) !== total(f.sum) || total(sumSq) !== total(f.sumSq))
      return 'sums that do not match its values';
  } else if (lowest !== bucketOf(f.min) || highest !== bucketOf(f.max))
    return 'min or max outside its buckets';
  return null;
}
