// The Link Utilization signal: a link's share of its capacity used over each 5 minutes.
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { loadScenarioText } from '../../scenarios/load.js';

describe('Link Utilization', () => {
  it('fires while a first full backup fills the link', () => {
    // One VM, 10 GiB used; its first backup starts at 22:00 (no jitter), the snapshot takes
    // 5 minutes, and the transfer of 10 GiB runs from 22:05 over a 100 Mbps link (12.5 MB/s,
    // below the 160 Mbps initial-backup cap): 10,737,418,240 / 12,500,000 = 859 s, until
    // 22:19:19. Samples every 5 minutes: 22:10 and 22:15 are 100%. A 5-minute rule at tick T
    // sees samples in [T − 5m, T), so the 22:10 sample trips it at 22:15.
    const loaded = loadScenarioText(
      `
name: link
duration: 2d
regions: [{ name: eastus }]
links: [{ name: wan, capacity: 100Mbps }]
vaults: [{ name: rsv, region: eastus, redundancy: LRS, link: wan }]
backupJobs: { startWindow: 0s, snapshotDuration: 5m }
policies:
  - { name: daily, schedule: { frequency: daily, at: "22:00", timeZone: UTC }, retention: { daily: 7 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 20GiB, used: 10GiB, churn: { daily: 0% } }], backup: { vault: rsv, policy: daily } }
monitor:
  alerts:
    - { name: wan-full, metric: Link Utilization, aggregation: maximum, window: 5m, every: 5m, when: "> 99", where: { link: wan } }
`,
      'link.yaml',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = simulate(loaded.scenarios[0]);
    const firing = r.alerts!.timeline.filter((f) => f.rule === 'wan-full');
    expect(firing[0].firedAt).toBe('2026-01-01T22:15:00.000Z');
    // Stateful: resolved at the third healthy evaluation in a row (22:25, 22:30, 22:35).
    expect(firing[0].resolvedAt).toBe('2026-01-01T22:35:00.000Z');
    expect(firing).toHaveLength(1);
  });
});
