// The DR table's "data lost" column: an unrecovered VM has no point, so what it lost is
// unknown — not the 0 B summary.json's dataLostBytes holds for it. A group none of whose VMs
// came back shows "—"; one with some back shows their sum as a lower bound ("≥").
import { describe, expect, it } from 'vitest';
import type { VmRecovery } from '../../models/results/types.js';
import { simulate } from '../../models/simulate.js';
import { buildSummary, type SummaryRun } from '../../reports/summary.js';
import { drLines } from '../../reports/table-dr.js';
import { loadScenarioText } from '../../scenarios/load.js';

// Two groups failing at day 5 12:00: `app` backed up daily at 22:00 (2% of 64 GiB a day),
// `bare` neither backed up nor replicated, so it has no way back.
const text = `name: lost
seed: 1
start: "2026-01-01T00:00:00Z"
duration: 10d
backupJobs: { startWindow: 0s }
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults: [{ name: v1, region: eastus }]
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - { name: app, region: eastus, disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }], backup: { vault: v1, policy: daily } }
  - { name: bare, region: eastus, disks: [{ size: 128GiB, used: 50%, churn: { daily: 2% } }] }
events:
  - { at: 5d12h, vmFailure: { vms: [app-001, bare-001] } }
`;

function runs(): SummaryRun[] {
  const loaded = loadScenarioText(text, 'lost.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return buildSummary([simulate(loaded.scenarios[0])], { file: 'lost.yaml', version: '9.9.9' }).runs;
}

// The group rows of the first incident: "    <group> <VMs> <RPO> <RTO> <data lost> <paths>".
const rows = (lines: string[]) => lines.filter((l) => /^ {4}(app|bare) /.test(l));

describe('DR table: data lost of unrecovered VMs', () => {
  it('shows "—" for a group none of whose VMs came back, bytes for the recovered one', () => {
    const summary = runs();
    const vms = summary[0].dr!.incidents[0].vms;
    const bare = vms.find((v) => v.vm === 'bare-001')!;
    const app = vms.find((v) => v.vm === 'app-001')!;
    // summary.json keeps its field: 0 for the unrecovered VM (its schema has no null).
    expect([bare.path, bare.rpoSeconds, bare.dataLostBytes]).toEqual(['unrecovered', null, 0]);
    // app-001 is restored from its day 4 22:00 snapshot (RPO 14 h): 14 h of 2% a day of 64 GiB
    // were lost, 64 GiB × (1 − 0.98^(14/24)) = 64 × 0.011716 GiB ≈ 768 MiB under uniform churn
    // (the model's draws give 764.59 MiB: within 1%).
    expect(app.rpoSeconds).toBe(14 * 3600);
    expect(Math.abs(app.dataLostBytes / 2 ** 20 - 768) / 768).toBeLessThan(0.01);
    const [appRow, bareRow] = rows(drLines(summary));
    expect(bareRow).toMatch(/^ {4}bare\s+1\s+never \/ never\s+never \/ never\s+—\s+unrecovered$/);
    expect(bareRow).not.toContain('0 B');
    expect(appRow).toMatch(/ 764\.59 MiB\s+restore-snapshot$/);
  });

  it('a group with some VMs back shows their sum as a lower bound', () => {
    const summary = runs();
    const incident = summary[0].dr!.incidents[0];
    // Put both VMs in one group: 1 recovered (its bytes) + 1 unrecovered (unknown) ≥ the first.
    const merged: VmRecovery[] = incident.vms.map((v) => ({ ...v, group: 'app' }));
    const app = incident.vms.find((v) => v.vm === 'app-001')!;
    const lines = drLines([
      { ...summary[0], dr: { ...summary[0].dr!, incidents: [{ ...incident, vms: merged }] } },
    ]);
    const [row] = rows(lines);
    const appOnly = rows(drLines(summary))[0];
    const bytes = appOnly.match(/(\d[\d.,]* (?:B|KiB|MiB|GiB|TiB))\s+restore-/)![1];
    expect(app.dataLostBytes).toBeGreaterThan(0);
    expect(row).toContain(`≥ ${bytes}`);
    expect(row).toMatch(/restore-\S+ ×1, unrecovered ×1$/);
  });
});
