// The bench suites `vaultsim bench` runs, by name: each runs at full size or, with --quick,
// at a size CI can afford, and returns its figures (every figure's name starts with the
// suite's, so a threshold names its suite: `startup.validate_ratio` is the startup suite's).
// A suite's module is imported when it runs, so listing the suites (--help) loads none;
// each suite also declares the names of its figures, so that a threshold naming a figure it
// does not print is refused before anything runs (test/bench/figures.test.ts runs every
// suite and checks its declaration against what it prints).

import type { BenchResult } from './measure.js';

/** What a suite may be asked for. */
export interface SuiteOptions {
  quick: boolean;
  /** --vms / --days: the fleet and layout suites at another size (null: their own). */
  vms: number | null;
  days: number | null;
  /** --cli: the built vaultsim the startup and sweep suites start (default: this one). */
  cli: string | null;
  /** --rounds: how many times the fleet suite runs the model and the sketches in turn (default 1). */
  rounds: number;
}

/** What a suite reports: figures (results), and ratios measured side by side in the same run. */
export interface SuiteFigures {
  results: BenchResult[];
  ratios: BenchResult[];
}

/** A suite: one line saying what it measures, and how to run it. */
export interface Suite {
  describe: string;
  /** Whether --vms / --days change its size (then its baseline key says so). */
  sized: boolean;
  run(options: SuiteOptions): Promise<SuiteFigures>;
  /**
   * The names of the figures `run` prints with these options, known before it runs. A part
   * known only after the run is written `<hash>` (a fingerprint's) and matches any one
   * dot-free part. Without it, a threshold's figure is checked only after the run.
   */
  figures?(options: SuiteOptions): string[];
}

/** The placeholder for a figure-name part known only after a run (a fingerprint's hash). */
export const HASH = '<hash>';

// The commands the startup suite starts, as bench/startup.ts's STARTUP_COMMANDS.
const STARTUP_COMMANDS = ['node', 'version', 'validate', 'run'];
// The kernel suite's heap sizes and events per contender.
const kernelSizes = (quick: boolean) => (quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000]);
const prefixed = (suite: string, names: readonly string[]) => names.map((n) => `${suite}.${n}`);

