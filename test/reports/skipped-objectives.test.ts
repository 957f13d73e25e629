// Objectives are judged two ways, both always (issue 15): against what the schedule guarantees
// for every VM in scope, and against what incidents achieved. An objective is skipped (SKIP in
// the table, <skipped/> in JUnit) only when neither has anything to judge — never a silent pass.
import { describe, expect, it } from 'vitest';
import { millis } from '../../engine/units.js';
import { judgeObjectives } from '../../models/dr/objectives.js';
import { simulate } from '../../models/simulate.js';
import { junitXml } from '../../reports/junit.js';
import { buildSummary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { objectiveSuites } from '../../reports/verdicts.js';
import { loadScenarioText } from '../../scenarios/load.js';

const HOUR = 3_600_000;

function run(text: string) {
  const loaded = loadScenarioText(text, 'objectives.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return simulate(loaded.scenarios[0]);
}

describe('objectives judged against the schedule, with no incident', () => {
  it('fails an unprotected VM: nothing bounds what a failure would lose', () => {
    const r = run(`
name: quiet
duration: 3d
regions: [{ name: eastus }]
fleet: [{ name: web, region: eastus, disks: [{ size: 64GiB }] }]
objectives: { rpo: 24h, rto: 4h }
`);
    expect(r.objectives.map((o) => [o.scope, o.metric, o.status, o.judged, o.schedule.judged])).toEqual([
      ['all', 'rpo', 'fail', 0, 1],
      ['all', 'rto', 'fail', 0, 1],
      ['app:web', 'rpo', 'fail', 0, 1],
      ['app:web', 'rto', 'fail', 0, 1],
    ]);
    expect(r.objectives[0].evidence).toBe(
      'the schedule breaks RPO 1d 0h for 1 of 1 VMs in all; worst unbounded (web-001: unprotected: no backup and no replication); no incident touched all',
    );
  });

  // Weekly backups on Sundays at 01:00 UTC, no start jitter, snapshots that take exactly 30 min.
  const weekly = (rpo: string) => `
name: weekly
start: 2026-01-04T00:00:00Z
duration: 22d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
backupJobs: { startWindow: 0s, snapshotDuration: 30m }
policies:
  - name: w
    schedule: { frequency: weekly, at: "01:00", days: [Sunday] }
    instantRestore: 5d
    retention: { weekly: { count: 4, on: Sunday } }
fleet: [{ name: web, region: eastus, disks: [{ size: 64GiB }], backup: { vault: v, policy: w } }]
objectives: { rpo: ${rpo} }
`;

  it('fails RPO ≤ 24 h on a weekly schedule: the guaranteed window is 7 days plus the job', () => {
    // Points are taken Jan 4, 11 and 18 at 01:00 and usable 30 min later. A failure just before
    // the Jan 11 snapshot is usable loses everything since Jan 4 01:00: 7 d + 30 min = 604,800 +
    // 1,800 = 606,600 s. The tail after the last point (Jan 18 01:00 → Jan 26 00:00, 6 d 23 h) is shorter.
    const [o] = run(weekly('24h')).objectives;
    expect(o).toMatchObject({ scope: 'all', metric: 'rpo', status: 'fail', pass: false, judged: 0 });
    expect(o.schedule).toMatchObject({ judged: 1, failed: 1, worstSeconds: 606_600, worstVm: 'web-001' });
    expect(o.schedule.evidence).toContain(
      'no usable point from the one of 2026-01-04T01:00:00.000Z until 2026-01-11T01:30:00.000Z',
    );
  });

  it('passes the same schedule against an objective of 7 d 1 h, on the schedule alone', () => {
    const [o] = run(weekly('169h')).objectives;
    expect([o.status, o.pass, o.schedule.failed, o.judged]).toEqual(['pass', true, 0, 0]);
  });
});

describe('objectives with nothing to judge', () => {
  // A scenario cannot name an empty scope (validation refuses it), so the judge is called
  // directly: a tag objective over VMs none of which has the tag, and no incident.
  const base = run(`
name: quiet
duration: 3d
regions: [{ name: eastus }]
fleet: [{ name: web, region: eastus, disks: [{ size: 64GiB }] }]
`);
  const result = {
    ...base,
    objectives: judgeObjectives(
      {
        rpo: null,
        rto: null,
        scoped: [
          {
            scope: { kind: 'tag', key: 'tier', value: 'gold' },
            rpo: millis(24 * HOUR),
            rto: millis(4 * HOUR),
          },
        ],
      },
      [],
      [],
      [],
    ),
  };

  it('are skipped when no VM is in scope and no incident touched it, with evidence saying so', () => {
    expect(result.objectives.map((o) => [o.scope, o.metric, o.status, o.pass])).toEqual([
      ['tag:tier=gold', 'rpo', 'skip', true],
      ['tag:tier=gold', 'rto', 'skip', true],
    ]);
    expect(result.objectives[0].evidence).toBe(
      'no protected VM in tag:tier=gold: the schedule has nothing to judge; no incident touched tag:tier=gold',
    );
  });

  it('print SKIP in the table', () => {
    const text = renderTable(buildSummary([result], { file: 'quiet.yaml', version: '0' }));
    expect(text).toContain('  SKIP  RPO ≤ 1d for tag:tier=gold: no protected VM in tag:tier=gold');
  });

  it('are <skipped/> test cases in JUnit, counted on the suites', () => {
    const xml = junitXml(objectiveSuites([result]));
    expect(xml).toContain('<testsuites tests="2" failures="0" errors="0" skipped="2">');
    expect(xml).toContain('<skipped message="no protected VM in tag:tier=gold');
  });
});
