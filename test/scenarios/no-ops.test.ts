// Everything a scenario names must act (issue 15): alert rules on signals no model emits are
// errors; retention tiers the schedule cannot fill, unused action groups and recovery plans
// nothing runs are warnings, checked per run (a variant's own ones say which variant).
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const HEAD = `name: s
duration: 30d
regions:
  - { name: eastus, pair: westus, zones: 3 }
  - { name: westus, pair: eastus, zones: 3 }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
`;

// Two replicated web VMs in eastus zone 1 and a db VM in zone 2, each in its own plan.
const DR = `fleet:
  - { name: web, count: 2, region: eastus, zone: 1, disks: [{ size: 8GiB }], replicate: { to: westus }, backup: { vault: rsv, policy: daily } }
  - { name: db, region: eastus, zone: 2, disks: [{ size: 8GiB }], replicate: { to: westus } }
recoveryPlans:
  - { name: web, groups: [{ vms: [web-001, web-002] }] }
  - { name: db, groups: [{ vms: [db-001] }] }
`;

/** Errors, then warnings, as printed lines. */
function lines(text: string): { errors: string[]; warnings: string[] } {
  const r = loadScenarioText(text, 's.yaml');
  return { errors: r.ok ? [] : r.issues.map(renderIssue), warnings: r.warnings.map(renderIssue) };
}

const rule = (body: string) => `${HEAD}${DR}monitor:\n  alerts:\n    - ${body}\n`;

describe('alert rules on signals the models emit', () => {
  it('an unknown log table is an error naming the closest table and every table', () => {
    expect(lines(rule('{ name: r, log: AddonAzureBackupJob, when: "> 0" }')).errors).toEqual([
      's.yaml:20:23 monitor.alerts[0].log: no model emits a log table "AddonAzureBackupJob", so this rule would never fire; did you mean "AddonAzureBackupJobs"? (log tables the models emit: "AddonAzureBackupJobs", "AddonAzureBackupPolicy", "AddonAzureBackupProtectedInstance", "AddonAzureBackupStorage", "AzureSiteRecoveryReplicationStats", "CoreAzureBackup")',
    ]);
  });

  it('with nothing close, the message still lists what the models emit', () => {
    expect(lines(rule('{ name: r, metric: Percentage CPU, when: "> 70" }')).errors).toEqual([
      's.yaml:20:26 monitor.alerts[0].metric: no model emits a metric "Percentage CPU", so this rule would never fire (metrics the models emit: "Backup Health Events", "Link Utilization", "Restore Health Events", "Vault Storage", "VMs Unavailable")',
    ]);
  });

  it('checks each condition of a multi-condition rule, and where/splitBy/field names', () => {
    const conditions = `{ name: r, splitBy: [regions], conditions: [{ metric: VMs Unavailable, when: "> 0" }, { metric: Vault Storage, when: "> 1", where: { teir: standard } }] }`;
    expect(lines(rule(conditions)).errors).toEqual([
      's.yaml:20:28 monitor.alerts[0].splitBy[0]: metric "VMs Unavailable" has no dimension "regions"; did you mean "region"? (dimensions: "region")',
      's.yaml:20:140 monitor.alerts[0].conditions[1].where.teir: metric "Vault Storage" has no dimension "teir"; did you mean "tier"? (dimensions: "vault", "tier")',
    ]);
    const log = `{ name: r, log: AzureSiteRecoveryReplicationStats, aggregation: maximum, field: rpo, splitBy: [vm], when: "> 900" }`;
    expect(lines(rule(log)).errors).toEqual([
      's.yaml:20:87 monitor.alerts[0].field: log table "AzureSiteRecoveryReplicationStats" has no column "rpo" (columns: "vm", "group", "rpoInSeconds", "churnMBps", "backlogMB", "health")',
    ]);
  });

  it('accepts every signal and dimension the models emit', () => {
    const ok = `{ name: r, metric: Backup Health Events, aggregation: count, where: { healthStatus: { not: Healthy } }, splitBy: [datasourceId], when: "> 0", actions: [failover:web, failover:db] }`;
    expect(lines(rule(ok))).toEqual({ errors: [], warnings: [] });
  });
});

