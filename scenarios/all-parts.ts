// Every optional part of loading a scenario, imported eagerly: each top-level section's
// schema validator and the optional sections' normalisers. The library entry (index.ts)
// registers them, so loadScenarioText and loadScenarioFile need no loading step there.

import * as diagnostics from './normalise/diagnostics.js';
import * as monitor from './normalise/monitor.js';
import * as restores from './normalise/restore.js';
import { SECTIONS } from './normalise/sections.js';
import * as workloads from './normalise/workloads.js';
import { validators } from './validators/all.js';
import { SECTION_VALIDATORS, type SectionValidators } from './validators.js';

/** Registers every section validator and normaliser (what the lazy loaders would import, all at once). */
export function registerAllSections(): void {
  const modules = Object.entries(validators).map(([section, validate]) => [section, { validate }]);
  SECTION_VALIDATORS.register(Object.fromEntries(modules) as SectionValidators);
  SECTIONS.register({ workloads, restores, monitor, diagnostics });
}
