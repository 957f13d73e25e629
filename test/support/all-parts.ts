// Tests call the synchronous loaders and simulate() directly, as the library entry lets its
// users do: register every optional section normaliser and subsystem, as index.ts does. The
// CLI's own loading of only what a scenario uses is tested in a fresh process
// (test/cli/lazy-loading.test.ts), where nothing is registered up front.
import { registerAllSubsystems } from '../../models/all-subsystems.js';
import { registerAllSections } from '../../scenarios/all-parts.js';

registerAllSections();
registerAllSubsystems();
