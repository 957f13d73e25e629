// The vaultsim command line: commander parses, each command reads, plans purely, then
// writes, and one catch at the edge turns named errors into exit codes (cli/errors.ts).
//
//   argv ─▶ commander ─▶ command (read → plan → write) ─▶ exit code
//                 └──── any throw ─▶ reportError ─▶ 2 bad input · 3 internal

import { Command, InvalidArgumentError, Option } from 'commander';
// Commands are imported when they run (`await import(...)` in each action), so a command
// loads only what it needs: `--version` and `validate` never load the simulator, the
// reports, the chart libraries or the benches (issue 16).
import { COST_DIMENSIONS, METERS } from '../models/pricing/types.js';
import type { BenchOptions } from './commands/bench.js';
import type { CompareOptions } from './commands/compare.js';
import type { ExplainCostOptions, ExplainRunOptions, ExplainVmOptions } from './commands/explain.js';
import type { MergeOptions } from './commands/merge.js';
import type { QueryOptions } from './commands/query.js';
import type { ReportOptions } from './commands/report.js';
import type { RunOptions } from './commands/run.js';
import type { SweepOptions } from './commands/sweep.js';
import type { TestAlertsOptions } from './commands/test-alerts.js';
import { EXIT, reportError } from './errors.js';
import {
  parseCompareFormat,
  parseCostBy,
  parseFormat,
  parseMaxWork,
  parseRate,
  parseReportFormats,
  parseShard,
} from './options.js';
import { packageInfo } from './package-info.js';

/** Where the CLI writes and which directory relative paths start from. */
export interface CliIo {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
}

