// A duration drawn per use is never below 0 wherever it is read (readDistribution's nonNegative):
// ingestion latencies and a MARS snapshot phase as well as event times and recovery steps.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const BASE = `name: d
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 7 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 128GiB }], backup: { vault: rsv, policy: daily } }
`;

const NORMAL = '{ distribution: normal, mean: 5m, sd: 1m }';

function issues(more: string): string[] {
  const r = loadScenarioText(`${BASE}${more}`, 'd.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const belowZero = (field: string) =>
  `invalid distribution: a normal can draw below 0, and ${field} cannot be negative (a draw is not moved to 0)`;

describe('a duration distribution that can draw below 0', () => {
  it('is an error for monitor ingestion latency', () => {
    const lines = issues(`monitor: { latency: { log: ${NORMAL} } }\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('monitor.latency.log: ');
    expect(lines[0]).toContain(belowZero('latency.log'));
  });

  it('is an error for diagnostics latency', () => {
    const lines = issues(`diagnostics: { latency: ${NORMAL} }\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('diagnostics.latency: ');
    expect(lines[0]).toContain(belowZero('diagnostics.latency'));
  });

  it('is an error for backupJobs.snapshotDuration', () => {
    const lines = issues(`backupJobs: { snapshotDuration: ${NORMAL} }\n`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('backupJobs.snapshotDuration: ');
    expect(lines[0]).toContain(belowZero('backupJobs.snapshotDuration'));
  });

  it('is accepted when bounded below by 0', () => {
    const tri = '{ distribution: triangular, min: 1m, mode: 2m, max: 5m }';
    expect(issues(`monitor: { latency: { log: ${tri} } }\n`)).toEqual([]);
    expect(issues(`diagnostics: { latency: ${tri} }\n`)).toEqual([]);
    expect(issues(`backupJobs: { snapshotDuration: ${tri} }\n`)).toEqual([]);
    expect(issues('backupJobs: { snapshotDuration: { distribution: normal, mean: 5m, sd: 0s } }\n')).toEqual(
      [],
    );
  });
});
