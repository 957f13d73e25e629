// vaultsim's library API: what the CLI, the benches and users call.
// scenario text → loadScenario (scenarios/) → simulate (models/ on engine/) → report (reports/)
// Everything a command composes is here: the summary, table, Markdown, HTML and images of
// `run`, the comparison of `compare`, the parts and aggregate of `sweep` and `merge`, the
// JUnit verdicts, and the series notation of `test-alerts` (issue 16).

import { registerAllSubsystems } from './models/all-subsystems.js';
import { registerAllSections } from './scenarios/all-parts.js';

export * from './engine/distributions.js';
export { EventQueue } from './engine/event-queue.js';
export {
  Link,
  type LinkOptions,
  type StartOptions,
  type Transfer,
  type TransferDone,
} from './engine/link.js';
export { type Granted, type Lease, Pool, type PoolOptions, type Request } from './engine/pool.js';
export { createStreams, deriveSeed, type RandomStream, type Seed, type Streams } from './engine/random.js';
export { Series, type SeriesKind, type SeriesOptions } from './engine/series.js';
export { type EventId, type Handler, Simulation, type SimulationOptions } from './engine/simulation.js';
export * from './engine/units.js';
export type { BackupReportsResult, ReportView } from './models/backup-reports/types.js';
export type { Inspection } from './models/inspect.js';
// Issue 19: KQL over the diagnostic tables, and the tables themselves.
export {
  type KqlProblem,
  type Plan,
  prepareQuery,
  type QueryResult,
  readAlertQuery,
  runPlan,
} from './models/kql/index.js';
export type { LogSink } from './models/logs/diagnostics.js';
export type { LogRow } from './models/logs/rows.js';
export { LOG_TABLES, type LogTable, TABLE_SCHEMA } from './models/logs/tables.js';
export type { HeldView } from './models/results/held.js';
export type { RunResult } from './models/results/types.js';
export type { Scenario } from './models/scenario/types.js';
export { type SimulateOptions, simulate } from './models/simulate.js';
export {
  aggregate,
  type PassRate,
  passRates,
  renderAggregate,
  type SweepAggregate,
} from './reports/aggregate.js';
export { alertsCsv } from './reports/alerts-csv.js';
export { buildCharts, type Chart } from './reports/charts/index.js';
export { type Comparison, compareRuns, renderComparison } from './reports/compare.js';
export { timeseriesCsv } from './reports/csv.js';
export { type AlertExplanation, explainAlert } from './reports/explain-alert.js';
export { type CostExplanation, type CostFilter, explainCost } from './reports/explain-cost.js';
export { explainPoints, type PointsExplanation } from './reports/explain-points.js';
export { explainRpo, type RpoExplanation } from './reports/explain-rpo.js';
export { explainRto, type RtoExplanation } from './reports/explain-rto.js';
export { type Figure, figuresOf } from './reports/figures.js';
export { costsCsv } from './reports/focus-csv.js';
export { type EmbedLibraries, loadEmbedLibraries, renderHtml } from './reports/html.js';
export { type JunitCase, type JunitSuite, junitXml } from './reports/junit.js';
export { renderMarkdown } from './reports/markdown.js';
export { aggregateSuites, passRateSuites } from './reports/rate-verdicts.js';
export { chartSvg, type ImageFile, type ImageFormat, renderImages, svgToPng } from './reports/render.js';
export { type RunTable, tabulate } from './reports/run-table.js';
export { backupReportTables } from './reports/sections-backup-reports.js';
export { buildSummary, type Summary } from './reports/summary.js';
export {
  buildPart,
  mergeParts,
  PartBuilder,
  type PartRun,
  parsePart,
  type Replication,
  type SweepPart,
} from './reports/sweep-part.js';
export { renderTable } from './reports/table.js';
export { failedObjectives, objectiveSuites } from './reports/verdicts.js';
export { type AlertCasesResult, loadAlertCasesFile, loadAlertCasesText } from './scenarios/alert-cases.js';
export { type Issue, renderIssue } from './scenarios/issues.js';
export { type LoadResult, loadScenarioFile, loadScenarioText } from './scenarios/load.js';
export { MAX_SAMPLES, parseSeries, type SeriesSample, STALE } from './scenarios/series-notation.js';

// The library loads every optional part up front, so loadScenarioText, loadScenarioFile and
// simulate() need no loading step; a CLI command loads only what its scenario uses (issue 16).
registerAllSections();
registerAllSubsystems();
