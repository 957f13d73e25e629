// `vaultsim bench [SUITE...]`: run bench suites from the built code (no rebuild), print
// their figures, and judge them as CI asks.
//
//   1. plan     suites by name (all when none), thresholds parsed and matched to their suite
//               and to the figures it declares (bench/suites.ts), the baseline read and its
//               shape checked; any mistake is bad input (exit 2) before anything runs
//   2. run      each suite; a threshold it crosses is confirmed by running that suite once
//               more (a noisy runner must not fail a build on one slow sample): it fails
//               only when both runs cross it; a threshold naming a figure the suite does not
//               print is bad input, never a silent pass (checked again after the run, for a
//               suite that declares no figures)
//   3. judge    deterministic figures against --baseline (events, fingerprints)
//   4. write    tables or JSON lines on stdout, --write-baseline, --junit
//
// Exit codes: 0; 1 when a deterministic figure differs from the baseline; 4 when a threshold
// is crossed in the run and in its confirmation; 2 for bad input.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Baseline, compareToBaseline, deterministicFigures } from '../../bench/baseline.js';
import type { BenchResult } from '../../bench/measure.js';
import {
  declaresFigure,
  SUITES,
  type Suite,
  type SuiteFigures,
  type SuiteOptions,
} from '../../bench/suites.js';
import { figureValue, meets, parseThreshold, type Threshold } from '../../bench/thresholds.js';
import { type JunitSuite, junitXml } from '../../reports/junit.js';
import { closest } from '../../scenarios/suggest.js';
import { EXIT, InputError } from '../errors.js';
import { writeOutput } from '../output.js';

/** The options of `vaultsim bench`, as commander parses them. */
export interface BenchOptions {
  quick?: boolean;
  json?: boolean;
  baseline?: string;
  writeBaseline?: string;
  threshold?: Threshold[];
  junit?: string;
  vms?: number;
  days?: number;
  cli?: string;
  rounds?: number;
}

/** Where bench prints and which directory relative paths start from. */
export interface BenchIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** How one threshold fared: its value in the run, and in the confirmation run when there was one. */
export interface ThresholdVerdict {
  threshold: string;
  suite: string;
  values: number[];
  pass: boolean;
}

/** What one suite printed (the `--json` line): its figures, a confirmation run's, and its verdicts. */
export interface SuiteReport extends SuiteFigures {
  suite: string;
  node: string;
  confirmation?: SuiteFigures;
  thresholds: ThresholdVerdict[];
  baseline?: string[];
}

/** Parses the --threshold texts, in order; a malformed one is bad input (InputError, exit 2). */
export function parseThresholds(texts: readonly string[]): Threshold[] {
  return texts.map((text) => {
    const parsed = parseThreshold(text);
    if (typeof parsed === 'string') throw new InputError(parsed);
    return parsed;
  });
}

