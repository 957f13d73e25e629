// An objective no incident touched has nothing to judge: it is reported as skipped (SKIP in
// the table, <skipped/> in JUnit), never as a silent pass.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { junitXml } from '../../reports/junit.js';
import { buildSummary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { objectiveSuites } from '../../reports/verdicts.js';
import { loadScenarioText } from '../../scenarios/load.js';

const loaded = loadScenarioText(
  `
name: quiet
duration: 3d
regions: [{ name: eastus }]
fleet: [{ name: web, region: eastus, disks: [{ size: 64GiB }] }]
objectives: { rpo: 24h, rto: 4h }
`,
  'quiet.yaml',
);

describe('objectives with nothing to judge', () => {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const result = simulate(loaded.scenarios[0]);

  it('are judged on no recovery and still pass (exit 0), with evidence saying so', () => {
    expect(result.objectives.map((o) => [o.scope, o.metric, o.judged, o.pass])).toEqual([
      ['all', 'rpo', 0, true],
      ['all', 'rto', 0, true],
    ]);
    expect(result.objectives[0].evidence).toBe('no incident touched all: nothing to judge');
  });

  it('print SKIP in the table', () => {
    const text = renderTable(buildSummary([result], { file: 'quiet.yaml', version: '0' }));
    expect(text).toContain('  SKIP  RPO ≤ 1d 0h for all: no incident touched all: nothing to judge');
  });

  it('are <skipped/> test cases in JUnit, counted on the suites', () => {
    const xml = junitXml(objectiveSuites([result]));
    expect(xml).toContain('<testsuites tests="2" failures="0" errors="0" skipped="2">');
    expect(xml).toContain('skipped="2">');
    expect(xml).toContain('<skipped message="no incident touched all: nothing to judge"/>');
  });
});
