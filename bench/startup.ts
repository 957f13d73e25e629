// The startup bench: what a CI pipeline pays each time it calls vaultsim. In one run it
// starts, as whole processes, `node -e 0` (the floor: Node itself), `vaultsim --version`,
// `vaultsim validate` on the smallest example and `vaultsim run` of a 1-VM, 1-day scenario,
// round after round (paired: a round runs all four back to back, so a busy moment slows all
// of them), and reports each one's median CPU seconds (user + system of the child, all its
// threads) and the median over rounds of its ratio to `node -e 0` in the same round. The
// ratios are what a CI gate may judge (`--threshold 'startup.validate_ratio<4'`): both
// sides of a ratio ran on the same machine at the same time, so a slower runner moves both.
//
// The CPU time is read inside each child by a preloaded hook (process.resourceUsage() at its
// 'exit' event, written to file descriptor 3), in microseconds; what runs after 'exit'
// (Node's teardown) is not counted, for the floor and the commands alike.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BenchResult, median } from './measure.js';

/** The built CLI this bench starts by default: the one beside it in dist/. */
export const DEFAULT_CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

// The preloaded hook: the child's own CPU time at exit, in µs, on fd 3.
const HOOK = `process.on('exit', () => {
  const u = process.resourceUsage();
  require('node:fs').writeSync(3, String(u.userCPUTime + u.systemCPUTime));
});
`;

/** A 1-VM, 1-day scenario: the smallest run a pipeline would make. */
export const TINY_SCENARIO = `name: startup-bench
duration: 1d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 7 } }
fleet:
  - name: app
    region: eastus
    disks: [{ size: 128GiB, used: 60%, churn: { daily: 3% } }]
    backup: { vault: rsv, policy: daily }
`;

/** The commands measured, in the order a round runs them. */
export const STARTUP_COMMANDS = ['node', 'version', 'validate', 'run'] as const;

type Command = (typeof STARTUP_COMMANDS)[number];

/** The smallest scenario in the examples folder next to `cli` (by bytes, then name): what `validate` reads. */
export function smallestExample(cli: string): string {
  const dir = join(dirname(cli), '..', '..', 'scenarios', 'examples');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ f, size: statSync(join(dir, f)).size }))
    .sort((a, b) => a.size - b.size || (a.f < b.f ? -1 : 1));
  if (files.length === 0) throw new Error(`no example scenario in ${dir}`);
  return join(dir, files[0].f);
}

/** Starts each command `rounds` times, paired, and reports median CPU seconds and ratios to `node -e 0`. */
export function benchStartup(
  rounds: number,
  cli: string = DEFAULT_CLI,
): { results: BenchResult[]; ratios: BenchResult[] } {
  const dir = mkdtempSync(join(tmpdir(), 'vaultsim-bench-startup-'));
  try {
    const hook = join(dir, 'cpu-hook.cjs');
    writeFileSync(hook, HOOK);
    const tiny = join(dir, 'tiny.yaml');
    writeFileSync(tiny, TINY_SCENARIO);
    const example = smallestExample(cli);
    const args: Record<Command, string[]> = {
      node: ['-e', '0'],
      version: [cli, '--version'],
      validate: [cli, 'validate', example],
      run: [cli, 'run', tiny, '--out', join(dir, 'out'), '--quiet'],
    };
    const cpu: Record<Command, number[]> = { node: [], version: [], validate: [], run: [] };
    for (let r = 0; r < rounds; r++)
      for (const c of STARTUP_COMMANDS) cpu[c].push(childCpu(args[c], hook, dir));
    const results: BenchResult[] = [{ name: 'startup.rounds', value: rounds, unit: 'rounds' }];
    const ratios: BenchResult[] = [];
    for (const c of STARTUP_COMMANDS) {
      results.push({ name: `startup.${c}.cpu`, value: round(median(cpu[c]), 3), unit: 'CPU s' });
      if (c === 'node') continue;
      // The median of the rounds' own ratios: each pair ran side by side.
      const paired = cpu[c].map((s, r) => s / cpu.node[r]);
      ratios.push({ name: `startup.${c}_ratio`, value: round(median(paired), 2), unit: '× node -e 0' });
    }
    return { results, ratios };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Runs `node --require hook ...args` and returns the child's CPU seconds; a failing command is a bench bug.
function childCpu(args: string[], hook: string, cwd: string): number {
  const child = spawnSync(process.execPath, ['--require', hook, ...args], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1 << 26,
  });
  const micros = Number(child.output?.[3]);
  if (child.status !== 0 || !Number.isFinite(micros))
    throw new Error(
      `startup bench: node ${args.join(' ')} exited ${child.status ?? child.signal}: ${child.stderr}`,
    );
  return micros / 1e6;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