/** Runs `vaultsim bench`; `suites` is the registry (tests pass small ones). Throws InputError for bad input. */
export async function runBench(
  names: readonly string[],
  opts: BenchOptions,
  io: BenchIo,
  suites: Readonly<Record<string, Suite>> = SUITES,
): Promise<{ code: number; reports: SuiteReport[] }> {
  // 1. plan
  const known = Object.keys(suites);
  for (const name of names)
    if (!(name in suites)) {
      const near = closest(name, known);
      throw new InputError(
        `unknown bench suite "${name}"${near === null ? '' : ` (did you mean "${near}"?)`}; suites: ${known.join(', ')}.`,
      );
    }
  const selected = names.length > 0 ? [...new Set(names)] : known;
  const thresholds = opts.threshold ?? [];
  for (const t of thresholds)
    if (!selected.includes(t.suite))
      throw new InputError(
        t.suite in suites
          ? `--threshold ${t.text} judges the ${t.suite} suite, which this run does not include; add ${t.suite}.`
          : `--threshold ${t.text}: no bench suite "${t.suite}" (suites: ${known.join(', ')}).`,
      );
  // A setting that would change nothing is an error, never silently accepted.
  if (opts.rounds !== undefined && !selected.includes('fleet'))
    throw new InputError(
      '--rounds sets how often the fleet suite runs, and this run does not include it; add fleet.',
    );
  const options: SuiteOptions = {
    quick: opts.quick === true,
    vms: opts.vms ?? null,
    days: opts.days ?? null,
    cli: opts.cli === undefined ? null : resolve(io.cwd, opts.cli),
    rounds: opts.rounds ?? 1,
  };
  // A figure the suite's declaration does not name is one it will not print: refused now,
  // not after a run of the whole suite.
  for (const t of thresholds) {
    const declared = suites[t.suite].figures?.(options);
    if (declared !== undefined && !declared.some((d) => declaresFigure(d, t.figure)))
      throw noSuchFigure(t, declared);
  }
  const baseline = opts.baseline === undefined ? null : readBaseline(opts.baseline, io.cwd);

  const reports: SuiteReport[] = [];
  const recorded: Baseline = {};
  let differences = 0;
  for (const name of selected) {
    // 2. run
    const suite = suites[name];
    const report: SuiteReport = {
      suite: name,
      node: process.version,
      ...(await suite.run(options)),
      thresholds: [],
    };
    const own = thresholds.filter((t) => t.suite === name);
    const first = own.map((t) => ({ t, value: printedValue(t, report) }));
    if (first.some((x) => !meets(x.t, x.value))) {
      for (const x of first.filter((y) => !meets(y.t, y.value)))
        io.stderr.write(
          `bench: ${x.t.figure} = ${x.value}, not ${x.t.op} ${x.t.limit}; running ${name} again to confirm\n`,
        );
      report.confirmation = await suite.run(options);
    }
    for (const { t, value } of first) {
      const again = report.confirmation === undefined ? null : figureValue(t, all(report.confirmation));
      const values = again === null ? [value] : [value, again];
      report.thresholds.push({
        threshold: t.text,
        suite: name,
        values,
        pass: values.some((v) => meets(t, v)),
      });
    }
    // 3. judge
    const figures = deterministicFigures(report.results);
    const resized = suite.sized && (options.vms !== null || options.days !== null);
    const key = `${name}${options.quick ? '.quick' : ''}${resized ? `.${options.vms ?? 'default'}x${options.days ?? 'default'}` : ''}`;
    recorded[key] = figures;
    if (baseline !== null) {
      report.baseline = compareToBaseline(key, figures, baseline);
      differences += report.baseline.length;
    }
    // 4. write (this suite)
    io.stdout.write(opts.json === true ? `${JSON.stringify(report)}\n` : renderReport(report));
    for (const d of report.baseline ?? []) io.stderr.write(`bench: ${d}\n`);
    reports.push(report);
  }

  // 4. write (the run)
  if (opts.writeBaseline !== undefined)
    writeOutput(
      io.cwd,
      '--write-baseline',
      opts.writeBaseline,
      `${JSON.stringify(recorded, null, 2)}\n`,
      io.stderr,
    );
  if (opts.junit !== undefined)
    writeOutput(io.cwd, '--junit', opts.junit, junitXml(benchSuites(reports, baseline !== null)), io.stderr);
  const crossed = reports.flatMap((r) => r.thresholds).filter((v) => !v.pass);
  for (const v of crossed)
    io.stderr.write(`bench: threshold crossed: ${v.threshold} (${v.values.join(', then ')})\n`);
  const code = differences > 0 ? EXIT.objectiveFailed : crossed.length > 0 ? EXIT.thresholdCrossed : EXIT.ok;
  return { code, reports };
}

const all = (f: SuiteFigures): BenchResult[] => [...f.results, ...f.ratios];

// A threshold's figure in the first run; naming one the suite does not print is bad input.
function printedValue(t: Threshold, report: SuiteReport): number {
  const value = figureValue(t, all(report));
  if (value !== null) return value;
  throw noSuchFigure(
    t,
    all(report).map((f) => f.name),
  );
}

