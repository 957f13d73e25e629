// `npm run bench -- <suite> [--json] [--quick] [--vms N] [--days D]`: runs a bench suite and
// prints its figures, as a table or (with --json) one JSON object on stdout. --vms and --days
// scale the fleet and layout suites (to see how the cost per VM-day grows with the fleet).

import { readFileSync, writeFileSync } from 'node:fs';
import { type Baseline, compareToBaseline, deterministicFigures } from './baseline.js';
import { benchDr } from './dr.js';
import { benchFleet } from './fleet.js';
import { benchKernel } from './kernel.js';
import { benchLayout } from './layout.js';
import type { BenchResult } from './measure.js';
import { benchSweep } from './sweep.js';

interface Report {
  suite: string;
  node: string;
  results: BenchResult[];
  ratios: BenchResult[];
}

/** The fleet suite's size when --vms / --days override it. */
interface Scale {
  vms: number | null;
  days: number | null;
}

const SUITES: Record<string, (quick: boolean, scale: Scale) => Omit<Report, 'node'>> = {
  dr: (quick) => ({ suite: 'dr', ...benchDr(quick ? 200 : 2_000, quick ? 10 : 30) }),
  fleet: (quick, scale) => ({
    suite: 'fleet',
    ...benchFleet(scale.vms ?? (quick ? 500 : 10_000), scale.days ?? (quick ? 30 : 365)),
  }),
  layout: (quick, scale) => ({
    suite: 'layout',
    ...benchLayout(scale.vms ?? (quick ? 500 : 10_000), scale.days ?? (quick ? 30 : 365)),
  }),
  kernel: (quick) => ({
    suite: 'kernel',
    ...benchKernel(quick ? [1_000, 10_000] : [1_000, 100_000, 1_000_000], quick ? 200_000 : 2_000_000),
  }),
  sweep: (quick) => ({ suite: 'sweep', ...(quick ? benchSweep(50, 7, 20) : benchSweep(500, 30, 200)) }),
};

function main(argv: string[]): number {
  const json = argv.includes('--json');
  const quick = argv.includes('--quick');
  // --baseline FILE: exit 1 when a deterministic figure differs; --write-baseline FILE: record them.
  const option = (flag: string): string | null => {
    const i = argv.indexOf(flag);
    return i >= 0 && i + 1 < argv.length ? argv[i + 1] : null;
  };
  const baselineFile = option('--baseline');
  const writeFile = option('--write-baseline');
  // A size flag's value, null when absent, undefined when not a whole number > 0.
  const count = (flag: string): number | null | undefined => {
    const text = option(flag);
    if (text === null) return argv.includes(flag) ? undefined : null;
    const n = Number(text);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const vms = count('--vms');
  const days = count('--days');
  if (vms === undefined || days === undefined) {
    process.stderr.write('--vms and --days take a whole number greater than 0\n');
    return 2;
  }
  const scale: Scale = { vms, days };
  const valued = ['--baseline', '--write-baseline', '--vms', '--days'];
  const names = argv.filter((a, i) => !a.startsWith('--') && !valued.includes(argv[i - 1]));
  const unknown = names.filter((n) => !(n in SUITES));
  if (unknown.length > 0) {
    process.stderr.write(
      `unknown bench suite ${unknown.join(', ')}; known: ${Object.keys(SUITES).join(', ')}\n`,
    );
    return 2;
  }
  const baseline: Baseline = baselineFile === null ? {} : JSON.parse(readFileSync(baselineFile, 'utf8'));
  const recorded: Baseline = {};
  const differences: string[] = [];
  for (const name of names.length > 0 ? names : Object.keys(SUITES)) {
    const report: Report = { node: process.version, ...SUITES[name](quick, scale) };
    if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
    else printTable(report);
    const figures = deterministicFigures(report.results);
    // A fleet run of another size is a baseline entry of its own.
    const resized = (name === 'fleet' || name === 'layout') && (vms !== null || days !== null);
    const key = `${name}${quick ? '.quick' : ''}${resized ? `.${vms ?? 'default'}x${days ?? 'default'}` : ''}`;
    recorded[key] = figures;
    if (baselineFile !== null) differences.push(...compareToBaseline(key, figures, baseline));
  }
  if (writeFile !== null) {
    writeFileSync(writeFile, `${JSON.stringify(recorded, null, 2)}\n`);
    process.stderr.write(`wrote ${writeFile}\n`);
  }
  for (const d of differences) process.stderr.write(`bench: ${d}\n`);
  return differences.length > 0 ? 1 : 0;
}

function printTable(report: Report): void {
  process.stdout.write(`bench ${report.suite} (node ${report.node})\n`);
  for (const r of [...report.results, ...report.ratios])
    process.stdout.write(
      `  ${r.name.padEnd(44)} ${r.value.toLocaleString('en-US').padStart(14)} ${r.unit}\n`,
    );
}

process.exitCode = main(process.argv.slice(2));
