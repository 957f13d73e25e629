// The fleet bench: 10,000 VMs × 365 days, two disks each, a daily standard policy with
// GFS retention, 10 vaults (issue target: under 10 s and 1.5 GiB on this machine).
// Reports wall time, CPU time, events processed, events/s and peak RSS; the deterministic
// figures (events, fingerprint) are what a CI gate should compare. CPU time is the steadier
// figure on a shared machine (wall time counts the time other processes hold the cores).

import { loadScenarioText, type Scenario, simulate } from '../index.js';
import { runLayout } from './layout.js';
import { type BenchResult, clock, median, peakRss } from './measure.js';

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

// One round: the model, then in the same process the columnar sketch and the full sketch.
interface Round {
  seconds: number;
  cpu: number;
  rss: number;
  events: number;
  fingerprint: string;
  model: number;
  columnar: number;
  full: number;
}

function oneRound(scenario: Scenario, vms: number, days: number): Round {
  const t0 = clock();
  const cpu0 = process.cpuUsage();
  const result = simulate(scenario);
  const cpu = process.cpuUsage(cpu0);
  const seconds = clock() - t0;
  // Read before the sketches run: the peak is the model's.
  const rss = peakRss();
  const sketch0 = process.cpuUsage();
  runLayout(vms, days, 'columnar');
  const sketchCpu = process.cpuUsage(sketch0);
  const full0 = process.cpuUsage();
  runLayout(vms, days, 'columnar-full');
  const fullCpu = process.cpuUsage(full0);
  return {
    seconds,
    cpu: cpu.user + cpu.system,
    rss,
    events: result.eventsProcessed,
    fingerprint: result.fingerprint,
    model: perVmDay(cpu, vms, days),
    columnar: perVmDay(sketchCpu, vms, days),
    full: perVmDay(fullCpu, vms, days),
  };
}

const ratio = (a: number, b: number): number => (b > 0 ? a / b : 0);
const r2 = (x: number): number => Math.round(x * 100) / 100;

/**
 * Runs the fleet scenario and reports its figures; then, in the same process, the layout
 * sketch's columnar run at the same size (bench/layout.ts: the core daily work without the
 * model's generality), so `fleet.ratio_to_sketch` compares two figures measured side by side,
 * and then its columnar-full run (bench/layout-full.ts: with the features the model reports),
 * for `fleet.ratio_to_full_sketch`. With `rounds` > 1 it does all three that many times in
 * turn and reports each time's median and each ratio's median over the rounds (a shared
 * machine's drift then cancels: issue 20's steps are a few percent); the peak RSS is the
 * model's highest. The events and fingerprint are the same every round (deterministic).
 */
export function benchFleet(
  vms: number,
  days: number,
  rounds = 1,
): { results: BenchResult[]; ratios: BenchResult[] } {
  const loaded = loadScenarioText(fleetScenario(vms, days), 'fleet-bench.yaml');
  if (!loaded.ok) throw new Error(`bench scenario invalid: ${loaded.issues[0].message}`);
  const all: Round[] = [];
  for (let k = 0; k < rounds; k++) all.push(oneRound(loaded.scenarios[0], vms, days));
  const first = all[0];
  if (all.some((r) => r.fingerprint !== first.fingerprint || r.events !== first.events))
    throw new Error(
      'fleet bench: a round processed other events than the first (the run is not deterministic)',
    );
  const mid = (get: (r: Round) => number): number => median(all.map(get));
  const seconds = mid((r) => r.seconds);
  const model = r2(mid((r) => r.model));
  return {
    results: [
      { name: 'fleet.vms', value: vms, unit: 'VMs' },
      { name: 'fleet.days', value: days, unit: 'days' },
      ...(rounds > 1 ? [{ name: 'fleet.rounds', value: rounds, unit: 'rounds' }] : []),
      { name: 'fleet.wall', value: Math.round(seconds * 1000) / 1000, unit: 's' },
      { name: 'fleet.cpu', value: Math.round(mid((r) => r.cpu) / 1000) / 1000, unit: 's' },
      { name: 'fleet.events', value: first.events, unit: 'events' },
      { name: 'fleet.events_per_s', value: Math.round(first.events / seconds), unit: 'events/s' },
      // Wall time per VM and simulated day: flat while a fleet's data fits the caches, growing after.
      { name: 'fleet.wall_per_vm_day', value: Math.round((seconds * 1e8) / (vms * days)) / 100, unit: 'µs' },
      // CPU per VM and simulated day: what a threshold should judge (steadier than wall time).
      { name: 'fleet.cpu_per_vm_day', value: model, unit: 'µs' },
      {
        name: 'fleet.peak_rss',
        value: Math.round(Math.max(...all.map((r) => r.rss)) / 2 ** 20),
        unit: 'MiB',
      },
      { name: `fleet.fingerprint.${first.fingerprint}`, value: 1, unit: 'fingerprint' },
      // The layout sketch's columnar layout at the same size, in the same process (issue 20's yardstick).
      { name: 'fleet.sketch_cpu_per_vm_day', value: r2(mid((r) => r.columnar)), unit: 'µs' },
      // The same sketch with the model's reported features (bench/layout-full.ts), run right after.
      { name: 'fleet.sketch_full_cpu_per_vm_day', value: r2(mid((r) => r.full)), unit: 'µs' },
    ],
    ratios: [
      // How far the model is from the sketch: issue 20's target is ≤ 1.5×.
      { name: 'fleet.ratio_to_sketch', value: r2(mid((r) => ratio(r.model, r.columnar))), unit: '×' },
      // How far the model is from a columnar core doing what it reports.
      { name: 'fleet.ratio_to_full_sketch', value: r2(mid((r) => ratio(r.model, r.full))), unit: '×' },
    ],
  };
}
