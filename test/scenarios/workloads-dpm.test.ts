// MABS / DPM servers at validation (issue 17): the rules of docs/reference.md §2.5 and §3 and
// docs/reference.md §14.1–14.2 are positioned issues naming their source.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (groups: string[], extra = '') => `name: v
duration: 30d
regions: [{ name: eastus }]
vaults: [{ name: rsv, region: eastus }]
backupServers:
  - name: mabs
    vault: rsv
    protectionGroups:
${groups.map((g) => `      - { ${g} }`).join('\n')}
${extra}`;

function issues(text: string): string[] {
  const r = loadScenarioText(text, 'f.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const ONLINE = 'online: { times: ["12:00"], retention: { daily: 30 } }';

describe('protection groups (§3, §14.1–14.2)', () => {
  it('disk sync: DPM frequencies, hourly or slower but for SQL; online at most twice a day', () => {
    const groups = [
      'name: fs, workload: files, machines: 2, data: 1GiB, disk: { sync: 15m, retention: 1d }, online: { times: ["12:00", "18:00", "22:00"], retention: { daily: 30 } }',
      `name: db, workload: sql, machines: 2, data: 1GiB, disk: { sync: 10m, retention: 1d }, ${ONLINE}`,
    ];
    expect(issues(scenario(groups))).toEqual([
      'f.yaml:9:77 backupServers[0].protectionGroups[0].disk.sync: files protection groups synchronise to disk at most hourly (every 15 minutes is for SQL Server), got 15m (Azure Backup support matrix, reference §3)',
      'f.yaml:9:116 backupServers[0].protectionGroups[0].online.times: online backups to the vault run at most twice a day, got 3 times (MABS/DPM docs, workloads §14.2)',
      'f.yaml:10:75 backupServers[0].protectionGroups[1].disk.sync: disk synchronisation runs every 15m, 30m, 45m, 1h, 2h, 4h, 6h, 12h or 24h, got 10m (DPM Set-DPMPolicyObjective, workloads §14.1)',
    ]);
  });

  it('disk points: at most 64 for file servers, 448 for applications; names unique', () => {
    const groups = [
      `name: fs, workload: files, machines: 2, data: 1GiB, disk: { sync: 1h, retention: 3d }, ${ONLINE}`,
      `name: db, workload: sql, machines: 2, data: 1GiB, disk: { sync: 15m, retention: 5d }, ${ONLINE}`,
      `name: fs, workload: hyper-v, machines: 2, data: 1GiB, disk: { sync: 2h, retention: 1h }, ${ONLINE}`,
    ];
    expect(issues(scenario(groups))).toEqual([
      // 3 days of hourly points: 72 > 64.
      'f.yaml:9:92 backupServers[0].protectionGroups[0].disk.retention: this group keeps up to 72 recovery points on disk (retention / sync); a MABS/DPM server keeps at most 64 for file servers (Azure Backup support matrix, reference §3)',
      // 5 days of 15-minute points: 480 > 448.
      'f.yaml:10:91 backupServers[0].protectionGroups[1].disk.retention: this group keeps up to 480 recovery points on disk (retention / sync); a MABS/DPM server keeps at most 448 for application servers (Azure Backup support matrix, reference §3)',
      'f.yaml:11:17 backupServers[0].protectionGroups[2].name: duplicate protection group name "fs" (first defined on line 9)',
      'f.yaml:11:94 backupServers[0].protectionGroups[2].disk.retention: disk retention 1h keeps no recovery point: it must be at least the synchronisation interval 2h',
    ]);
  });

  it('at most 50 servers a vault (§2.5); offline windows inside the run', () => {
    const more = [
      '  - name: more',
      '    count: 50',
      '    vault: rsv',
      `    protectionGroups: [{ name: a, workload: files, machines: 1, data: 1GiB, disk: { sync: 1h, retention: 1d }, ${ONLINE} }]`,
      '    offline: [{ at: 40d, for: 1d }]',
      '',
    ].join('\n');
    const groups = [
      `name: fs, workload: files, machines: 2, data: 1GiB, disk: { sync: 1h, retention: 2d }, ${ONLINE}`,
    ];
    expect(issues(scenario(groups, more))).toEqual([
      'f.yaml:11:12 backupServers[1].count: vault rsv has 51 MABS/DPM servers; a vault takes at most 50 (Azure Backup support matrix, reference §2.5)',
      "f.yaml:14:21 backupServers[1].offline[0].at: offline.at 40d is beyond the scenario's duration 30d",
    ]);
  });
});
