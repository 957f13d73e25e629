// Azure Files backup (issue 17): the figures the issue pins, worked by hand from
// docs/reference.md §13 and the content model's uniform churn.
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { renderIssue } from '../../../scenarios/issues.js';
import { loadScenarioText } from '../../../scenarios/load.js';

const GiB = 2 ** 30;
const TiB = 2 ** 40;

function scenario(o: { duration: string; policy: string[]; share: string }): string {
  return [
    'name: files',
    `duration: ${o.duration}`,
    'regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]',
    'vaults: [{ name: rsv, region: eastus }]',
    'fileSharePolicies:',
    '  - name: p',
    ...o.policy.map((l) => `    ${l}`),
    'fileShares:',
    `  - { name: share, storageAccount: st, region: eastus, vault: rsv, policy: p, ${o.share} }`,
    '',
  ].join('\n');
}

function run(text: string): RunResult {
  const loaded = loadScenarioText(text, 'files.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
  return simulate(loaded.scenarios[0]);
}

const EVERY_4H = [
  'schedule: { frequency: hourly, every: 4h, window: { start: "00:00", duration: 24h } }',
  'retention: { daily: 30 }',
];

describe('a 1 TiB share, 2% churn a day, snapshots every 4 h kept 30 days', () => {
  it('keeps at most 6 × (30 + 1) = 186 snapshots by §13.3, within 200; 179 on day 40', () => {
    const r = run(scenario({ duration: '40d', policy: EVERY_4H, share: 'size: 1TiB, churn: { daily: 2% }' }));
    const g = r.workloads!.groups[0];
    // Snapshots at 00:00, 04:00, …, 20:00, each kept 30 days from its creation. At the end of
    // day 40 the one of day 10 00:00 has just gone: day 10 04:00 … day 39 20:00 are left,
    // (29 d 16 h) / 4 h + 1 = 179. Each day's sample is taken at the round, just after a day's
    // oldest snapshot expired: 179 from day 30 on (180 are kept between 20:00 and midnight),
    // under the formula's 186 and the limit of 200.
    expect(g.points.end.snapshot).toBe(179);
    expect(g.points.peak.snapshot).toBe(179);
    expect(g.jobs.snapshot).toEqual({ succeeded: 240, failed: 0, failedByCause: {} });
    // Each snapshot keeps the old version of what changed in the 4 hours after it:
    // 1 TiB × (1 − 0.98^(1/6)) = 3.6955 GiB; the newest keeps what changed since it (4 h at the
    // round, as the others). 179 × 3.6955 GiB = 661.5 GB = 616.1 GiB: a sum, not a union (a
    // block changed twice leaves two old versions).
    const step = TiB - Math.floor(TiB * Math.exp(Math.log1p(-0.02) / 6));
    expect(Math.abs(g.storage.end.snapshot! - 179 * step)).toBeLessThanOrEqual(179 * 2);
    expect(g.storage.end.snapshot! / GiB).toBeCloseTo(616.14, 1);
    // Billed at the storage account's snapshot price, not as instant-restore snapshots.
    expect(r.cost.summary.totals.snapshots.amount).toBe(0);
    expect(r.cost.summary.totals.fileShareSnapshots.amount).toBeGreaterThan(0);
  });

  it('a retention of 35 days (6 × 36 = 216) is rejected with the figure, and past the tier maximum', () => {
    const text = scenario({
      duration: '40d',
      policy: [EVERY_4H[0], 'retention: { daily: 35 }'],
      share: 'size: 1TiB, churn: { daily: 2% }',
    });
    const r = loadScenarioText(text, 'f.yaml');
    expect(r.ok ? [] : r.issues.map(renderIssue)).toEqual([
      'f.yaml:8:16 fileSharePolicies[0].retention: this policy keeps up to 216 snapshots per share (6 a day × (35 + 1)); a share holds at most 200 snapshots at a time (Azure Files backup docs, workloads §13.3)',
      // §13.3: hourly, the snapshot tier keeps daily points at most ⌊200 / 6⌋ − 1 = 32 days.
      'f.yaml:8:25 fileSharePolicies[0].retention.daily: the snapshot tier keeps daily points at most 32 days, got 35 (Azure Files backup docs, workloads §13.3)',
    ]);
  });
});

describe("the docs' example: a 100 GiB share with 5 GiB changed since its snapshot", () => {
  it('the snapshot holds the 5 GiB: with the share, 105 GiB billed', () => {
    // One daily snapshot at 00:00 on day 0; 5% of the share changes a day. At the end of day 1
    // (before the next snapshot's instant is processed) the snapshot keeps the old version of
    // exactly 5% of 100 GiB = 5 GiB; the live share is still 100 GiB: 105 GiB in Azure Files.
    const r = run(
      scenario({
        duration: '1d',
        policy: ['schedule: { frequency: daily, at: "00:00" }', 'retention: { daily: 7 }'],
        share: 'size: 100GiB, churn: { daily: 5% }',
      }),
    );
    const g = r.workloads!.groups[0];
    expect(g.points.end.snapshot).toBe(1);
    expect(g.storage.end.snapshot).toBe(5 * GiB);
    expect(100 * GiB + g.storage.end.snapshot!).toBe(105 * GiB);
    // The ledger follows the snapshots' bytes at each snapshot and daily round (docs/model.md):
    // 0 B from the snapshot to the round that ends day 1, 5 GiB from then: no GB-months yet.
    expect(r.cost.summary.totals.fileShareSnapshots.quantity).toBe(0);
  });
});

describe('vaulted shares (vault tier)', () => {
  it("the day's last snapshot goes to the vault; GFS keeps the vault points, snapshots 5 days", () => {
    // 100 GiB, 5% a day, a snapshot at 22:00 each day; the vault keeps 30 daily points.
    const r = run(
      scenario({
        duration: '40d',
        policy: [
          'tier: vault',
          'schedule: { frequency: daily, at: "22:00" }',
          'snapshotRetention: 5d',
          'retention: { daily: 30 }',
        ],
        share: 'size: 100GiB, churn: { daily: 5% }',
      }),
    );
    const g = r.workloads!.groups[0];
    // Snapshots at 22:00 of days 0…39; those older than 5 days go at each round: day 35…39 left.
    expect(g.points.end.snapshot).toBe(5);
    // Vault points land after the copy (the first, 100 GiB at 160 Mbps, 1 h 29 m; later ones
    // 5 GiB at 640 Mbps, 67 s) and are kept 30 days from landing: days 10…39 left at day 40.
    expect(g.points.end.vault).toBe(30);
    // The oldest kept holds the whole share (100 GiB); each later one a day's 5%: 5 GiB.
    expect(g.storage.end.vault).toBe(100 * GiB + 29 * 5 * GiB);
    expect(g.jobs.vault).toEqual({ succeeded: 40, failed: 0, failedByCause: {} });
  });
});
