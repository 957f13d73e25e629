// The workload groups' "RPO between points" counts the window still open at the end of the run,
// as a VM's exposure does (docs/model.md, RPO exposure: "a failed day shows as 48 h"): a share
// whose snapshots stopped, a MABS machine with no online point for days, or none after its
// server was lost, shows the whole stretch. DPM groups give their disk and online figures apart.
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { buildSummary } from '../../../reports/summary.js';
import { SUMMARY_SCHEMA } from '../../../reports/summary.schema.js';
import { summariseWorkloads } from '../../../reports/summary-workloads.js';
import { workloadLines } from '../../../reports/table-workloads.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const H = 3600;

function run(text: string): RunResult {
  const loaded = loadScenarioText(text, 'gaps.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return simulate(loaded.scenarios[0]);
}

// One file server of 1 GiB, synchronised hourly, online once a day at 23:00, for 10 days.
const mabs = (server: string) => `name: gaps
duration: 10d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus }]
backupServers:
  - name: mabs
    vault: rsv
${server}    protectionGroups:
      - name: fs
        workload: files
        machines: 1
        data: 1GiB
        churn: { daily: 1% }
        disk: { sync: 1h, retention: 2d }
        online: { times: ["23:00"], retention: { daily: 30 } }
`;

describe('MABS/DPM: disk and online gaps, to the end of the run', () => {
  it('3 days offline and the server lost at day 8: online max 96 h, both end windows counted', () => {
    const r = run(mabs('    offline: [{ at: 2d, for: 3d }]\n    lost: 8d\n'));
    const g = r.workloads!.groups[0];
    // Disk: a synchronisation every hour from 00:00 of day 0 (3 days offline is under §14.4's
    // 15, so they go on) to day 8 00:00 = 192 h (the daily round at that instant files it
    // before the loss, an event of the same instant, runs): 193 points, 192 gaps of 1 h; then
    // the window open until the end of the run, 240 h − 192 h = 48 h. 193 gaps.
    expect(g.rpoSeconds).toMatchObject({ count: 193, p50: H, max: 48 * H });
    // Online: the 23:00 disk point of days 0, 1, then (days 2–4 offline: no-connectivity) 5, 6
    // and 7: data instants 23, 47, 143, 167 and 191 h. Gaps 24, 96, 24, 24 h, and the window
    // open from 191 h to the end, 49 h (nothing protects the machine after the loss): 5 gaps.
    expect(g.onlineRpoSeconds).toMatchObject({ count: 5, p50: 24 * H, max: 96 * H });
    expect(g.jobs.vault).toMatchObject({ succeeded: 5, failed: 3 });
    // The table names the points each figure is on. Online p95 of 24, 24, 24, 49, 96 h (type 7):
    // rank 4 × 0.95 = 3.8, 49 + 0.8 × (96 − 49) = 86.6 h, shown as 3d 15h.
    expect(
      workloadLines([{ variant: 'base', workloads: summariseWorkloads(r.workloads!) } as never]),
    ).toEqual(
      expect.arrayContaining([
        '  RPO between disk points dpm:mabs: p50 1h 0m, p95 1h 0m, max 2d 0h',
        '  RPO between online (vault) points dpm:mabs: p50 1d 0h, p95 3d 15h, max 4d 0h',
      ]),
    );
  });

  it('summary.json carries the online figure on DPM groups only, valid under the published schema', () => {
    const r = run(mabs('    lost: 8d\n'));
    const summary = buildSummary([r], { file: 'gaps.yaml', version: '9.9.9' });
    const g = summary.runs[0].workloads!.groups[0];
    // Online points at 23 h … 191 h (days 0–7), 7 gaps of 24 h and 240 − 191 = 49 h open.
    expect(g.onlineRpoSeconds).toMatchObject({ count: 8, max: 49 * H });
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);
    const ok = validate(JSON.parse(JSON.stringify(summary)));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    const files = buildSummary([run(share(''))], { file: 'gaps.yaml', version: '9.9.9' });
    expect(files.runs[0].workloads!.groups[0]).not.toHaveProperty('onlineRpoSeconds');
  });

  it('lost at day 3: the online window open after the loss runs to the end, 10 d − 2 d 23 h = 7 d 1 h', () => {
    const g = run(mabs('    lost: 3d\n')).workloads!.groups[0];
    // Online points at 23, 47 and 71 h; gaps 24, 24 and the open one 240 − 71 = 169 h.
    expect(g.onlineRpoSeconds).toMatchObject({ count: 3, max: 169 * H });
    // Disk: 0 … 72 h (as above, the round at the loss's instant files 72 h), 72 gaps of 1 h,
    // and 240 − 72 = 168 h open: 73 gaps.
    expect(g.rpoSeconds).toMatchObject({ count: 73, p50: H, max: 168 * H });
  });
});

// A 100 GiB share snapshotted daily at 22:00 in East US, for 10 days.
const share = (more: string) => `name: gaps
duration: 10d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus }]
fileSharePolicies:
  - { name: p, schedule: { frequency: daily, at: "22:00" }, retention: { daily: 30 } }
fileShares: [{ name: s, storageAccount: st, region: eastus, size: 100GiB, churn: { daily: 1% }, vault: rsv, policy: p }]
${more}`;

describe('file shares: the window open at the end counts', () => {
  it('no outage: nine gaps of 24 h and the last 2 h to midnight', () => {
    const g = run(share('')).workloads!.groups[0];
    // Snapshots at 22:00 of days 0 … 9: 9 gaps of 24 h, and 240 h − 238 h = 2 h open: 10 gaps.
    expect(g.rpoSeconds).toMatchObject({ count: 10, p50: 24 * H, max: 24 * H });
  });

  it('the region out from day 3 to the end: the last snapshot is day 2 22:00, 170 h before the end', () => {
    const g = run(share('events:\n  - { at: 3d, outage: { region: eastus, for: 7d } }\n')).workloads!
      .groups[0];
    // Snapshots at 22, 46 and 70 h; days 3–9 fail (region-outage). Gaps 24, 24 and the window
    // open to the end, 240 − 70 = 170 h (the model showed 24 h: the stretch without snapshots hid).
    expect(g.jobs.snapshot).toMatchObject({ succeeded: 3, failed: 7 });
    expect(g.rpoSeconds).toMatchObject({ count: 3, max: 170 * H });
  });
});