/** Every suite, in the order `vaultsim bench` with no names runs them. */
export const SUITES: Readonly<Record<string, Suite>> = {
  startup: {
    describe:
      'CPU to start node -e 0, --version, validate and a 1-VM 1-day run; ratios to node (--quick: 5 rounds of 10)',
    sized: false,
    run: async (o) => {
      const { benchStartup, DEFAULT_CLI } = await import('./startup.js');
      return benchStartup(o.quick ? 5 : 10, o.cli ?? DEFAULT_CLI);
    },
    figures: () => [
      'startup.rounds',
      ...STARTUP_COMMANDS.map((c) => `startup.${c}.cpu`),
      ...STARTUP_COMMANDS.filter((c) => c !== 'node').map((c) => `startup.${c}_ratio`),
    ],
  },
  kernel: {
    describe: 'the hold model through the kernel vs bare and published heaps (--quick: N up to 10,000)',
    sized: false,
    run: async (o) => {
      const { benchKernel } = await import('./kernel.js');
      return benchKernel(kernelSizes(o.quick), o.quick ? 200_000 : 2_000_000);
    },
    figures: (o) =>
      kernelSizes(o.quick).flatMap((n) => [
        ...['sim', 'event_queue', 'bare_heap', 'flatqueue', 'heap_js'].flatMap((c) => [
          `kernel.${c}.N=${n}.events_per_s`,
          ...(['sim', 'event_queue', 'bare_heap'].includes(c) ? [`kernel.${c}.N=${n}.bytes_per_event`] : []),
        ]),
        `kernel.sim_over_bare_heap.N=${n}`,
        `kernel.event_queue_over_flatqueue.N=${n}`,
        `kernel.event_queue_over_heap_js.N=${n}`,
      ]),
  },
  fleet: {
    describe:
      '10,000 VMs × 365 days, daily GFS backups to 10 vaults (--quick: 500 × 30; --vms, --days; --rounds: medians of several)',
    sized: true,
    run: async (o) => {
      const { benchFleet } = await import('./fleet.js');
      return benchFleet(o.vms ?? (o.quick ? 500 : 10_000), o.days ?? (o.quick ? 30 : 365), o.rounds);
    },
    figures: (o) =>
      prefixed('fleet', [
        'vms',
        'days',
        ...(o.rounds > 1 ? ['rounds'] : []),
        'wall',
        'cpu',
        'events',
        'events_per_s',
        'wall_per_vm_day',
        'cpu_per_vm_day',
        'peak_rss',
        `fingerprint.${HASH}`,
        'sketch_cpu_per_vm_day',
        'sketch_full_cpu_per_vm_day',
        'ratio_to_sketch',
        'ratio_to_full_sketch',
      ]),
  },
  dr: {
    describe: '2,000 replicated VMs × 30 days, a region outage, one 10-group plan (--quick: 200 × 10)',
    sized: false,
    run: async (o) => {
      const { benchDr } = await import('./dr.js');
      return benchDr(o.quick ? 200 : 2_000, o.quick ? 10 : 30);
    },
    figures: () =>
      prefixed('dr', [
        'vms',
        'days',
        'wall',
        'events',
        'events_per_s',
        'recovered',
        'plan_rto',
        'peak_rss',
        `fingerprint.${HASH}`,
      ]),
  },
  layout: {
    describe:
      "the fleet suite's core work as a sketch, columnar vs an object per VM, and columnar with the model's reported features (--quick: 500 × 30)",
    sized: true,
    run: async (o) => {
      const { benchLayout } = await import('./layout.js');
      return benchLayout(o.vms ?? (o.quick ? 500 : 10_000), o.days ?? (o.quick ? 30 : 365));
    },
    figures: () =>
      prefixed('layout', [
        'vms',
        'days',
        'columnar.wall',
        'columnar.wall_per_vm_day',
        'objects.wall',
        'objects.wall_per_vm_day',
        'peak_rss',
        'stored_tib',
        'tier_point_days',
        'same_result',
        'columnar_full.wall',
        'columnar_full.wall_per_vm_day',
        'columnar_full.cpu_per_vm_day',
        'columnar_full.stored_tib',
        'columnar_full.transfers',
        'columnar_full.failed',
        'columnar_full.transfer_p95',
        'objects_over_columnar',
        'columnar_full_over_columnar',
      ]),
  },
  workloads: {
    describe:
      '500 SQL databases with 15-minute logs, 200 file shares, 5 MABS servers × 90 days (--quick: 50, 20, 1 × 14)',
    sized: false,
    run: async (o) => {
      const { benchWorkloads, FULL_SIZE, QUICK_SIZE } = await import('./workloads.js');
      return benchWorkloads(o.quick ? QUICK_SIZE : FULL_SIZE);
    },
    figures: () =>
      prefixed('workloads', [
        'items',
        'days',
        'log_backups',
        'wall',
        'cpu',
        'events',
        'events_per_s',
        'cpu_per_item_day',
        'wall_per_item_day',
        'peak_rss',
        `fingerprint.${HASH}`,
      ]),
  },
  sweep: {
    describe: 'vaultsim sweep of 500 VMs × 30 days, 200 replications, 1 vs 2 workers (--quick: 50 × 7, 20)',
    sized: false,
    run: async (o) => {
      const { benchSweep } = await import('./sweep.js');
      return o.quick ? benchSweep(50, 7, 20, o.cli) : benchSweep(500, 30, 200, o.cli);
    },
    figures: () =>
      prefixed('sweep', [
        'vms',
        'days',
        'replications',
        'wall.workers_1',
        'wall.workers_2',
        'wall.two_processes',
        'cpu.workers_1',
        'cpu.workers_2',
        'load_before.workers_1',
        'load_before.workers_2',
        'identical_output',
        `aggregate.${HASH}`,
        'speedup_2_workers',
        'parallel_efficiency',
        'hardware_bound',
        'share_of_bound',
        'cores_used_2_workers',
        'cpu_ratio_2_vs_1',
      ]),
  },
};

/** Whether `name` is a figure a declared name stands for (`<hash>`: any one dot-free part). */
export function declaresFigure(declared: string, name: string): boolean {
  if (!declared.includes(HASH)) return declared === name;
  const parts = declared.split(HASH).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('[^.]+')}$`).test(name);
}
