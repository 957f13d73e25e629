// The trace agrees with the summary (docs/model.md "Disaster recovery", Trace): a restore's RTO
// is known only when its restore job ends, so `dr-decided` gives no RTO for it (it used to say
// -1 and "not back before the run ended" for VMs the summary has back), and `dr-recovered`
// gives every VM's RTO at the instant it runs again, as summary.json does.

import { describe, expect, it } from 'vitest';
import type { TraceRecord } from '../../../models/backup/world.js';
import { simulate } from '../../../models/simulate.js';
import { buildSummary } from '../../../reports/summary.js';
import { loadScenarioFile, loadScenarioText } from '../../../scenarios/load.js';

const FILE = new URL('../../../scenarios/examples/region-outage.yaml', import.meta.url).pathname;

// The recoveries as summary.json gives them, and the trace of the same run.
function traced(loaded: ReturnType<typeof loadScenarioFile>) {
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const scenario = loaded.scenarios[0];
  const records: TraceRecord[] = [];
  const result = simulate(scenario, { trace: (r) => records.push(r) });
  const summary = JSON.parse(JSON.stringify(buildSummary([result], { file: 'x.yaml', version: '0.0.0' })));
  const recoveries: {
    incident: string;
    vm: string;
    path: string;
    rtoSeconds: number | null;
    recoveredAt: string | null;
    note: string;
  }[] = summary.runs[0].dr.incidents.flatMap((i: { id: string; vms: { vm: string }[] }) =>
    i.vms.map((v) => ({ incident: i.id, ...v })),
  );
  const iso = (t: number) => new Date(scenario.start + t).toISOString();
  return { records, recoveries, iso };
}

// Every VM: its decision's RTO (when the decision gives one) and its `dr-recovered` record agree
// with the summary; a VM the summary has back has exactly one, at its recoveredAt.
function expectAgreement({ records, recoveries, iso }: ReturnType<typeof traced>): void {
  for (const r of recoveries) {
    const mine = (kind: string) =>
      records.filter((x) => x.kind === kind && x.subject === r.vm && x.detail?.incident === r.incident);
    const [decided] = mine('dr-decided');
    expect(decided, `${r.vm} decided`).toBeDefined();
    const d = decided.detail!;
    if ('rtoSeconds' in d) expect(d.rtoSeconds, `${r.vm} decided RTO`).toBe(r.rtoSeconds ?? -1);
    else expect(d.rto).toBe('unknown until the restore job ends');
    if (String(d.note ?? '').includes('not back before the run ended'))
      expect(r.recoveredAt, `${r.vm} traced as not back`).toBeNull();
    const back = mine('dr-recovered');
    if (r.recoveredAt === null) {
      expect(back, `${r.vm} not back`).toEqual([]);
      continue;
    }
    expect(back, `${r.vm} back once`).toHaveLength(1);
    expect(iso(back[0].t)).toBe(r.recoveredAt);
    expect(back[0].detail).toMatchObject({ path: r.path, rtoSeconds: r.rtoSeconds });
  }
}

describe('the disaster-recovery trace', () => {
  it('should always agree with the summary on every VM of region-outage.yaml', () => {
    const run = traced(loadScenarioFile(FILE));
    expect(run.recoveries).toHaveLength(31);
    // 25 restores (20 Cross Region Restores, 5 after the wait) decided with their RTO unknown.
    const pending = run.records.filter((x) => x.kind === 'dr-decided' && x.detail?.rto !== undefined);
    expect(pending).toHaveLength(25);
    expect(run.records.filter((x) => x.kind === 'dr-recovered')).toHaveLength(31);
    expect(
      run.records.filter((x) => String(x.detail?.note ?? '').includes('not back before the run ended')),
    ).toEqual([]);
    expectAgreement(run);
  });

  it('should never trace a VM back whose restore job is still running at the end of the run', () => {
    // A region outage 40 min before the end: decided after 15 min, the Cross Region Restore of
    // 64 GiB takes 30 min + about 18 min, so it is still running when the run ends.
    const run = traced(
      loadScenarioText(
        `
name: late
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 5d
recovery: { detection: 15m, vaultRestoreOverhead: 30m, crossRegionLag: 0s }
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: v, region: eastus, redundancy: GRS, crossRegionRestore: true }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:00", timeZone: UTC }
    retention: { daily: 7 }
fleet:
  - name: app
    count: 2
    region: eastus
    disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }]
    backup: { vault: v, policy: daily }
events:
  - { at: 4d23h20m, outage: { region: eastus, for: 6h } }
`,
        'late.yaml',
      ),
    );
    expect(run.recoveries.map((r) => [r.path, r.recoveredAt])).toEqual([
      ['cross-region-restore', null],
      ['cross-region-restore', null],
    ]);
    expect(run.recoveries.every((r) => r.note.endsWith('not back before the run ended'))).toBe(true);
    expectAgreement(run);
  });

  it('should always be the same for the same scenario and seed', () => {
    const a = traced(loadScenarioFile(FILE)).records.filter((x) => x.kind.startsWith('dr-'));
    const b = traced(loadScenarioFile(FILE)).records.filter((x) => x.kind.startsWith('dr-'));
    expect(b).toEqual(a);
  });
});
