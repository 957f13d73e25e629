// The run table's recovery points: an on-demand row where a run has on-demand points, so the
// tiers add up to the vault row; none where no run has any.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { buildSummary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { loadScenarioText } from '../../scenarios/load.js';

function table(onDemand: string): string {
  const loaded = loadScenarioText(
    `
name: od
duration: 20d
regions: [ { name: eastus } ]
vaults: [ { name: rsv, region: eastus } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 7 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: rsv, policy: p${onDemand} } }
`,
    'od.yaml',
  );
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  return renderTable(buildSummary([simulate(loaded.scenarios[0])], { file: 'od.yaml', version: '0' }));
}

describe('recovery point rows', () => {
  it('shows on-demand points beside the tiers', () => {
    // 20 daily backups, 7 kept; the on-demand one of day 10 is kept 90 days: 8 vault points.
    const text = table(', onDemand: [ { at: 10d12h, retain: 90d } ]');
    const end = text.slice(text.indexOf('Recovery points (end)'), text.indexOf('Recovery points (peak)'));
    expect(end).toMatch(/ {2}vault +8\n/);
    expect(end).toMatch(/ {2}daily +7\n/);
    expect(end).toMatch(/ {2}on-demand +1\n/);
  });

  it('has no on-demand row when no run has any', () => {
    expect(table('')).not.toContain('on-demand');
  });
});
