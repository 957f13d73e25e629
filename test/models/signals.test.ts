// The signal catalog (models/signals.ts) against what the models really emit: a run whose
// rules read every catalogued signal records each metric sample and log row the monitor
// receives; every one must be catalogued with exactly its dimensions (or columns), and every
// catalogued signal must show up. A model that starts emitting a new signal or dimension
// fails here until the catalog (and so scenario validation) knows it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Monitor } from '../../models/monitor/monitor.js';
import { SIGNALS } from '../../models/signals.js';
import { simulate } from '../../models/simulate.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

// Backups over a named link (Backup Health Events, the jobs log, Vault Storage, Link
// Utilization), a replicated VM (replication statistics), a VM failure restored from the
// vault (Restore Health Events, VMs Unavailable).
const rules = SIGNALS.map((s, i) =>
  s.kind === 'metric'
    ? `    - { name: m${i}, metric: ${s.name}, aggregation: count, when: "> 1000000", splitBy: [${s.dimensions[0]}] }`
    : `    - { name: l${i}, log: ${s.name}, when: "> 1000000", splitBy: [${s.dimensions[0]}] }`,
).join('\n');

const SCENARIO = `name: every-signal
duration: 4d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
links:
  - { name: wan, capacity: 1Gbps }
vaults:
  - { name: rsv, region: eastus, link: wan }
policies:
  - name: daily
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 7 }
backupJobs: { startWindow: 0s }
fleet:
  - name: web
    count: 2
    region: eastus
    disks: [{ size: 8GiB, used: 50%, churn: { daily: 5% } }]
    backup: { vault: rsv, policy: daily, failureRate: 30% }
  - name: db
    region: eastus
    disks: [{ size: 8GiB, used: 50%, churn: { daily: 5% } }]
    replicate: { to: westus }
events:
  - { at: 2d12h, vmFailure: { vms: [web-001] } }
diagnostics: {}
monitor:
  alerts:
${rules}
`;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the signal catalog', () => {
  it('lists exactly the signals and dimensions a run emits', () => {
    const loaded = loadScenarioText(SCENARIO, 'every-signal.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map(renderIssue).join('\n'));
    const seen = new Map<string, Set<string>>();
    const record = (kind: string, name: string, fields: object) => {
      const keys = seen.get(`${kind}:${name}`) ?? new Set<string>();
      for (const k of Object.keys(fields)) keys.add(k);
      seen.set(`${kind}:${name}`, keys);
    };
    const metric = Monitor.prototype.metric;
    const log = Monitor.prototype.log;
    vi.spyOn(Monitor.prototype, 'metric').mockImplementation(function (this: Monitor, name, dims, t, value) {
      record('metric', name, dims);
      metric.call(this, name, dims, t, value);
    });
    vi.spyOn(Monitor.prototype, 'log').mockImplementation(function (this: Monitor, table, row, t) {
      record('log', table, row);
      log.call(this, table, row, t);
    });
    simulate(loaded.scenarios[0]);
    const emitted = [...seen].map(([key, dims]) => [key, [...dims].sort()]).sort();
    const catalogued = SIGNALS.map((s) => [`${s.kind}:${s.name}`, [...s.dimensions].sort()]).sort();
    expect(emitted).toEqual(catalogued);
  });

  it('names every signal constant a model declares in a signals.ts', () => {
    // A model declares the names it emits as string constants in its signals.ts
    // (models/monitor/signals.ts, models/dr/signals.ts): each must be catalogued.
    const models = join(import.meta.dirname, '../../models');
    const files = readdirSync(models, { recursive: true, encoding: 'utf8' })
      .filter((f) => f.endsWith('signals.ts') && f !== 'signals.ts')
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(2);
    const declared = files.flatMap((f) =>
      [...readFileSync(join(models, f), 'utf8').matchAll(/^export const [A-Z_]+ = '([^']+)';$/gm)].map(
        (m) => m[1],
      ),
    );
    expect(declared.filter((name) => !SIGNALS.some((s) => s.name === name))).toEqual([]);
    expect(declared.length).toBe(SIGNALS.length);
  });

  it('lists metrics then log tables, each sorted by name, with no name twice', () => {
    const order = (s: (typeof SIGNALS)[number]) => `${s.kind === 'metric' ? 0 : 1}:${s.name.toLowerCase()}`;
    expect(SIGNALS.map(order)).toEqual(SIGNALS.map(order).sort());
    expect(new Set(SIGNALS.map((s) => s.name)).size).toBe(SIGNALS.length);
  });
});
