// Parts that prove their content (issue 21): `merge` refuses a part whose figures,
// scenario hash or version were changed after `sweep --shard` wrote it, a part with a shard
// count out of range or a numeric figure name, each with exit 2 and the part's name, and
// never prints a control character a part carries.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { partDigest } from '../../cli/part-digest.js';
import type { SweepPart } from '../../reports/sweep-part.js';
import { hasStack, runIn, tempDir } from '../cli/harness.js';
import { TINY } from '../reports/fixture.js';

// TINY with an RPO objective that some replications miss (a 25% job failure rate, one retry).
const SCENARIO = `${TINY}objectives: { rpo: 26h }\n`;

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  writeFileSync(join(dir, 's.yaml'), SCENARIO);
  for (const shard of ['1/2', '2/2']) {
    const r = await runIn(
      dir,
      'sweep',
      's.yaml',
      '-n',
      '8',
      '--workers',
      '1',
      '--shard',
      shard,
      '--out',
      `p${shard[0]}.json`,
    );
    expect(r.code).toBe(0);
  }
});
const run = (...argv: string[]) => runIn(dir, ...argv);
const part = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as SweepPart;
const write = (name: string, p: unknown) => writeFileSync(join(dir, name), `${JSON.stringify(p)}\n`);

describe('vaultsim merge of forged or damaged parts', () => {
  it('merges the parts as written, each sealed with its digest', async () => {
    const p1 = part('p1.json');
    expect(p1.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(p1.digest).toBe(partDigest(p1));
    const r = await run('merge', 'p1.json', 'p2.json', '--json');
    expect(r.code).toBeLessThan(2);
  });

  it('refuses a part whose pass rate was moved, even with consistent sums', async () => {
    // Every replication of shard 1 made to pass: values, counts and sums all agree, only the digest does not.
    const p = part('p1.json');
    for (const f of p.runs[0].figures)
      if (f.name.endsWith('.pass'))
        Object.assign(f, {
          sum: [f.n],
          sumSq: [f.n],
          min: 1,
          max: 1,
          first: [f.first[0], 1],
          values: [[1, f.n]],
        });
    write('forged.json', p);
    const r = await run('merge', 'forged.json', 'p2.json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'vaultsim merge: forged.json does not match its digest: its content was changed after vaultsim wrote it (or the copy is damaged).\n',
    );
  });

  it('refuses parts whose scenario hash and version were both forged to match', async () => {
    for (const name of ['p1.json', 'p2.json']) {
      const p = part(name);
      write(`v-${name}`, {
        ...p,
        tool: { name: 'vaultsim', version: '9.9.9' },
        scenario: { ...p.scenario, hash: 'f'.repeat(64) },
      });
    }
    const r = await run('merge', 'v-p1.json', 'v-p2.json');
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter(Boolean)).toEqual([
      'vaultsim merge: v-p1.json does not match its digest: its content was changed after vaultsim wrote it (or the copy is damaged).',
      'vaultsim merge: v-p2.json does not match its digest: its content was changed after vaultsim wrote it (or the copy is damaged).',
    ]);
  });

  it('refuses a part that carries no digest', async () => {
    write('bare.json', { ...part('p1.json'), digest: '' });
    const r = await run('merge', 'bare.json', 'p2.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bare.json carries no digest');
  });

  it('refuses a huge shard count at once, without a stack or a list of a billion shards', async () => {
    const p = part('p1.json');
    const huge = { ...p, shard: { index: 1, count: 1e9, from: 0, to: 0 } };
    write('huge.json', { ...huge, digest: partDigest(huge as SweepPart) });
    const started = Date.now();
    const r = await run('merge', 'huge.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'vaultsim merge: huge.json is a damaged sweep part: shard count 1000000000 is out of range (1 to 1,000,000).\n',
    );
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('refuses a numeric figure name as a damaged part, not a crash', async () => {
    const p = part('p1.json');
    (p.runs[0].figures[0] as { name: unknown }).name = 12;
    write('numeric.json', { ...p, digest: partDigest(p) });
    const r = await run('merge', 'numeric.json', 'p2.json');
    expect(r.code).toBe(2);
    expect(hasStack(r.stderr)).toBe(false);
    expect(r.stderr).toBe(
      'vaultsim merge: numeric.json is a damaged sweep part: run base, figure 12: a name that is not text.\n',
    );
  });

  it('prints a variant name without the escape sequences a part carries', async () => {
    // A digest proves the bytes, not who made them: a forger can recompute it, so the output
    // must still be safe to print.
    const parts = ['p1.json', 'p2.json'].map((name) => {
      const p = part(name);
      p.runs[1].variant = 'daily-7\u001b[2J\u001b]0;pwned\u0007\u009b31m';
      return { ...p, digest: partDigest(p) };
    });
    for (const [i, p] of parts.entries()) write(`esc-${i + 1}.json`, p);
    const r = await run('merge', 'esc-1.json', 'esc-2.json', '--min-pass-rate', '0');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^daily-7\[2J\]0;pwned31m$/m);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for control characters.
    expect(r.stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});