// The bad-input error for a threshold on a figure its suite does not print, with those it does
// (`<hash>` standing for a part known only after a run).
function noSuchFigure(t: Threshold, names: readonly string[]): InputError {
  const near = closest(t.figure, names);
  return new InputError(
    `--threshold ${t.text}: the ${t.suite} suite prints no figure ${t.figure}` +
      `${near === null ? '' : ` (did you mean ${near}?)`}; it prints: ${names.join(', ')}.`,
  );
}

const BASELINE_SHAPE =
  'a JSON object of suites, each an object of figures and numbers, like {"fleet.quick": {"fleet.events": 30090}}, as --write-baseline writes';

function readBaseline(file: string, cwd: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new InputError(`cannot read --baseline ${file}: ${e.code ?? e.message}.`);
  }
  const wrong = baselineShapeError(data);
  if (wrong !== null)
    throw new InputError(`--baseline ${file} is not a bench baseline: ${wrong}; expected ${BASELINE_SHAPE}.`);
  return data as Baseline;
}

// What is wrong with a parsed baseline's shape (the first thing found), or null when it is one.
function baselineShapeError(data: unknown): string | null {
  if (!isObject(data)) return `it holds ${kindOf(data)}`;
  for (const [key, figures] of Object.entries(data)) {
    if (!isObject(figures)) return `"${key}" is ${kindOf(figures)}, not an object of figures`;
    for (const [name, value] of Object.entries(figures))
      if (typeof value !== 'number' || !Number.isFinite(value))
        return `"${key}"."${name}" is ${kindOf(value)}, not a number`;
  }
  return null;
}

const isObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

const kindOf = (x: unknown): string =>
  x === null
    ? 'null'
    : Array.isArray(x)
      ? 'an array'
      : typeof x === 'object'
        ? 'an object'
        : typeof x === 'number'
          ? `the number ${x}`
          : typeof x === 'string'
            ? `the string ${JSON.stringify(x.length > 40 ? `${x.slice(0, 40)}…` : x)}`
            : `a ${typeof x}`;

/** The text table of one suite: its figures, a confirmation run's, and its thresholds. */
export function renderReport(report: SuiteReport): string {
  const lines = [`bench ${report.suite} (node ${report.node})`];
  const rows = (f: SuiteFigures) =>
    all(f).map((r) => `  ${r.name.padEnd(44)} ${r.value.toLocaleString('en-US').padStart(14)} ${r.unit}`);
  lines.push(...rows(report));
  if (report.confirmation !== undefined) lines.push('confirmation run:', ...rows(report.confirmation));
  if (report.thresholds.length > 0) lines.push('thresholds:');
  for (const v of report.thresholds)
    lines.push(
      `  ${v.threshold.padEnd(44)} ${v.values.join(', then ').padStart(14)} ${v.pass ? 'ok' : 'CROSSED'}`,
    );
  return `${lines.join('\n')}\n`;
}

/** JUnit suites of a bench run: one case per threshold, and per suite compared with the baseline. */
export function benchSuites(reports: readonly SuiteReport[], withBaseline: boolean): JunitSuite[] {
  const out: JunitSuite[] = [
    {
      name: 'vaultsim bench thresholds',
      cases: reports.flatMap((r) =>
        r.thresholds.map((v) => ({
          name: v.threshold,
          classname: `vaultsim.bench.${v.suite}`,
          ...(v.pass
            ? {}
            : {
                failure: {
                  message: `${v.threshold} crossed: ${v.values.join(', then ')} (run, then confirmation run)`,
                  body: `The ${v.suite} suite printed ${v.values.join(' and ')}; both are on the wrong side of ${v.threshold}.`,
                },
              }),
        })),
      ),
    },
  ];
  if (withBaseline)
    out.push({
      name: 'vaultsim bench baseline',
      cases: reports.map((r) => ({
        name: `${r.suite}: events and fingerprints`,
        classname: `vaultsim.bench.${r.suite}`,
        ...((r.baseline ?? []).length === 0
          ? {}
          : {
              failure: {
                message: `${r.suite} differs from the baseline`,
                body: (r.baseline ?? []).join('\n'),
              },
            }),
      })),
    });
  return out;
}
