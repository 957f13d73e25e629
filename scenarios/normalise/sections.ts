// The optional sections' normalisers (SQL, file shares and MABS servers; restores; the
// monitor and its KQL; diagnostics), imported only for a scenario that has the section
// (issue 16): `validate` of a scenario without a monitor never loads the KQL parser.
// loadScenarioFileLazily (scenarios/load.ts) loads them for the base and every variant;
// normalise() takes them from here, and only for the sections the raw scenario has.

import { LazyModules } from '../../models/lazy.js';
import type * as Diagnostics from './diagnostics.js';
import type * as Monitor from './monitor.js';
import type * as Restore from './restore.js';
import type * as Workloads from './workloads.js';

/** The optional sections' normaliser modules, by name. */
export interface SectionNormalisers {
  workloads: typeof Workloads;
  restores: typeof Restore;
  monitor: typeof Monitor;
  diagnostics: typeof Diagnostics;
}

type Raw = Record<string, unknown>;

// Issue 17: each of these top-level sections is a workload.
const WORKLOAD_SECTIONS = ['sqlPolicies', 'sqlDatabases', 'fileSharePolicies', 'fileShares', 'backupServers'];

/** Whether a raw scenario (schema-checked or not) has what each normaliser reads. */
export const HAS_SECTION: { readonly [K in keyof SectionNormalisers]: (raw: Raw) => boolean } = {
  workloads: (raw) => WORKLOAD_SECTIONS.some((key) => raw[key] !== undefined),
  // Restores are events (events[].restore), drills (restoreTests) and their objective.
  restores: (raw) =>
    raw.events !== undefined ||
    raw.restoreTests !== undefined ||
    (raw.objectives as Raw | null | undefined)?.restoreTest !== undefined,
  monitor: (raw) => raw.monitor !== undefined,
  diagnostics: (raw) => raw.diagnostics !== undefined,
};

/** The section normalisers loaded so far (every one, through the library entry). */
export const SECTIONS = new LazyModules<SectionNormalisers>('section normaliser', {
  workloads: () => import('./workloads.js'),
  restores: () => import('./restore.js'),
  monitor: () => import('./monitor.js'),
  diagnostics: () => import('./diagnostics.js'),
});

/** Imports the normalisers of the sections any of these raw scenarios has. */
export function loadSections(raws: readonly Raw[]): Promise<void> {
  const names = (Object.keys(HAS_SECTION) as (keyof SectionNormalisers)[]).filter((name) =>
    raws.some((raw) => HAS_SECTION[name](raw)),
  );
  return SECTIONS.load(names);
}
