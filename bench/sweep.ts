// The sweep bench: `vaultsim sweep` of the fleet scenario (500 VMs × 30 days, 200
// replications; --quick: 50 VMs × 7 days, 20 replications) with 1 worker, then 2. It runs
// the built CLI in a child process, as a user would, and reports both wall times and the
// parallel speed-up (target ≥ 1.7× on 2 cores). The deterministic figures are the
// aggregate's hash and whether both worker counts printed the same bytes (they must).
// On a shared machine the speed-up says little by itself: the CPU seconds the children
// used (Linux: /proc/self/stat) and the load average before each run show whether two
// cores were free, and what the speed-up would be if they were (cpu / wall).

import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fleetScenario } from './fleet.js';
import { type BenchResult, clock } from './measure.js';

/** The built CLI the sweep suite starts by default: the one beside it in dist/. */
const DEFAULT_CLI = fileURLToPath(new URL('../cli/main.js', import.meta.url));

/** Sweeps the fleet scenario with 1 and 2 workers and reports wall times and speed-up. */
export function benchSweep(
  vms: number,
  days: number,
  replications: number,
  cli: string | null = null,
): { results: BenchResult[]; ratios: BenchResult[] } {
  const CLI = cli ?? DEFAULT_CLI;
  const dir = mkdtempSync(join(tmpdir(), 'vaultsim-bench-sweep-'));
  try {
    writeFileSync(join(dir, 'fleet.yaml'), fleetScenario(vms, days));
    const sweep = (workers: number) => {
      const load = loadavg()[0];
      const cpu0 = childCpu();
      const t0 = clock();
      const out = execFileSync(
        process.execPath,
        // A relative path, so the aggregate (which names the file) and its hash are the same every time.
        [
          CLI,
          'sweep',
          'fleet.yaml',
          '--replications',
          String(replications),
          '--workers',
          String(workers),
          '--json',
        ],
        { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'inherit'] },
      );
      const seconds = clock() - t0;
      return { seconds, out, load, cpu: childCpu() - cpu0 };
    };
    const one = sweep(1);
    const two = sweep(2);
    // What the machine allows: two independent 1-worker processes, half the replications
    // each, at the same time. Their combined speed-up over `one` bounds what any
    // threading can reach here (shared caches, memory bandwidth, and the GC threads that
    // already use the second core in the 1-worker run). Measured on this machine: ≈ 1.45×.
    const halves = (() => {
      const half = Math.ceil(replications / 2);
      const cmd = (seed: number) =>
        [
          process.execPath,
          CLI,
          'sweep',
          'fleet.yaml',
          '--replications',
          String(half),
          '--workers',
          '1',
          '--seed',
          String(seed),
          '--json',
        ]
          .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
          .join(' ');
      const t0 = clock();
      execFileSync('sh', ['-c', `${cmd(1)} > /dev/null & ${cmd(2)} > /dev/null & wait`], {
        cwd: dir,
        stdio: 'ignore',
      });
      return clock() - t0;
    })();
    const speedup = one.seconds / two.seconds;
    const hash = createHash('sha256').update(one.out).digest('hex').slice(0, 16);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    return {
      results: [
        { name: 'sweep.vms', value: vms, unit: 'VMs' },
        { name: 'sweep.days', value: days, unit: 'days' },
        { name: 'sweep.replications', value: replications, unit: 'replications' },
        { name: 'sweep.wall.workers_1', value: r3(one.seconds), unit: 's' },
        { name: 'sweep.wall.workers_2', value: r3(two.seconds), unit: 's' },
        { name: 'sweep.wall.two_processes', value: r3(halves), unit: 's' },
        { name: 'sweep.cpu.workers_1', value: r3(one.cpu), unit: 'CPU s' },
        { name: 'sweep.cpu.workers_2', value: r3(two.cpu), unit: 'CPU s' },
        { name: 'sweep.load_before.workers_1', value: r3(one.load), unit: 'load avg' },
        { name: 'sweep.load_before.workers_2', value: r3(two.load), unit: 'load avg' },
        { name: 'sweep.identical_output', value: one.out === two.out ? 1 : 0, unit: 'bool' },
        { name: `sweep.aggregate.${hash}`, value: 1, unit: 'fingerprint' },
      ],
      ratios: [
        { name: 'sweep.speedup_2_workers', value: r3(speedup), unit: '×' },
        { name: 'sweep.parallel_efficiency', value: r3(speedup / 2), unit: 'fraction' },
        // The bound above: two independent processes' speed-up, and how close 2 workers come to it.
        { name: 'sweep.hardware_bound', value: r3(one.seconds / halves), unit: '×' },
        { name: 'sweep.share_of_bound', value: r3(speedup / (one.seconds / halves)), unit: 'fraction' },
        // Cores the 2-worker run kept busy on average: 2 when nothing else competed for them.
        { name: 'sweep.cores_used_2_workers', value: r3(two.cpu / two.seconds), unit: 'cores' },
        // CPU the 2-worker run spent per CPU of the 1-worker run: its overhead (1 = none).
        { name: 'sweep.cpu_ratio_2_vs_1', value: r3(two.cpu / one.cpu), unit: '×' },
      ],
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// CPU seconds (user + system) of this process's finished children, from /proc/self/stat
// (fields cutime and cstime, in clock ticks of 1/100 s); NaN where there is no /proc.
function childCpu(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return Number.NaN;
  }
}
