// SIGKILL while a run writes its files (issue 21: before, 10 of 32 kills left a torn
// events.jsonl, summary.json or report). 30 trials, each killing `vaultsim run` at a seeded
// moment after it starts writing (writes slowed by the VAULTSIM_TEST_WRITE_DELAY_MS seam so
// the moments spread over the whole write phase; the moments come from FC_SEED): every file under a final name must be a
// complete file, this run's or the earlier run's, and a run after the kill must succeed.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { isTempName } from '../../cli/atomic-file.js';
import { MANIFEST } from '../../cli/out-folder.js';
import { TINY } from '../reports/fixture.js';
import { runIn, tempDir } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const TRIALS = 30;
const PARALLEL = 5;
const DELAY_MS = 50;
const ARGS = ['--out', 'out', '--trace', '--format', 'md'];

let dir: string;
// Every complete version of each file: the earlier run's (seed 4) and this run's (seed 3).
const complete = new Map<string, Buffer[]>();
// How long the write phase lasts (ms), measured by an uninterrupted run.
let writePhase = 0;

beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, 'old.yaml'), TINY.replace('seed: 3', 'seed: 4'));
  writeFileSync(join(dir, 'new.yaml'), TINY);
  for (const [file, out] of [
    ['old.yaml', 'ref-old'],
    ['new.yaml', 'ref-new'],
  ]) {
    const r = await runIn(dir, 'run', file, ...ARGS.map((a) => (a === 'out' ? out : a)));
    expect(r.code).toBe(0);
    for (const name of readdirSync(join(dir, out)))
      if (name !== MANIFEST)
        complete.set(name, [...(complete.get(name) ?? []), readFileSync(join(dir, out, name))]);
  }
  mkdirSync(join(dir, 'calibrate'));
  const child = start('calibrate');
  await writing(child, join(dir, 'calibrate', 'out'));
  const began = Date.now();
  await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
  writePhase = Date.now() - began;
}, 60_000);

// Starts `vaultsim run new.yaml` into trial folder `t` (holding the earlier run's files).
function start(t: string): ChildProcess {
  // tsx by its resolved address: the trial folder has no node_modules to find it from.
  const tsx = import.meta.resolve('tsx');
  return spawn(
    process.execPath,
    ['--import', tsx, join(root, 'cli/main.ts'), 'run', '../new.yaml', ...ARGS],
    {
      cwd: join(dir, t),
      env: { ...process.env, VAULTSIM_TEST_WRITE_DELAY_MS: String(DELAY_MS) },
      stdio: 'ignore',
    },
  );
}

// Resolves once the run has begun writing (a temporary file appears in its folder), or has ended.
async function writing(child: ChildProcess, out: string): Promise<void> {
  while (child.exitCode === null && child.signalCode === null) {
    if (existsSync(out) && readdirSync(out).some((n) => isTempName(n) && !n.includes('probe'))) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What a trial found: files that were not complete, and whether the kill came before the run ended. */
interface Trial {
  torn: string[];
  killed: boolean;
}

async function trial(index: number, killAfterMs: number): Promise<Trial> {
  const t = `trial-${index}`;
  const out = join(dir, t, 'out');
  mkdirSync(out, { recursive: true });
  // The earlier run's files and manifest, as a previous run left them.
  for (const name of readdirSync(join(dir, 'ref-old')))
    writeFileSync(join(out, name), readFileSync(join(dir, 'ref-old', name)));
  const child = start(t);
  await writing(child, out);
  await new Promise((r) => setTimeout(r, killAfterMs));
  const killed = child.exitCode === null && child.signalCode === null;
  child.kill('SIGKILL');
  await new Promise((r) =>
    child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
  );
  const torn: string[] = [];
  for (const name of readdirSync(out)) {
    if (isTempName(name) || name === MANIFEST) continue;
    const data = readFileSync(join(out, name));
    if (!(complete.get(name) ?? []).some((c) => c.equals(data)))
      torn.push(`${t}/${name} (${data.length} bytes)`);
  }
  // The folder is still owned: a new run into it succeeds and leaves this run's files only.
  const after = await runIn(join(dir, t), 'run', '../new.yaml', ...ARGS);
  if (after.code !== 0) torn.push(`${t}: the run after the kill exited ${after.code}: ${after.stderr}`);
  return { torn, killed };
}

describe('vaultsim run killed with SIGKILL while it writes', () => {
  it('should never leave a partial file under a final name (30 seeded kills)', async () => {
    // Kill moments spread over the write phase (seven writes of at least DELAY_MS each) and a little past it.
    expect(writePhase).toBeGreaterThanOrEqual(7 * DELAY_MS);
    const seed = fc.readConfigureGlobal().seed ?? 20261125;
    const moments = fc.sample(fc.integer({ min: 0, max: Math.round(writePhase * 1.1) }), {
      numRuns: TRIALS,
      seed,
    });
    const trials: Trial[] = [];
    for (let i = 0; i < TRIALS; i += PARALLEL)
      trials.push(...(await Promise.all(moments.slice(i, i + PARALLEL).map((ms, k) => trial(i + k, ms)))));
    const why = `kill moments from FC_SEED=${seed}: ${moments.join(', ')} ms of a ${writePhase} ms write phase`;
    expect(
      trials.flatMap((t) => t.torn),
      why,
    ).toEqual([]);
    // The test tests something: most kills land while the run is still writing.
    expect(trials.filter((t) => t.killed).length, why).toBeGreaterThanOrEqual(TRIALS / 2);
  }, 120_000);
});
