// The disaster-recovery bench (issue 5): 2,000 VMs replicated by Site Recovery (and backed up
// daily) over 30 days, East US down for 12 hours on day 20, all VMs in one recovery plan of
// 10 groups. Azure caps a plan at 100 VMs and 7 groups (docs/reference.md §5.5) and the
// scenario loader enforces that; the bench builds the one big plan on the loaded scenario
// to measure the model at the size the issue asks for. Reports wall time, events and events/s.

import { loadScenarioText, simulate } from '../index.js';
import { type BenchResult, clock, peakRss } from './measure.js';

/** The bench scenario as YAML: `vms` replicated VMs in 20 groups. */
export function drScenario(vms: number, days: number): string {
  const groups = 20;
  const per = Math.ceil(vms / groups);
  const outageDay = Math.min(20, days - 2);
  const lines = [
    'name: dr-bench',
    'seed: 1',
    `duration: ${days}d`,
    'regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]',
    'vaults:',
    ...Array.from(
      { length: 2 },
      (_, i) => `  - { name: rsv-${i}, region: eastus, redundancy: GRS, crossRegionRestore: true }`,
    ),
    'policies:',
    '  - name: daily',
    '    schedule: { frequency: daily, at: "22:00", timeZone: UTC }',
    '    retention: { daily: 30 }',
    'fleet:',
    ...Array.from({ length: groups }, (_, i) => [
      `  - name: app-${i}`,
      `    count: ${Math.max(0, Math.min(per, vms - i * per))}`,
      '    region: eastus',
      '    disks:',
      '      - { size: 128GiB, used: 60%, churn: { daily: 3%, spread: 1% } }',
      `    backup: { vault: rsv-${i % 2}, policy: daily }`,
      '    replicate: { to: westus, retention: 1d, appConsistentEvery: 4h }',
    ]).flat(),
    'events:',
    `  - { at: ${outageDay}d14h, outage: { region: eastus, for: 12h } }`,
    `  - { at: ${Math.max(1, outageDay - 10)}d, churnSpike: { group: app-0, rate: 80MB/s, for: 2h } }`,
  ];
  return `${lines.join('\n')}\n`;
}

/** Runs the DR scenario once with one 10-group plan over every VM and reports its figures. */
export function benchDr(vms: number, days: number): { results: BenchResult[]; ratios: BenchResult[] } {
  const loaded = loadScenarioText(drScenario(vms, days), 'dr-bench.yaml');
  if (!loaded.ok) throw new Error(`bench scenario invalid: ${loaded.issues[0].message}`);
  const scenario = loaded.scenarios[0];
  const ids = scenario.vms.map((vm) => vm.id);
  const size = Math.ceil(ids.length / 10);
  scenario.recoveryPlans = [
    {
      name: 'everything',
      pointChoice: 'latestProcessed',
      afterOutage: null,
      groups: Array.from({ length: 10 }, (_, k) => ({
        vms: ids.slice(k * size, (k + 1) * size),
        manual: 0 as never,
      })),
    },
  ];
  const t0 = clock();
  const result = simulate(scenario);
  const seconds = clock() - t0;
  const recovered = result.dr!.incidents.flatMap((i) => i.vms).filter((v) => v.rtoSeconds !== null);
  const worstRto = Math.max(0, ...recovered.map((v) => v.rtoSeconds!));
  return {
    results: [
      { name: 'dr.vms', value: vms, unit: 'VMs' },
      { name: 'dr.days', value: days, unit: 'days' },
      { name: 'dr.wall', value: Math.round(seconds * 1000) / 1000, unit: 's' },
      { name: 'dr.events', value: result.eventsProcessed, unit: 'events' },
      { name: 'dr.events_per_s', value: Math.round(result.eventsProcessed / seconds), unit: 'events/s' },
      { name: 'dr.recovered', value: recovered.length, unit: 'VMs' },
      { name: 'dr.plan_rto', value: worstRto, unit: 's' },
      { name: 'dr.peak_rss', value: Math.round(peakRss() / 2 ** 20), unit: 'MiB' },
      { name: `dr.fingerprint.${result.fingerprint}`, value: 1, unit: 'fingerprint' },
    ],
    ratios: [],
  };
}