/** Runs vaultsim with user arguments (no `node` or script path); resolves to the exit code, never rejects. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => {
    code = c;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io.stderr);
  }
}

/** Builds the commander program; each action reports its exit code through `exit`. */
export function buildProgram(io: CliIo, exit: (code: number) => void): Command {
  const out = (text: string) => io.stdout.write(text);
  const program = new Command('vaultsim')
    .description('Deterministic discrete-event simulator and capacity planner for Azure backup and DR.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    // Commands created below inherit these: throw instead of process.exit, write to io.
    .exitOverride()
    .configureOutput({ writeOut: out, writeErr: (text) => io.stderr.write(text) })
    .showSuggestionAfterError(true)
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  vaultsim init                      write scenario.yaml from the default template',
        '  vaultsim validate scenario.yaml    check it; problems print as file:line:column',
        '  vaultsim run scenario.yaml         simulate it; summary here, files in vaultsim-out/',
        '  vaultsim schema > scenario.schema.json',
        '',
        'Exit codes: 0 ok, 1 an objective failed, 2 bad input or usage, 3 internal error,',
        '4 a bench threshold crossed (vaultsim bench).',
      ].join('\n'),
    );

  program
    .command('validate')
    .description('check scenario files; prints one line per problem as file:line:column path: message')
    .argument('<file...>', 'scenario YAML files')
    .option('--json', 'print { files: [{ file, ok, scenarios, issues }] } as JSON')
    .option('--strict', 'treat warnings (things the scenario names that would never act) as errors: exit 2')
    .action(async (files: string[], opts: { json?: boolean; strict?: boolean }) => {
      const { renderValidate, validateExitCode, validateFiles } = await import('./commands/validate.js');
      const report = await validateFiles(files, io.cwd, opts.strict === true);
      out(opts.json === true ? `${JSON.stringify(report, null, 2)}\n` : renderValidate(report));
      exit(validateExitCode(report));
    });

  program
    .command('run')
    .description('simulate a scenario (the base and every variant) and print a summary table')
    .argument('<file>', 'scenario YAML file')
    .option('--seed <n>', "override the scenario's seed in every run", integer('--seed', 0, 4_294_967_295))
    .option('-o, --out <dir>', 'write summary.json, timeseries.csv and costs.csv here', 'vaultsim-out')
    .option('--no-out', 'write no files, only print')
    .option(
      '-f, --force',
      'replace files in --out that no earlier vaultsim run wrote (see its .vaultsim-manifest.json)',
    )
    .addOption(maxWork())
    .option('--json', 'print the summary object (as in summary.json) instead of the table')
    .option('--trace', 'also write every model event to events.jsonl in the output directory')
    .option('--variant <name...>', 'run only these: base or variant names (put FILE first)')
    .option('--junit <path>', 'write JUnit XML: one test case per objective per scope (for CI)')
    .option(
      '--format <formats>',
      'also write reports into --out: html (one offline file with charts), md, svg, png, logs (the Log Analytics tables as JSON Lines and CSV) (comma-separated)',
      parseReportFormats,
    )
    .option('-q, --quiet', 'no progress bar (it shows only on a terminal, for runs over a second)')
    .option('--strict', 'treat warnings (things the scenario names that would never act) as errors: exit 2')
    .addOption(
      costBy(
        `also print the cost split by this dimension (${COST_DIMENSIONS.join(', ')}, or tag:<key> for a fleet tag's values; items: the 20 largest); stacks the HTML cost chart by it`,
      ),
    )
    .action(async (file: string, opts: RunOptions) => {
      const { runScenarioFile } = await import('./commands/run.js');
      exit((await runScenarioFile(file, opts, io, packageVersion())).code);
    });

  program
    .command('compare')
    .description('run the base and every variant with the same random numbers; print them side by side')
    .argument('<file>', 'scenario YAML file')
    .option(
      '-n, --replications <n>',
      'replications; with more than 1, paired differences get a 95% CI',
      integer('--replications', 1, 1_000_000),
      1,
    )
    .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
    .option('-w, --workers <k>', 'worker threads (default: one per core)', integer('--workers', 1, 1024))
    .option('--variant <name...>', 'compare only these: base or variant names (put FILE first)')
    .option(
      '--format <format>',
      'text, md (Markdown table), or html (also report.html in --out: the variants on the same charts)',
      parseCompareFormat,
      'text',
    )
    .option('-o, --out <dir>', 'directory for report.html with --format html', 'vaultsim-out')
    .option(
      '-f, --force',
      'replace files in --out that no earlier vaultsim run wrote (see its .vaultsim-manifest.json)',
    )
    .addOption(maxWork())
    .option('--json', 'print the comparison object instead of the table')
    .option('--junit <path>', 'write JUnit XML: one test case per objective per run (for CI)')
    .option('--strict', 'treat warnings (things the scenario names that would never act) as errors: exit 2')
    .action(async (file: string, opts: CompareOptions) => {
      const { compareScenarioFile } = await import('./commands/compare.js');
      exit((await compareScenarioFile(file, opts, io, packageVersion())).code);
    });

  program
    .command('sweep')
    .description(
      'Monte Carlo: N replications with derived seeds; distributions, CIs and objective pass rates',
    )
    .argument('<file>', 'scenario YAML file')
    .requiredOption('-n, --replications <n>', 'replications to run', integer('--replications', 1, 10_000_000))
    .option(
      '-w, --workers <k>',
      'worker threads (default: one per core); the output does not depend on it',
      integer('--workers', 1, 1024),
    )
    .option(
      '--shard <i/n>',
      'run only shard i of n (contiguous replications) and write a part file to --out',
      parseShard,
    )
    .option('-o, --out <file>', 'write the part (with --shard) or the aggregate JSON here')
    .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
    .option('--variant <name...>', 'sweep only these: base or variant names (put FILE first)')
    .addOption(maxWork())
    .addOption(minPassRate())
    .addOption(aggregateFormat())
    .option(
      '--junit <path>',
      'write JUnit XML: one test case per objective per run, failed below --min-pass-rate',
    )
    .option('--json', 'print the aggregate object instead of the table')
    .option('--strict', 'treat warnings (things the scenario names that would never act) as errors: exit 2')
    .action(async (file: string, opts: SweepOptions) => {
      const { sweepScenarioFile } = await import('./commands/sweep.js');
      exit((await sweepScenarioFile(file, opts, io, packageVersion())).code);
    });

  program
    .command('merge')
    .description(
      'merge sweep parts (sweep --shard i/n --out part.json) into the aggregate of the whole sweep',
    )
    .argument('<part...>', 'part files, one per shard, in any order')
    .option('-o, --out <file>', 'also write the aggregate JSON here')
    .addOption(minPassRate())
    .addOption(aggregateFormat())
    .option(
      '--junit <path>',
      'write JUnit XML: one test case per objective per run, failed below --min-pass-rate',
    )
    .option('--json', 'print the aggregate object instead of the table')
    .action(async (parts: string[], opts: MergeOptions) => {
      const { mergePartFiles } = await import('./commands/merge.js');
      exit(mergePartFiles(parts, opts, io).code);
    });

  // test-alerts (issue 6): alert rules against cases of input series.
  program
    .command('test-alerts')
    .description('check alert rules against cases of input series and expected firings (exit 1 on a failure)')
    .argument('<file...>', 'alert test case YAML files')
    .option('--junit <path>', 'write JUnit XML: one test case per alert case (for CI)')
    .action(async (files: string[], opts: TestAlertsOptions) => {
      const { testAlertFiles } = await import('./commands/test-alerts.js');
      exit(testAlertFiles(files, opts, io).code);
    });

  // issue 19: KQL over a run's Log Analytics tables, and Azure's Backup Reports views.
  program
    .command('query')
    .description("run a KQL query over a run's Log Analytics tables and print the answer as a table")
    .argument('<file>', 'scenario YAML file, or a folder written by run --format logs')
    .argument('<kql>', "the query, like 'AddonAzureBackupJobs | summarize count() by JobStatus'")
    .option('--variant <name>', 'query this run: base (the default) or a variant name')
    .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
    .option('--json', 'print the rows as a JSON array of objects')
    .option('--csv', 'print the rows as CSV')
    .action(async (file: string, kql: string, opts: QueryOptions) => {
      const { queryFile } = await import('./commands/query.js');
      exit((await queryFile(file, kql, opts, io)).code);
    });

  program
    .command('report')
    .description(
      "Azure's Backup Reports for a run: summary, items, usage, jobs, policies, optimize, adherence",
    )
    .argument('<file>', 'scenario YAML file')
    .option('--view <views>', 'which views, comma-separated (default: all)')
    .option(
      '--range <days>',
      'time range: the last N completed days, like 7d or 30d (default: the scenario’s, else all the workspace keeps)',
    )
    .option('--top <n>', 'longest list per table (default 20)', integer('--top', 1, 1_000_000))
    .option('--variant <name>', 'report on this run: base (the default) or a variant name')
    .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
    .option('--json', 'print the views as JSON')
    .action(async (file: string, opts: ReportOptions) => {
      const { reportFile } = await import('./commands/report.js');
      exit((await reportFile(file, opts, io)).code);
    });

  // explain (issues 13, 15): the reasons behind a figure or a verdict of a run.
  const explain = program
    .command('explain')
    .description(
      'show the reasons behind a figure or a verdict of a run (topics: cost, rpo, rto, points, alert)',
    );
  explain
    .command('cost')
    .description(
      'run a scenario and print the cost lines behind a figure: meter, quantity, unit price, its source, the rule',
    )
    .argument('<file>', 'scenario YAML file')
    .option('--vault <name>', 'only the lines of this vault')
    .option('--month <YYYY-MM>', 'only the lines of this calendar month (UTC)')
    .option('--item <id>', 'only the lines of this protected item (VM or server)')
    .addOption(new Option('--meter <meter>', 'only the lines of this meter').choices(METERS))
    .option('--variant <name>', 'explain this run: base (the default) or a variant name')
    .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
    .option('--json', 'print { scenario, variant, seed, currency, filter, lines, total, runTotal } as JSON')
    .action(async (file: string, opts: ExplainCostOptions) => {
      const { explainCostFile } = await import('./commands/explain.js');
      exit((await explainCostFile(file, opts, io)).code);
    });
  // The topics of issue 15, each a run of the scenario watching what it needs.
  const topic = (name: string, description: string, json: string) =>
    explain
      .command(name)
      .description(description)
      .argument('<file>', 'scenario YAML file')
      .option('--variant <name>', 'explain this run: base (the default) or a variant name')
      .option('--seed <n>', "override the scenario's seed", integer('--seed', 0, 4_294_967_295))
      .option('--json', `print ${json} as JSON`);
  topic(
    'rpo',
    "a VM's worst data-loss window by the schedule (the points that bound it, why none between was usable) and each incident's loss",
    '{ vm, worstSeconds, guaranteed, incidents }',
  )
    .requiredOption('--vm <id>', 'the VM')
    .action(async (file: string, opts: ExplainVmOptions) => {
      const { explainRpoFile } = await import('./commands/explain.js');
      exit((await explainRpoFile(file, opts, io)).code);
    });
  topic(
    'rto',
    "the phases of a VM's recovery in an incident and what each waited for",
    '{ vm, incident, phases, guaranteed }',
  )
    .requiredOption('--vm <id>', 'the VM')
    .option('--incident <id>', "the incident, like region-outage-1 (default: the VM's longest recovery)")
    .action(async (file: string, opts: ExplainVmOptions) => {
      const { explainRtoFile } = await import('./commands/explain.js');
      exit((await explainRtoFile(file, opts, io)).code);
    });
  topic(
    'points',
    'each recovery point a VM holds, the tiers keeping it and until when, its snapshots and Site Recovery points',
    '{ held: { backup, replication } }',
  )
    .requiredOption('--vm <id>', 'the VM')
    .option(
      '--at <instant>',
      'when: 2026-03-01T12:00:00Z, or a duration from the start like 200d (default: the end)',
    )
    .action(async (file: string, opts: ExplainVmOptions) => {
      const { explainPointsFile } = await import('./commands/explain.js');
      exit((await explainPointsFile(file, opts, io)).code);
    });
  topic(
    'alert',
    'the evaluations that fired or resolved an alert rule and the samples each saw',
    '{ rule, firings, evaluations }',
  )
    .argument('<rule>', 'the alert rule (or built-in alert) name')
    .action(async (file: string, rule: string, opts: ExplainRunOptions) => {
      const { explainAlertFile } = await import('./commands/explain.js');
      exit((await explainAlertFile(file, rule, opts, io)).code);
    });

  program
    .command('schema')
    .description('print the scenario JSON Schema (for editor autocompletion)')
    .action(async () => {
      const { schemaText } = await import('./commands/schema.js');
      out(schemaText());
    });

  program
    .command('init')
    .description('write a commented starter scenario')
    .argument('[file]', 'where to write it', 'scenario.yaml')
    .option('-t, --template <name>', 'which template (see --list)')
    .option('-l, --list', 'list the templates')
    .option('-f, --force', 'overwrite an existing file')
    .action(async (file: string, opts: { template?: string; list?: boolean; force?: boolean }) => {
      const { planInit, renderTemplateList, writeInit } = await import('./commands/init.js');
      if (opts.list === true || opts.template === 'list') {
        out(renderTemplateList());
        return;
      }
      out(writeInit(planInit(file, io.cwd, opts)));
    });

  // bench (issue 16): the benchmark suites, from the built code, with CI thresholds.
  program
    .command('bench')
    .description('run benchmark suites and print their figures; judge them with --threshold and --baseline')
    .argument('[suite...]', 'suites to run (default: all; vaultsim bench --help lists them)')
    .option('--quick', 'every suite at a size CI can afford')
    .option('--json', 'print one JSON object per suite (figures, confirmation run, threshold verdicts)')
    .option(
      '--threshold <figure<number>',
      "fail (exit 4) when a figure is on the wrong side, e.g. 'startup.validate_ratio<4' (repeatable; <, <=, >, >=); a crossing is confirmed by running the suite again",
      collect,
    )
    .option('--baseline <file>', 'exit 1 when events or fingerprints differ from this baseline')
    .option('--write-baseline <file>', 'record the deterministic figures of this run as a baseline')
    .option(
      '--junit <path>',
      'write JUnit XML: one test case per threshold and per suite compared with the baseline',
    )
    .option('--vms <n>', 'fleet and layout suites: this many VMs', integer('--vms', 1, 10_000_000))
    .option('--days <d>', 'fleet and layout suites: this many days', integer('--days', 1, 36_500))
    .option(
      '--rounds <n>',
      'fleet suite: run the model and the sketches this many times in turn and report medians (a noisy machine)',
      integer('--rounds', 1, 100),
    )
    .option(
      '--cli <path>',
      "startup and sweep suites: start this built vaultsim (dist/cli/main.js) instead of this one's",
    )
    .action(async (suites: string[], opts: BenchArguments) => {
      const { parseThresholds, runBench } = await import('./commands/bench.js');
      const thresholds = parseThresholds(opts.threshold ?? []);
      exit((await runBench(suites, { ...opts, threshold: thresholds }, io)).code);
    });
  // The suites live in bench/, which no other command loads: their list joins the bench
  // command's help only when bench is the command being run (`vaultsim bench --help`).
  program.hook('preSubcommand', async (_program, command) => {
    if (command.name() !== 'bench') return;
    const { SUITES } = await import('../bench/suites.js');
    command.addHelpText(
      'after',
      [
        '',
        'Suites:',
        ...Object.entries(SUITES).map(([name, suite]) => `  ${name.padEnd(8)} ${suite.describe}`),
        '',
        'Exit codes: 0 ok, 1 the baseline differs, 2 bad input, 4 a threshold crossed (twice).',
      ].join('\n'),
    );
  });

  program
    .command('demo')
    .description('run a small kernel demo: machines sharing one link for nightly backups')
    .option('--vms <n>', 'machines', integer('--vms', 1, 10_000), 20)
    .option('--days <d>', 'nights to simulate', integer('--days', 1, 3650), 7)
    .option('--seed <s>', 'seed of the random streams', integer('--seed', 0, 4_294_967_295), 1)
    .option('--json', 'print the figures as JSON')
    .action(async (opts: { vms: number; days: number; seed: number; json?: boolean }) => {
      const { renderDemo, runDemo } = await import('./commands/demo.js');
      const result = runDemo({ vms: opts.vms, days: opts.days, seed: opts.seed });
      out(opts.json === true ? `${JSON.stringify(result, null, 2)}\n` : renderDemo(result));
    });

  return program;
}

