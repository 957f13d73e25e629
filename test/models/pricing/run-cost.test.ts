// The bill of whole runs, worked by hand: soft delete purged inside the run (§2.3), and a
// two-vault, two-region, two-policy estate whose splits add up to its total.
import { describe, expect, it } from 'vitest';
import { COST_DIMENSIONS } from '../../../models/pricing/index.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

function run(text: string) {
  const loaded = loadScenarioText(text, 'cost.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const cents = (x: number) => Math.round(x * 100);

describe('soft delete in a run (§2.3)', () => {
  // One VM, 100 GiB fully used, no churn: every point after the first adds nothing, so the
  // vault holds exactly 100 GiB. Protection stops with delete data at 10d (Mar 11 00:00) into a
  // 30-day soft-delete period: purged at Apr 10, inside the 60-day run.
  const text = `
name: soft-delete
seed: 1
start: 2026-03-01T00:00:00Z
duration: 60d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus, redundancy: LRS, softDelete: 30d }]
backupJobs: { startWindow: 0s, snapshotDuration: 0s }
policies:
  - name: p
    schedule: { frequency: daily, at: "00:00" }
    retention: { daily: 7 }
fleet:
  - name: vm
    region: eastus
    disks: [{ size: 100GiB, churn: { daily: 0% } }]
    backup: { vault: v, policy: p, stop: { at: 10d, deleteData: true } }
`;

  it("bills the period's first 30 − 14 = 16 days, though the data was purged before the end", () => {
    const r = run(text);
    const lines = r.cost.lines.filter((l) => l.meter === 'softDelete');
    // Billed Mar 11 – Mar 27 (16 days of 31-day March): 100 GB × 16/31 = 51.613 GB-month
    // × $0.028 (LRS) = $1.4452. April (purge on the 10th): nothing — the free days.
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      month: '2026-03',
      item: 'vm-001',
      vault: 'v',
      policy: 'p',
      unitPrice: 0.028,
    });
    expect(lines[0].quantity).toBeCloseTo((100 * 16) / 31, 9);
    expect(lines[0].amount).toBeCloseTo((100 * 16 * 0.028) / 31, 9);
    expect(lines[0].rule).toMatch(
      /soft-delete period 30 d: billed from deletion for 16 d, the last 14 d of the period free/,
    );
    expect(lines[0].rule).toMatch(/left soft delete after 30 d/);
    expect(r.vaults[0].storage.end.softDeleted).toBe(0);
  });
});

describe('a two-vault, two-region estate', () => {
  const text = `
name: two-regions
seed: 3
start: 2026-01-01T00:00:00Z
duration: 59d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults:
  - { name: east, region: eastus, redundancy: GRS }
  - { name: west, region: westus, redundancy: LRS }
policies:
  - { name: daily, schedule: { frequency: daily, at: "01:00" }, instantRestore: 2d, retention: { daily: 14 } }
  - { name: weekly, schedule: { frequency: weekly, at: "02:00", days: [Sunday] }, retention: { weekly: { count: 4, on: Sunday } } }
fleet:
  - { name: web, count: 3, region: eastus, disks: [{ size: 128GiB, used: 60% }], backup: { vault: east, policy: daily } }
  - { name: app, count: 2, region: eastus, disks: [{ size: 1TiB, used: 70% }], backup: { vault: east, policy: weekly } }
  - { name: db, count: 2, region: westus, disks: [{ size: 512GiB }], backup: { vault: west, policy: daily } }
pricing:
  regions:
    westus: { vaultStorage: { LRS: 0.03 }, protectedInstance: { perBlock: 11 } }
`;

  it('splits the bill by vault, policy, region and meter, each adding up to the total to the cent', () => {
    const r = run(text);
    const total = r.cost.summary.total;
    expect(total).toBeGreaterThan(0);
    for (const dim of COST_DIMENSIONS) {
      const sum = r.cost.by[dim].reduce((s, x) => s + x.amount, 0);
      expect(cents(sum), dim).toBe(cents(total));
    }
    expect(r.cost.by.vault.map((s) => s.key).sort()).toEqual(['east', 'west']);
    expect(r.cost.by.policy.map((s) => s.key).sort()).toEqual(['daily', 'weekly']);
    expect(r.cost.by.region.map((s) => s.key).sort()).toEqual(['eastus', 'westus']);
    // The west vault's lines use its region's prices, the east's the default table.
    const west = r.cost.lines.filter((l) => l.vault === 'west');
    expect(new Set(west.filter((l) => l.meter === 'vaultStandard').map((l) => l.price))).toEqual(
      new Set(['regions.westus.vaultStorage.LRS']),
    );
    // db VMs: 512 GiB fully used is 512 GB > 500: 2 instances at the region's $11.
    const db = west.filter((l) => l.meter === 'protectedInstances' && l.item === 'db-001');
    expect(db.every((l) => l.unitPrice === 11 && /2 instance\(s\)/.test(l.rule))).toBe(true);
    expect(r.cost.notes).toEqual([
      'region eastus priced at the default table (no pricing.regions entry): the cited list prices in cost.prices',
    ]);
    // The east vault holds two policies: its vault-standard lines split between them and add
    // up to what the vault stored.
    const eastStd = r.cost.lines.filter((l) => l.vault === 'east' && l.meter === 'vaultStandard');
    expect(new Set(eastStd.map((l) => l.policy))).toEqual(new Set(['daily', 'weekly']));
  });
});
