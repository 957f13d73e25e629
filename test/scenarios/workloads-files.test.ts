// Azure Files backup at validation (issue 17): every rule of docs/reference.md
// §13.1–13.4 (and docs/reference.md §2.5) is a positioned issue naming its source.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (policy: string, shares: string) => `name: v
duration: 30d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults:
  - { name: rsv, region: eastus }
  - { name: rsv-2, region: eastus }
  - { name: rsv-west, region: westus }
fileSharePolicies:
  - name: p
${policy}
fileShares:
${shares}
`;
const ONE = '  - { name: s, storageAccount: st, region: eastus, size: 1TiB, vault: rsv, policy: p }';
const SRC = (s: string) => `(Azure Files backup docs, workloads §${s})`;

function issues(text: string): string[] {
  const r = loadScenarioText(text, 'f.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

describe('file-share schedules (§13.2)', () => {
  it('hourly every 4, 6, 8 or 12 h, in a window starting on the hour or half hour', () => {
    const policy = `    schedule: { frequency: hourly, every: 5h, window: { start: "08:15", duration: 10h } }\n    retention: { daily: 7 }`;
    expect(issues(scenario(policy, ONE))).toEqual([
      `f.yaml:10:43 fileSharePolicies[0].schedule.every: hourly file-share backups run every 4h, 6h, 8h or 12h, got 5h ${SRC('13.2')}`,
      `f.yaml:10:64 fileSharePolicies[0].schedule.window.start: the backup window starts on the hour or half hour, got "08:15" ${SRC('13.2')}`,
    ]);
  });

  it('a window lasts a multiple of the interval and ends by midnight', () => {
    const past = `    schedule: { frequency: hourly, every: 4h, window: { start: "20:00", duration: 8h } }\n    retention: { daily: 7 }`;
    expect(issues(scenario(past, ONE))).toEqual([
      `f.yaml:10:55 fileSharePolicies[0].schedule.window: a window from 20:00 lasting 8h extends the backup window to the next day; it must end by midnight ${SRC('13.2')}`,
    ]);
    const odd = `    schedule: { frequency: hourly, every: 4h, window: { start: "08:00", duration: 10h } }\n    retention: { daily: 7 }`;
    expect(issues(scenario(odd, ONE))).toEqual([
      `f.yaml:10:83 fileSharePolicies[0].schedule.window.duration: the backup window lasts 4h to 24h, a multiple of the interval 4h, got 10h ${SRC('13.2')}`,
    ]);
  });
});

describe('snapshot counts and tiers (§13.3)', () => {
  it('the vault tier needs a snapshot retention of 1 to 30 days', () => {
    const missing = `    tier: vault\n    schedule: { frequency: daily, at: "22:00" }\n    retention: { daily: 7 }`;
    expect(issues(scenario(missing, ONE))).toEqual([
      'f.yaml:9:5 fileSharePolicies[0]: missing required field "snapshotRetention"',
    ]);
    const long = `    tier: vault\n    schedule: { frequency: daily, at: "22:00" }\n    snapshotRetention: 40d\n    retention: { daily: 7 }`;
    expect(issues(scenario(long, ONE))).toEqual([
      `f.yaml:12:24 fileSharePolicies[0].snapshotRetention: vault-tier snapshots are kept 1d to 30d, in whole days, got 40d ${SRC('13.3')}`,
    ]);
  });

  it("the snapshot tier: its maxima, and 200 snapshots a share counted by the docs' formula", () => {
    const policy = `    schedule: { frequency: daily, at: "22:00" }\n    snapshotRetention: 4d\n    retention: { daily: 7, weekly: { count: 250 } }`;
    expect(issues(scenario(policy, ONE))).toEqual([
      'f.yaml:11:24 fileSharePolicies[0].snapshotRetention: snapshotRetention applies to the vault tier; the snapshot tier keeps its snapshots by retention',
      // Daily policy: daily + weekly + monthly + yearly = 7 + 250.
      `f.yaml:12:16 fileSharePolicies[0].retention: this policy keeps up to 257 snapshots per share (7 + 250); a share holds at most 200 snapshots at a time ${SRC('13.3')}`,
      `f.yaml:12:45 fileSharePolicies[0].retention.weekly.count: the snapshot tier keeps weekly points at most 200 weeks, got 250 ${SRC('13.3')}`,
    ]);
  });
});

describe('shares, storage accounts and restores (§13.1, §13.4, §2.5)', () => {
  it('vaulted shares up to 10 TiB, one vault per storage account, the vault in its region, item restores', () => {
    const policy = `    tier: vault\n    schedule: { frequency: daily, at: "22:00" }\n    snapshotRetention: 4d\n    retention: { daily: 7 }`;
    const shares = [
      '  - { name: s, storageAccount: st, region: eastus, size: 11TiB, vault: rsv, policy: p, restores: [{ at: 1d, items: 3 }, { at: 2d, kind: items, items: 150 }] }',
      '  - { name: t, storageAccount: st, region: eastus, size: 1TiB, vault: rsv-2, policy: p }',
      '  - { name: u, storageAccount: su, region: eastus, size: 1TiB, vault: rsv-west, policy: p }',
    ].join('\n');
    expect(issues(scenario(policy, shares))).toEqual([
      `f.yaml:15:58 fileShares[0].size: a share backed up to the vault may be at most 10TiB, got 11TiB ${SRC('13.1')}`,
      'f.yaml:15:116 fileShares[0].restores[0].items: items applies to an item-level restore (kind: items)',
      `f.yaml:15:151 fileShares[0].restores[1].items: an item-level restore takes at most 99 files or folders, got 150 ${SRC('13.4')}`,
      `f.yaml:16:71 fileShares[1].vault: the shares of storage account st use vaults rsv and rsv-2; all shares of a storage account must use the same vault ${SRC('13.4')}`,
      'f.yaml:17:71 fileShares[2].vault: vault rsv-west is in westus but storage account su is in eastus; a workload is backed up to a vault in its own region (Azure Backup support matrix, reference §2.5)',
    ]);
  });
});
