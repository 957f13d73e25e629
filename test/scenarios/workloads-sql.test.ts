// SQL Server in Azure VM backup at validation (issue 17): every rule of
// docs/reference.md §12.2 and §12.4 (and docs/reference.md §2.4–2.5) is a positioned
// issue naming its source.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (policy: string, dbs: string) => `name: v
duration: 30d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults:
  - { name: rsv, region: eastus }
  - { name: rsv-west, region: westus }
fleet:
  - { name: sqlvm, region: eastus, disks: [{ size: 1TiB }] }
sqlPolicies:
  - name: p
${policy}
sqlDatabases:
${dbs}
`;
const ONE_DB = '  - { name: db, host: sqlvm, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: p }';

/** The rendered issues of a scenario text (its file named f.yaml). */
function issues(text: string): string[] {
  const r = loadScenarioText(text, 'f.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const SRC = '(SQL in Azure VM backup docs, workloads §12.2)';

describe('SQL policy rules (§12.2)', () => {
  it('a differential needs weekly fulls', () => {
    const policy = [
      '    full: { frequency: daily, at: "22:00" }',
      '    differential: { days: Monday, retention: 7d }',
      '    retention: { daily: 30 }',
    ].join('\n');
    expect(issues(scenario(policy, ONE_DB))).toEqual([
      `f.yaml:12:19 sqlPolicies[0].differential: differential backups need weekly full backups: a daily full policy cannot have them ${SRC}`,
    ]);
  });

  it("a differential on a full's day is rejected", () => {
    const policy = [
      '    full: { frequency: weekly, days: [Sunday], at: "22:00" }',
      '    differential: { days: [Monday, Sunday], retention: 7d }',
      '    retention: { weekly: { count: 4 } }',
    ].join('\n');
    expect(issues(scenario(policy, ONE_DB))).toEqual([
      `f.yaml:12:36 sqlPolicies[0].differential.days[1]: a differential cannot run on a full backup's day (Sunday): at most one full or differential a day ${SRC}`,
    ]);
  });

  it('log intervals and retention, and the 7-day minimum', () => {
    const policy = [
      '    full: { frequency: daily, at: "22:00" }',
      '    log: { every: 10m, retention: 40d }',
      '    retention: { daily: 5 }',
    ].join('\n');
    expect(issues(scenario(policy, ONE_DB))).toEqual([
      `f.yaml:12:19 sqlPolicies[0].log.every: log backups run every 15m, 30m, 1h, 2h, 4h, 8h, 12h or 24h, got 10m ${SRC}`,
      `f.yaml:12:35 sqlPolicies[0].log.retention: log backups are kept 7d to 35d, in whole days, got 40d ${SRC}`,
      `f.yaml:13:25 sqlPolicies[0].retention.daily: every SQL backup type is kept at least 7 days, got daily 5 ${SRC}`,
    ]);
  });

  it('differentials kept longer than the fulls, and archive before 45 days (§2.4)', () => {
    const policy = [
      '    full: { frequency: weekly, days: Sunday, at: "22:00" }',
      '    differential: { days: Monday, retention: 21d }',
      '    retention: { weekly: { count: 2 } }',
      '    archive: { after: 30d }',
    ].join('\n');
    expect(issues(scenario(policy, ONE_DB))).toEqual([
      `f.yaml:12:46 sqlPolicies[0].differential.retention: differentials are kept 21d, longer than the full backups' 14d: a differential's retention cannot be greater than the full's ${SRC}`,
      'f.yaml:14:23 sqlPolicies[0].archive.after: SQL full points become eligible for archive at 45 days old; archive.after must be at least 45d, got 30d (Azure Backup archive tier docs, reference §2.4)',
    ]);
  });

  it('differentials are kept at most 180 days', () => {
    const policy = [
      '    full: { frequency: weekly, days: Sunday, at: "22:00" }',
      '    differential: { days: Monday, retention: 200d }',
      '    retention: { weekly: { count: 40 } }',
    ].join('\n');
    expect(issues(scenario(policy, ONE_DB))).toEqual([
      `f.yaml:12:46 sqlPolicies[0].differential.retention: differentials are kept 7d to 180d, in whole days, got 200d ${SRC}`,
    ]);
  });
});

describe('SQL databases (§12.4, §2.5)', () => {
  const policy = ['    full: { frequency: daily, at: "22:00" }', '    retention: { daily: 7 }'].join('\n');

  it("host, policy and vault are checked, the vault in the VMs' region", () => {
    const dbs = [
      '  - { name: db, host: sqlvms, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: q }',
      '  - { name: db2, host: sqlvm, size: 10GiB, log: { daily: 5% }, vault: rsv-west, policy: p }',
    ].join('\n');
    expect(issues(scenario(policy, dbs))).toEqual([
      'f.yaml:14:23 sqlDatabases[0].host: unknown fleet group "sqlvms"; did you mean "sqlvm"?',
      'f.yaml:14:84 sqlDatabases[0].policy: unknown SQL policy "q"; did you mean "p"?',
      "f.yaml:15:71 sqlDatabases[1].vault: vault rsv-west is in westus but the databases' VMs run in eastus; a workload is backed up to a vault in its own region (Azure Backup support matrix, reference §2.5)",
    ]);
  });

  it('at most 2,000 databases per server and per vault', () => {
    const dbs =
      '  - { name: db, host: sqlvm, count: 2001, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: p }';
    expect(issues(scenario(policy, dbs))).toEqual([
      'f.yaml:14:37 sqlDatabases[0].count: vault rsv protects 2001 databases; Azure protects at most 2000 per server and per vault (SQL support matrix, workloads §12.4)',
    ]);
  });

  it("a VM's databases go to one vault (the model's simplification)", () => {
    const text = scenario(policy, ONE_DB)
      .replace('  - { name: rsv-west, region: westus }', '  - { name: rsv-2, region: eastus }')
      .concat('  - { name: db2, host: sqlvm, size: 10GiB, log: { daily: 5% }, vault: rsv-2, policy: p }\n');
    expect(issues(text)).toEqual([
      "f.yaml:15:71 sqlDatabases[1].vault: the databases of VM sqlvm-001 go to vaults rsv and rsv-2; vaultsim registers a VM's SQL instance with one vault (a simplification, docs/model.md)",
    ]);
  });

  it('databases expand per VM of the host group: <vm>/<name>-NN', () => {
    const text = scenario(
      policy,
      '  - { name: db, host: sqlvm, count: 3, size: 10GiB, log: { daily: 5% }, vault: rsv, policy: p }',
    ).replace('  - { name: sqlvm, region: eastus', '  - { name: sqlvm, count: 2, region: eastus');
    const r = loadScenarioText(text, 'f.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenarios[0].workloads.sqlDatabases.map((d) => d.id)).toEqual([
      'sqlvm-001/db-01',
      'sqlvm-001/db-02',
      'sqlvm-001/db-03',
      'sqlvm-002/db-01',
      'sqlvm-002/db-02',
      'sqlvm-002/db-03',
    ]);
    expect(r.scenarios[0].workloads.sqlDatabases[0]).toMatchObject({
      recoveryModel: 'full',
      compressionSaving: 0.8,
    });
  });
});
