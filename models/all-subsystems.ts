// Every optional subsystem of a run, imported eagerly: the library entry (index.ts)
// registers them, so simulate() needs no loading step there.

import * as dr from './dr/setup.js';
import * as logs from './logs/setup.js';
import * as monitor from './monitor/setup.js';
import * as operations from './operations/operations.js';
import * as restores from './restore/setup.js';
import { SUBSYSTEMS } from './subsystems.js';
import * as workloads from './workloads/setup.js';

/** Registers every subsystem (what loadSubsystems would import for a scenario using all of them). */
export function registerAllSubsystems(): void {
  SUBSYSTEMS.register({ dr, restores, operations, workloads, monitor, logs });
}