// Options sweep and merge share: their verdict threshold and table format.
const minPassRate = () =>
  new Option('--min-pass-rate <r>', 'exit 1 when an objective passes in fewer replications (0-1 or %)')
    .argParser(parseRate)
    .default(1);
const aggregateFormat = () =>
  new Option('--format <format>', 'text or md').argParser(parseFormat).default('text');

// --max-work of run, compare and sweep: the work budget (cli/budget.ts).
const maxWork = () =>
  new Option(
    '--max-work <n>',
    'refuse (exit 2) work estimated above n events (default 1e9, about 1½ hours of one core); off: no budget or memory check',
  ).argParser(parseMaxWork);

// --cost-by of run: a cost dimension or tag:<key> (cli/options.ts parseCostBy).
const costBy = (description: string) =>
  new Option('--cost-by <dimension>', description).argParser(parseCostBy);

// A repeatable option's values, in order (--threshold: bench parses them, cli/commands/bench.ts).
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

// bench's options as commander parses them: the thresholds still text.
type BenchArguments = Omit<BenchOptions, 'threshold'> & { threshold?: string[] };

/** An option parser accepting a whole number in [min, max]; commander reports a rejection. */
function integer(option: string, min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
      throw new InvalidArgumentError(`${option} takes a whole number from ${min} to ${max}.`);
    }
    return n;
  };
}

/** The version in vaultsim's package.json (src or dist/). */
function packageVersion(): string {
  return packageInfo()?.version ?? '0.0.0-unknown';
}
