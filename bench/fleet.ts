// The fleet bench: 10,000 VMs × 365 days, two disks each, a daily standard policy with
// GFS retention, 10 vaults (issue target: under 10 s and 1.5 GiB on this machine).
// Reports wall time, CPU time, events processed, events/s and peak RSS; the deterministic
// figures (events, fingerprint) are what a CI gate should compare. CPU time is the steadier
// figure on a shared machine (wall time counts the time other processes hold the cores).

import { loadScenarioText, simulate } from '../index.js';
import { runLayout } from './layout.js';
import { type BenchResult, clock, peakRss } from './measure.js';

/** The bench scenario as YAML: `vms` VMs spread over 10 vaults in one region. */
export function fleetScenario(vms: number, days: number): string {
  const vaults = 10;
  const perVault = Math.ceil(vms / vaults);
  const lines = [
    'name: fleet-bench',
    'seed: 1',
    `duration: ${days}d`,
    'regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]',
    'links: [{ name: backbone, capacity: 40Gbps }]',
    'vaults:',
    ...Array.from({ length: vaults }, (_, i) => `  - { name: rsv-${i}, region: eastus, link: backbone }`),
    'policies:',
    '  - name: daily-gfs',
    '    schedule: { frequency: daily, at: "22:00", timeZone: America/New_York }',
    '    retention:',
    '      daily: 30',
    '      weekly: { count: 12, on: Sunday }',
    '      monthly: { count: 12, on: first Sunday }',
    '      yearly: { count: 3, in: January, on: first Sunday }',
    'fleet:',
    ...Array.from({ length: vaults }, (_, i) => [
      `  - name: vm-${i}`,
      `    count: ${Math.min(perVault, vms - i * perVault)}`,
      '    region: eastus',
      '    disks:',
      '      - { size: 128GiB, used: 60%, churn: { daily: 3%, spread: 1% } }',
      '      - { size: 512GiB, used: 40%, churn: { daily: 2%, spread: 1% } }',
      `    backup: { vault: rsv-${i}, policy: daily-gfs }`,
    ]).flat(),
  ];
  return `${lines.join('\n')}\n`;
}

// CPU microseconds per VM-day of `cpu` (process.cpuUsage), to two decimals.
const perVmDay = (cpu: NodeJS.CpuUsage, vms: number, days: number): number =>
  Math.round((cpu.user + cpu.system) / ((vms * days) / 100)) / 100;

/**
 * Runs the fleet scenario once and reports its figures; then, in the same process, the layout
 * sketch's columnar run at the same size (bench/layout.ts: the core daily work without the
 * model's generality), so `fleet.ratio_to_sketch` compares two figures measured side by side,
 * and then its columnar-full run (bench/layout-full.ts: with the features the model reports),
 * for `fleet.ratio_to_full_sketch`.
 */
export function benchFleet(vms: number, days: number): { results: BenchResult[]; ratios: BenchResult[] } {
  const loaded = loadScenarioText(fleetScenario(vms, days), 'fleet-bench.yaml');
  if (!loaded.ok) throw new Error(`bench scenario invalid: ${loaded.issues[0].message}`);
  const t0 = clock();
  const cpu0 = process.cpuUsage();
  const result = simulate(loaded.scenarios[0]);
  const cpu = process.cpuUsage(cpu0);
  const seconds = clock() - t0;
  // Read before the sketch runs: the peak is the model's.
  const rss = peakRss();
  const sketch0 = process.cpuUsage();
  runLayout(vms, days, 'columnar');
  const sketchCpu = process.cpuUsage(sketch0);
  const full0 = process.cpuUsage();
  runLayout(vms, days, 'columnar-full');
  const fullCpu = process.cpuUsage(full0);
  const model = perVmDay(cpu, vms, days);
  const columnar = perVmDay(sketchCpu, vms, days);
  const full = perVmDay(fullCpu, vms, days);
  return {
    results: [
      { name: 'fleet.vms', value: vms, unit: 'VMs' },
      { name: 'fleet.days', value: days, unit: 'days' },
      { name: 'fleet.wall', value: Math.round(seconds * 1000) / 1000, unit: 's' },
      { name: 'fleet.cpu', value: Math.round((cpu.user + cpu.system) / 1000) / 1000, unit: 's' },
      { name: 'fleet.events', value: result.eventsProcessed, unit: 'events' },
      { name: 'fleet.events_per_s', value: Math.round(result.eventsProcessed / seconds), unit: 'events/s' },
      // Wall time per VM and simulated day: flat while a fleet's data fits the caches, growing after.
      { name: 'fleet.wall_per_vm_day', value: Math.round((seconds * 1e8) / (vms * days)) / 100, unit: 'µs' },
      // CPU per VM and simulated day: what a threshold should judge (steadier than wall time).
      { name: 'fleet.cpu_per_vm_day', value: model, unit: 'µs' },
      { name: 'fleet.peak_rss', value: Math.round(rss / 2 ** 20), unit: 'MiB' },
      { name: `fleet.fingerprint.${result.fingerprint}`, value: 1, unit: 'fingerprint' },
      // The layout sketch's columnar layout at the same size, in the same process (issue 20's yardstick).
      { name: 'fleet.sketch_cpu_per_vm_day', value: columnar, unit: 'µs' },
      // The same sketch with the model's reported features (bench/layout-full.ts), run right after.
      { name: 'fleet.sketch_full_cpu_per_vm_day', value: full, unit: 'µs' },
    ],
    ratios: [
      // How far the model is from the sketch: issue 20's target is ≤ 1.5×.
      {
        name: 'fleet.ratio_to_sketch',
        value: columnar > 0 ? Math.round((model / columnar) * 100) / 100 : 0,
        unit: '×',
      },
      // How far the model is from a columnar core doing what it reports.
      {
        name: 'fleet.ratio_to_full_sketch',
        value: full > 0 ? Math.round((model / full) * 100) / 100 : 0,
        unit: '×',
      },
    ],
  };
}
