// The work and memory budget (issue 21): estimates close to the events a run really
// processes, refusals before simulating with the estimate and the flag that raises the
// limit, and --max-work off.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fleetScenario } from '../../bench/fleet.js';
import { type Budget, checkBudget, DEFAULT_MAX_WORK } from '../../cli/budget.js';
import { estimateRun, estimateWork } from '../../cli/work-estimate.js';
import { simulate } from '../../models/simulate.js';
import { loadScenarioFile, loadScenarioText } from '../../scenarios/load.js';
import { TINY } from '../reports/fixture.js';
import { runIn, tempDir } from './harness.js';

const examples = join(import.meta.dirname, '../../scenarios/examples');

function scenarioOf(text: string) {
  const loaded = loadScenarioText(text, 's.yaml');
  if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
  return loaded.scenarios;
}

// `vms` VMs on an every-4-hours enhanced policy keeping 9,000 daily points for `days` days.
function hourly(vms: number, days: number): string {
  return `name: hourly
seed: 1
duration: ${days}d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
vaults: [{ name: rsv, region: eastus }]
policies:
  - name: h4
    type: enhanced
    schedule: { frequency: hourly, every: 4h, window: { start: "00:00", duration: 24h }, timeZone: UTC }
    instantRestore: 17d
    retention: { daily: 9000 }
fleet:
  - { name: db, count: ${vms}, region: eastus, disks: [{ size: 128GiB, used: 50%, churn: { daily: 3% } }], backup: { vault: rsv, policy: h4 } }
`;
}

describe('estimateRun', () => {
  it('estimates the fleet bench: 10,000 VMs × 365 days', () => {
    const [s] = scenarioOf(fleetScenario(10_000, 365));
    const e = estimateRun(s);
    // 10,000 VMs × 365 days = 3,650,000 VM-days; one daily backup each = 3,650,000 jobs.
    expect(e.itemDays).toBe(3_650_000);
    expect(e.jobs).toBe(3_650_000);
    // Work = 7,300,000 events (the bench processes 7,242,216) + 1,000 for the run itself.
    expect(e.work).toBe(7_301_000);
    // Peak points per VM: 3 snapshots (2 days instant restore + the latest) + 30 daily + 12
    // weekly + 12 monthly + min(3 yearly, ⌊365/365⌋ + 1 = 2) = 59; × 10,000 = 590,000.
    expect(e.peakPoints).toBe(590_000);
    // 120 MiB + 10,000 × 32 KiB + 3,650,000 × 32 B × 2 + 590,000 × 256 B = 838,149,120 B ≈ 799 MiB
    // (measured: 676 MiB peak RSS).
    expect(e.memory).toBe(120 * 2 ** 20 + 10_000 * 32 * 1024 + 7_300_000 * 32 + 590_000 * 256);
    expect(e.work * 100).toBeLessThan(DEFAULT_MAX_WORK);
  });

  it('estimates the events of a small fleet and of every example within a factor of two', () => {
    const [fleet] = scenarioOf(fleetScenario(200, 60));
    const cases = [
      fleet,
      ...readdirSync(examples)
        .filter((f) => f.endsWith('.yaml'))
        .flatMap((f) => {
          const loaded = loadScenarioFile(join(examples, f));
          return loaded.ok ? [loaded.scenarios[0]] : [];
        }),
    ];
    expect(cases.length).toBeGreaterThan(5);
    for (const s of cases) {
      const ratio = estimateRun(s).work / simulate(s).eventsProcessed;
      expect(ratio, `${s.name}: estimate / events`).toBeGreaterThan(0.5);
      expect(ratio, `${s.name}: estimate / events`).toBeLessThan(2);
    }
  });

  it('counts every run of every replication, and memory once per thread', () => {
    const scenarios = scenarioOf(TINY);
    const one = estimateRun(scenarios[0]);
    const e = estimateWork(scenarios, 1000, 2);
    expect(e.runs).toBe(2000);
    expect(e.work).toBe(1000 * (one.work + estimateRun(scenarios[1]).work));
    expect(e.memory).toBe(2 * e.memoryPerThread);
  });
});

