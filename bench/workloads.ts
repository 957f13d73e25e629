// The workloads bench (issue 17): 500 SQL Server databases with 15-minute log backups (50 VMs
// × 10), 200 Azure file shares (20 storage accounts × 10; half snapshot tier every 4 hours, half
// vaulted) and 5 MABS servers of 20 file servers each, over 90 days (target: under 10 s on the
// project's machine). Reports wall and CPU time, events processed and the time per simulated
// item-day; the deterministic figures (events, fingerprint) are what a CI gate compares.
// Log backups and disk synchronisations are decided in bulk (docs/performance.md): the events
// are the fulls, differentials, snapshots, copies and online backups.

import { loadScenarioText, simulate } from '../index.js';
import { type BenchResult, clock, peakRss } from './measure.js';

/** Sizes of the workloads bench. */
export interface WorkloadsSize {
  /** SQL databases (10 per VM). */
  databases: number;
  /** File shares (10 per storage account). */
  shares: number;
  /** MABS servers (20 file servers each). */
  servers: number;
  days: number;
}

/** The size. */
export const FULL_SIZE: WorkloadsSize = { databases: 500, shares: 200, servers: 5, days: 90 };
/** The --quick size (CI). */
export const QUICK_SIZE: WorkloadsSize = { databases: 50, shares: 20, servers: 1, days: 14 };

/** The bench scenario as YAML. */
export function workloadsScenario(size: WorkloadsSize): string {
  const vms = Math.max(1, Math.ceil(size.databases / 10));
  const accounts = Math.max(1, Math.ceil(size.shares / 10));
  const lines = [
    'name: workloads-bench',
    'seed: 1',
    `duration: ${size.days}d`,
    'regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]',
    'links: [{ name: backbone, capacity: 40Gbps }]',
    'vaults:',
    '  - { name: rsv-sql, region: eastus, link: backbone }',
    '  - { name: rsv-files, region: eastus, link: backbone, maxConcurrentTransfers: 20 }',
    '  - { name: rsv-mabs, region: eastus }',
    'fleet:',
    `  - { name: sqlvm, count: ${vms}, region: eastus, disks: [{ size: 4TiB }] }`,
    'sqlPolicies:',
    '  - name: sql-weekly',
    '    full: { frequency: weekly, days: Sunday, at: "22:00", timeZone: America/New_York }',
    '    differential: { days: [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday], retention: 28d }',
    '    log: { every: 15m, retention: 14d }',
    '    retention: { weekly: { count: 12 }, monthly: { count: 6, on: first Sunday } }',
    '    compression: true',
    'sqlDatabases:',
    `  - { name: db, host: sqlvm, count: ${Math.min(10, size.databases)}, size: 100GiB, growth: 10%, churn: { daily: 2% }, log: { daily: 5%, spread: 2% }, vault: rsv-sql, policy: sql-weekly }`,
    'fileSharePolicies:',
    '  - name: snap-4h',
    '    schedule: { frequency: hourly, every: 4h, window: { start: "00:00", duration: 24h } }',
    '    retention: { daily: 30 }',
    '  - name: vaulted',
    '    tier: vault',
    '    schedule: { frequency: daily, at: "22:00" }',
    '    snapshotRetention: 7d',
    '    retention: { daily: 30, weekly: { count: 8 } }',
    'fileShares:',
    ...Array.from(
      { length: accounts },
      (_, i) =>
        `  - { name: share-${i}, storageAccount: st${String(i).padStart(3, '0')}, region: eastus, count: ${Math.min(10, size.shares - i * 10)}, size: 500GiB, churn: { daily: 2%, spread: 1% }, vault: rsv-files, policy: ${i % 2 === 0 ? 'snap-4h' : 'vaulted'} }`,
    ),
    'backupServers:',
    '  - name: mabs',
    `    count: ${size.servers}`,
    '    vault: rsv-mabs',
    '    compression: 30%',
    '    network: { workHours: { bandwidth: 100Mbps }, nonWorkHours: 500Mbps }',
    '    protectionGroups:',
    '      - name: fs',
    '        workload: files',
    '        machines: 20',
    '        data: 200GiB',
    '        churn: { daily: 2% }',
    '        disk: { sync: 1h, retention: 2d }',
    '        online: { times: ["12:00", "22:00"], retention: { daily: 30 } }',
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs the workloads scenario once and reports its figures. */
export function benchWorkloads(size: WorkloadsSize): { results: BenchResult[]; ratios: BenchResult[] } {
  const loaded = loadScenarioText(workloadsScenario(size), 'workloads-bench.yaml');
  if (!loaded.ok) throw new Error(`bench scenario invalid: ${loaded.issues[0].message}`);
  const t0 = clock();
  const cpu0 = process.cpuUsage();
  const result = simulate(loaded.scenarios[0]);
  const cpu = process.cpuUsage(cpu0);
  const seconds = clock() - t0;
  const items = size.databases + size.shares + size.servers * 20;
  const itemDays = items * size.days;
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const logs = result.workloads?.groups.find((g) => g.group === 'sql:sql-weekly')?.jobs.log?.succeeded ?? 0;
  return {
    results: [
      { name: 'workloads.items', value: items, unit: 'items' },
      { name: 'workloads.days', value: size.days, unit: 'days' },
      { name: 'workloads.log_backups', value: logs, unit: 'logs' },
      { name: 'workloads.wall', value: Math.round(seconds * 1000) / 1000, unit: 's' },
      { name: 'workloads.cpu', value: Math.round(cpuSeconds * 1000) / 1000, unit: 's' },
      { name: 'workloads.events', value: result.eventsProcessed, unit: 'events' },
      {
        name: 'workloads.events_per_s',
        value: Math.round(result.eventsProcessed / seconds),
        unit: 'events/s',
      },
      {
        name: 'workloads.cpu_per_item_day',
        value: Math.round((cpuSeconds * 1e8) / itemDays) / 100,
        unit: 'µs',
      },
      {
        name: 'workloads.wall_per_item_day',
        value: Math.round((seconds * 1e8) / itemDays) / 100,
        unit: 'µs',
      },
      { name: 'workloads.peak_rss', value: Math.round(peakRss() / 2 ** 20), unit: 'MiB' },
      { name: `workloads.fingerprint.${result.fingerprint}`, value: 1, unit: 'fingerprint' },
    ],
    ratios: [],
  };
}
