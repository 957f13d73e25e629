// The bench suites `vaultsim bench` runs, by name: each runs at full size or, with --quick,
// at a size CI can afford, and returns its figures (every figure's name starts with the
// suite's, so a threshold names its suite: `startup.validate_ratio` is the startup suite's).
// A suite's module is imported when it runs, so listing the suites (--help) loads none.

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
}

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
  },
  kernel: {
    describe: 'the hold model through the kernel vs bare and published heaps (--quick: N up to 10,000)',
    sized: false,
    run: async (o) => {
      const { benchKernel } = await import('./kernel.js');
      return benchKernel(
        o.quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000],
        o.quick ? 200_000 : 2_000_000,
      );
    },
  },
  fleet: {
    describe:
      '10,000 VMs × 365 days, daily GFS backups to 10 vaults (--quick: 500 × 30; --vms, --days; --rounds: medians of several)',
    sized: true,
    run: async (o) => {
      const { benchFleet } = await import('./fleet.js');
      return benchFleet(o.vms ?? (o.quick ? 500 : 10_000), o.days ?? (o.quick ? 30 : 365), o.rounds);
    },
  },
  dr: {
    describe: '2,000 replicated VMs × 30 days, a region outage, one 10-group plan (--quick: 200 × 10)',
    sized: false,
    run: async (o) => {
      const { benchDr } = await import('./dr.js');
      return benchDr(o.quick ? 200 : 2_000, o.quick ? 10 : 30);
    },
  },
  layout: {
    describe:
      "the fleet suite's core work as a sketch, columnar vs an object per VM, and columnar with the model's reported features (--quick: 500 × 30)",
    sized: true,
    run: async (o) => {
      const { benchLayout } = await import('./layout.js');
      return benchLayout(o.vms ?? (o.quick ? 500 : 10_000), o.days ?? (o.quick ? 30 : 365));
    },
  },
  workloads: {
    describe:
      '500 SQL databases with 15-minute logs, 200 file shares, 5 MABS servers × 90 days (--quick: 50, 20, 1 × 14)',
    sized: false,
    run: async (o) => {
      const { benchWorkloads, FULL_SIZE, QUICK_SIZE } = await import('./workloads.js');
      return benchWorkloads(o.quick ? QUICK_SIZE : FULL_SIZE);
    },
  },
  sweep: {
    describe: 'vaultsim sweep of 500 VMs × 30 days, 200 replications, 1 vs 2 workers (--quick: 50 × 7, 20)',
    sized: false,
    run: async (o) => {
      const { benchSweep } = await import('./sweep.js');
      return o.quick ? benchSweep(50, 7, 20, o.cli) : benchSweep(500, 30, 200, o.cli);
    },
  },
};