describe('checkBudget', () => {
  const budget: Budget = { maxWork: 1_000_000, heapLimit: 2 ** 30, machineMemory: 2 ** 32 };
  const estimate = (work: number, memoryPerThread: number, threads = 1) => ({
    runs: 1,
    itemDays: work / 2,
    jobs: work / 2,
    peakPoints: 10,
    work,
    memoryPerThread,
    memory: memoryPerThread * threads,
  });

  it('passes what fits, refuses what does not with the estimate and the flag', () => {
    expect(() => checkBudget(estimate(999_999, 2 ** 29), budget, 'this run')).not.toThrow();
    expect(() => checkBudget(estimate(2_600_000, 2 ** 29), budget, 'this run')).toThrow(
      'this run is larger than the work budget: about 2,600,000 units of work (1,300,000 VM-days, 1,300,000 backup jobs, ' +
        '10 recovery points kept at peak, 1 run), more than 1,000,000 (--max-work; the default is about 1½ hours of one core). ' +
        'Raise it with --max-work 2.6e6, or drop the check with --max-work off.',
    );
    expect(() => checkBudget(estimate(10, 3 * 2 ** 30), budget, 'this run')).toThrow(
      /needs about 3\.00 GiB of memory .*Node gives this process 1\.00 GiB.*--max-old-space-size=4096; or drop the check with --max-work off\.$/,
    );
    expect(() => checkBudget(estimate(10, 2 ** 30, 8), budget, 'this sweep')).toThrow(
      /this sweep needs about 8\.00 GiB of memory with its worker threads .*this machine has 4\.00 GiB\. Use fewer --workers/,
    );
    expect(() => checkBudget(estimate(1e12, 1e12), { ...budget, maxWork: null }, 'this run')).not.toThrow();
  });
});

describe('the budget in the CLI', () => {
  it('refuses a run beyond the memory this process has, before simulating, in well under a second', async () => {
    const dir = tempDir();
    // The issue's case: 1,000 VMs every 4 hours for 100 years (219,000,000 jobs).
    writeFileSync(join(dir, 'h.yaml'), hourly(1000, 36_500));
    const started = Date.now();
    const r = await runIn(dir, 'run', 'h.yaml');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^vaultsim: this run needs about [\d.]+ GiB of memory \(36,500,000 VM-days, 219,000,000 backup jobs, 9,103,000 recovery points kept at peak, 1 run\); Node gives this process /,
    );
    expect(r.stderr).toContain('--max-work off');
    expect(Date.now() - started).toBeLessThan(5000);
    expect(readdirSync(dir)).toEqual(['h.yaml']);
  });

  it('refuses beyond --max-work, and runs with --max-work off', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'tiny.yaml'), TINY);
    // 2 VMs × 10 days × 2 runs: 40 VM-days and 40 daily backups, + 2 × 1,000 for the runs = 2,080
    // units. Points per VM:
    // 3 snapshots (2 days + the latest) + 9 daily + min(4 weekly, ⌊10/7⌋ + 1 = 2) = 14; × 2 VMs = 28.
    const refused = await runIn(dir, 'run', 'tiny.yaml', '--max-work', '2000', '--no-out');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'vaultsim: this run is larger than the work budget: about 2,080 units of work (40 VM-days, 40 backup jobs, ' +
        '28 recovery points kept at peak, 2 runs), more than 2,000 (--max-work; the default is about 1½ hours of one core). ' +
        'Raise it with --max-work 2080, or drop the check with --max-work off.\n',
    );
    // The issue's sweep -n 1e7: 10,000,000 × 2,080 = 20,800,000,000 units.
    const sweep = await runIn(dir, 'sweep', 'tiny.yaml', '-n', '10000000');
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toContain(
      'this sweep is larger than the work budget: about 20,800,000,000 units of work',
    );
    expect(sweep.stderr).toContain('20,000,000 runs');
    expect(sweep.stderr).toContain('--max-work 2.1e10');
    const off = await runIn(dir, 'run', 'tiny.yaml', '--max-work', 'off', '--no-out');
    expect(off.code).toBe(0);
    const bad = await runIn(dir, 'run', 'tiny.yaml', '--max-work', 'lots');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--max-work takes a number of work units, e.g. 2e9, or off.');
  });
});