describe('recovery plans nothing runs', () => {
  const events = (list: string) => `${HEAD}${DR}events:\n${list}`;

  it('an outage hitting a plan’s VMs runs it; a zone outage only the plans with VMs in that zone', () => {
    expect(lines(events('  - { at: 5d, outage: { region: eastus, for: 1h } }\n')).warnings).toEqual([]);
    expect(lines(events('  - { at: 5d, outage: { region: eastus, zone: 2, for: 1h } }\n')).warnings).toEqual([
      's.yaml:16:13 recoveryPlans[0].name: warning: recovery plan "web" never runs: no outage hits its VMs, no drill or other event names it and no alert action is failover:web',
    ]);
  });

  it('a drill or a failover action runs a plan; an outage of the target region does not', () => {
    const text = events(
      '  - { at: 5d, outage: { region: westus, for: 1h } }\n  - { at: 6d, drill: { plan: web } }\n',
    );
    expect(lines(text).warnings).toEqual([
      's.yaml:17:13 recoveryPlans[1].name: warning: recovery plan "db" never runs: no outage hits its VMs, no drill or other event names it and no alert action is failover:db',
    ]);
    const alert = `${text}monitor:\n  builtIn: { actions: [failover:db] }\n`;
    expect(lines(alert).warnings).toEqual([]);
  });
});

describe('action groups no rule uses', () => {
  it('an action group in a rule’s or the built-in alerts’ actions is used; one in neither warns', () => {
    const text = `${HEAD}${DR}events:\n  - { at: 5d, outage: { region: eastus, for: 1h } }\nmonitor:
  actionGroups: [{ name: a }, { name: b }, { name: c }]
  builtIn: { actions: [a] }
  alerts:
    - { name: r, metric: VMs Unavailable, when: "> 0", actions: [b] }
`;
    expect(lines(text).warnings).toEqual([
      `s.yaml:21:52 monitor.actionGroups[2].name: warning: action group "c" is in no alert rule's or built-in alerts' actions, so it is never notified`,
    ]);
  });
});

describe('retention tiers', () => {
  it('a MARS server’s weekly schedule is checked like a policy’s', () => {
    const text = `${HEAD}servers:
  - name: fs
    vault: rsv
    data: 10GB
    schedule: { times: ["22:30"], days: [Saturday] }
    retention: { weekly: { count: 4, on: Saturday }, monthly: { count: 12, on: last Sunday } }
`;
    expect(lines(text).warnings).toEqual([
      's.yaml:17:80 servers[0].retention.monthly.on: warning: monthly retention never keeps a point: it keeps the backup of the last Sunday of each month, and the schedule backs up only on Saturday',
    ]);
  });

  it('daily and hourly schedules fill every tier', () => {
    const text = `${HEAD.replace('retention: { daily: 30 }', 'retention: { daily: 30, weekly: { count: 4, on: Friday }, monthly: { count: 12, on: 17 }, yearly: { count: 2, in: [February], on: last } }')}  - name: hourly
    type: enhanced
    schedule: { frequency: hourly, every: 4h }
    retention: { daily: 30, monthly: { count: 12, on: third Wednesday } }
`;
    expect(lines(text)).toEqual({ errors: [], warnings: [] });
  });
});

describe('variants', () => {
  it('a warning of the base is printed once; one only a variant has names the variant', () => {
    const text = `${HEAD}  - name: weekly
    schedule: { frequency: weekly, days: [Saturday], at: "22:00" }
    retention: { weekly: { count: 4 }, yearly: { count: 2 } }
fleet:
  - { name: web, region: eastus, disks: [{ size: 8GiB }], backup: { vault: rsv, policy: weekly } }
variants:
  same: { policies.weekly.retention.weekly.count: 5 }
  monthly: { policies.weekly.retention.monthly: { count: 3, on: 9 } }
`;
    expect(lines(text).warnings).toEqual([
      's.yaml:14:48 policies[1].retention.yearly: warning: yearly retention never keeps a point: it keeps the backup of the first Sunday in January (the default), and the schedule backs up only on Saturday',
      's.yaml:19:49 policies[1].retention.monthly.on: warning: in variant "monthly": monthly retention keeps a point only in months when day 9 falls on a Saturday (about 1 month in 7), as the schedule backs up only on Saturday',
    ]);
  });
});
