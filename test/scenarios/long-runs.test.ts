// Long runs work or are refused clearly, and disks obey their size (issue 21): a 100-year run
// of a shipped example completes; instants outside years 0001–9999 are positioned errors;
// growth stops at a disk's provisioned size and the summary says from when.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { fullAt } from '../../models/workload/growth.js';
import { buildSummary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const GIB = 1024 ** 3;
const TIB = 1024 * GIB;
const example = (name: string) => readFileSync(`scenarios/examples/${name}.yaml`, 'utf8');

const load = (text: string) => {
  const r = loadScenarioText(text, 'x.yaml');
  if (!r.ok) throw new Error(r.issues.map(renderIssue).join('\n'));
  return r.scenarios;
};
const issues = (text: string) => {
  const r = loadScenarioText(text, 'x.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
};

describe('a 100-year run', () => {
  it('runs the enhanced-hourly example for duration 36500d to a result, its data disks full from 2029-07-31', () => {
    const text = example('enhanced-hourly').replace('duration: 90d', 'duration: 36500d');
    const [base] = load(text);
    const r = simulate(base);
    // 36,500 days from 2026-01-01: 100 calendar years less the 24 leap days of 2028–2124
    // (2100 is not a leap year) = 2126-01-01 − 24 days = 2125-12-08.
    expect(r.end).toBe('2125-12-08T00:00:00.000Z');
    expect(r.days).toBe(36_500);
    // 800 GiB growing 30% a year fills the 2 TiB data disk after ln(2.56)/ln(1.3) = 3.58283
    // years = 1307.734 days: 2029-07-31T17:36:51Z, for the 3 VMs of each group.
    expect(r.diskFull).toEqual([
      { group: 'db-a', disk: 'data-1', vms: 3, size: 2 * TIB, from: '2029-07-31T17:36:51.120Z' },
      { group: 'db-b', disk: 'data-1', vms: 3, size: 2 * TIB, from: '2029-07-31T17:36:51.120Z' },
    ]);
    // Every vault point holds at most what the VM's disks hold (2 TiB + 64 GiB), and at most
    // 30 daily + 8 weekly + 6 monthly = 44 points (plus a few in flight) are kept per VM.
    expect(r.storage.peak.standard).toBeLessThanOrEqual(6 * 50 * (2 * TIB + 64 * GIB));
    const table = renderTable(buildSummary([r], { file: 'enhanced-hourly.yaml', version: '0' }));
    expect(table).toContain(
      '! disk full: db-a/data-1 (2.00 TiB) on 3 VMs is full from 2029-07-31T17:36:51.120Z',
    );
  });

  it('refuses 36501d with the limit, at the duration', () => {
    const text = example('enhanced-hourly').replace('duration: 90d', 'duration: 36501d');
    expect(issues(text)).toEqual([
      'x.yaml:19:11 duration: a scenario may simulate at most 36500d (100 years), got 36501d',
    ]);
  });
});

describe('instants the outputs can write', () => {
  const at = (start: string, duration = '90d') =>
    example('enhanced-hourly')
      .replace('start: "2026-01-01T00:00:00Z"', `start: "${start}"`)
      .replace('duration: 90d', `duration: ${duration}`);

  it('refuses a start of 9999-12-31T23:59:59Z at the start, naming the last writable instant', () => {
    expect(issues(at('9999-12-31T23:59:59Z'))).toEqual([
      'x.yaml:18:8 start: start 9999-12-31T23:59:59Z plus duration 90d ends after 9999-12-31T23:59:59.999Z; instants are written with four-digit years, from 0001 to 9999',
    ]);
  });

  it('refuses a start before year 1, also when an offset moves it there', () => {
    expect(issues(at('0001-01-01T00:30:00+01:00'))[0]).toMatch(
      /^x\.yaml:18:8 start: start 0000-12-31T23:30:00Z is before 0001-01-01T00:00:00Z/,
    );
  });

  it('runs at both ends of the range: ending at the last instant, starting at the first', () => {
    // 9999-10-02T23:59:59Z + 90 days = 9999-12-31T23:59:59Z, the last whole second.
    const [late] = load(at('9999-10-02T23:59:59Z'));
    expect(simulate(late).end).toBe('9999-12-31T23:59:59.000Z');
    // A daily 22:30 New York schedule takes as many backups in 30 days of year 1 (New York
    // then on local mean time, −4:56:02, so the first hours of AD 1 are still 1 BC there) as
    // in 2026: 50 VMs × 30 days.
    const daily = (start: string) => {
      const text = example('retention-comparison')
        .replace(/^start: .*$/m, `start: "${start}"`)
        .replace(/^duration: .*$/m, 'duration: 30d');
      return simulate(load(text)[0]).jobs[0].scheduled;
    };
    expect(daily('0001-01-01T00:00:00Z')).toBe(daily('2026-01-01T00:00:00Z'));
    expect(daily('0001-01-01T00:00:00Z')).toBeGreaterThan(0);
  });
});

describe('disks obey their size', () => {
  // The issue's case: a 1 TiB disk with 100 GiB used growing 1000% a year, for 10 years.
  const text = `name: full-disk
start: "2026-01-01T00:00:00Z"
duration: 3650d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily-7
    schedule: { frequency: daily, at: "22:30" }
    instantRestore: 2d
    retention: { daily: 7 }
fleet:
  - name: web
    region: eastus
    disks:
      - { size: 64GiB, used: 50% }
      - { size: 1TiB, used: 100GiB, churn: { daily: 5% }, growth: 1000% }
    backup: { vault: rsv, policy: daily-7 }
`;

  it('caps growth at 1 TiB from 2026-12-21 and says so in the summary and the table', () => {
    const r = simulate(load(text)[0]);
    // 100 GiB × 11^(t / 365 d) = 1 TiB after ln(10.24)/ln(11) = 0.970141 years = 354.102 days:
    // 2026-01-01 + 354.102 d = 2026-12-21T02:27Z.
    const at = fullAt({ used: 100 * GIB, growth: 10, size: TIB });
    expect(at / 86_400_000).toBeCloseTo(354.102, 3);
    expect(r.diskFull).toEqual([
      {
        group: 'web',
        disk: 'data-1',
        vms: 1,
        size: TIB,
        from: new Date(Date.parse('2026-01-01') + at).toISOString(),
      },
    ]);
    expect(r.diskFull[0].from).toMatch(/^2026-12-21T02:27:/);
    // Snapshots: at most 3 instant-restore snapshots (2 days + the latest), each at most the
    // VM's 64 GiB + 1 TiB, not the 79.81 EiB uncapped growth gave.
    expect(r.storage.peak.snapshot).toBeLessThanOrEqual(3 * (TIB + 64 * GIB));
    // The vault: 7 daily points plus one in flight, each at most a full copy.
    expect(r.storage.peak.standard).toBeLessThanOrEqual(8 * (TIB + 64 * GIB));
    const summary = buildSummary([r], { file: 'full.yaml', version: '0' });
    expect(summary.runs[0].diskFull).toEqual(r.diskFull);
    expect(renderTable(summary)).toMatch(
      /^! disk full: web\/data-1 \(1\.00 TiB\) on 1 VM is full from 2026-12-21T02:27:/m,
    );
  });

  it('runs a first backup crawling past the clock range: it never lands, and nothing throws', () => {
    // 32 TiB at 1 bit/s = 0.125 B/s: 35,184,372,088,832 B / 0.125 B/s = 2.8e14 s = 2.8e17 ms,
    // past the clock's 2^53 − 1 ms: the transfer holds its slot and is never scheduled.
    const crawl = text
      .replace('{ size: 1TiB, used: 100GiB, churn: { daily: 5% }, growth: 1000% }', '{ size: 32TiB }')
      .replace('duration: 3650d', 'duration: 30d')
      .concat('backupJobs: { initialThroughput: 1bps }\n');
    const r = simulate(load(crawl)[0]);
    expect(r.jobs[0].vaultTransfers).toBe(0);
    expect(r.storage.end.standard).toBe(0);
    expect(r.jobs[0].snapshots).toBeGreaterThan(0);
  });

  it('lists no full disk when growth stays below the size', () => {
    const r = simulate(load(text.replace('growth: 1000%', 'growth: 10%').replace('3650d', '365d'))[0]);
    expect(r.diskFull).toEqual([]);
  });
});
