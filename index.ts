// vaultsim's library API: what the CLI, the benches and users call.
// scenario text → loadScenario (scenarios/) → simulate (models/ on engine/) → report (reports/)

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
export { type EventId, type Handler, Simulation, type SimulationOptions } from './engine/simulation.js';
export * from './engine/units.js';
export type { RunResult } from './models/results/types.js';
export type { Scenario } from './models/scenario/types.js';
export { type SimulateOptions, simulate } from './models/simulate.js';
export { buildCharts, type Chart } from './reports/charts/index.js';
export { type CostExplanation, type CostFilter, explainCost } from './reports/explain-cost.js';
export { costsCsv } from './reports/focus-csv.js';
export { type Issue, renderIssue } from './scenarios/issues.js';
export { type LoadResult, loadScenarioFile, loadScenarioText } from './scenarios/load.js';
