// The loader's behaviour: defaults, fleet expansion, units, calendar rules, variants,
// sweeps, positions and issue order; then properties over arbitrary text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { theoreticalMean, theoreticalVariance } from '../../engine/distributions.js';
import type { Scenario } from '../../models/scenario/types.js';
import { ISSUE_CODES, type Issue, renderIssue, sortIssues } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const GIB = 1024 ** 3;

type Plain = Record<string, unknown>;

/** A small valid scenario to change one thing at a time: one region pair, one vault, one policy, one VM. */
class ScenarioBuilder {
  private readonly doc: Plain = {
    name: 'test',
    duration: '30d',
    regions: [
      { name: 'eastus', pair: 'westus' },
      { name: 'westus', pair: 'eastus' },
    ],
    vaults: [{ name: 'rsv', region: 'eastus' }],
    policies: [{ name: 'daily-30', schedule: { frequency: 'daily', at: '22:30' }, retention: { daily: 30 } }],
    fleet: [
      {
        name: 'web',
        region: 'eastus',
        disks: [{ size: '128GiB' }],
        backup: { vault: 'rsv', policy: 'daily-30' },
      },
    ],
  };

  /** Sets a value by dotted path; numeric steps index lists (`fleet.0.count`). */
  set(path: string, value: unknown): this {
    const steps = path.split('.');
    let node = this.doc as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) {
      node[step] ??= {};
      node = node[step] as Record<string, unknown>;
    }
    node[steps[steps.length - 1]] = value;
    return this;
  }

  /** Removes a field by dotted path. */
  without(path: string): this {
    const steps = path.split('.');
    let node = this.doc as Record<string, unknown>;
    for (const step of steps.slice(0, -1)) node = node[step] as Record<string, unknown>;
    delete node[steps[steps.length - 1]];
    return this;
  }

  /** Replaces the policy list with one policy. */
  withPolicy(policy: Plain): this {
    this.doc.policies = [policy];
    (this.doc.fleet as Plain[])[0].backup = { vault: 'rsv', policy: policy.name };
    return this;
  }

  /** Adds a fleet group. */
  withGroup(group: Plain): this {
    (this.doc.fleet as Plain[]).push({ region: 'eastus', disks: [{ size: '64GiB' }], ...group });
    return this;
  }

  text(): string {
    return stringify(this.doc);
  }
}

const aScenario = () => new ScenarioBuilder();

/** Every scenario the text describes, failing with the rendered issues when it has any. */
function scenariosOf(text: string): Scenario[] {
  const result = loadScenarioText(text, 's.yaml');
  if (!result.ok)
    throw new Error(`expected a valid scenario, got:\n${result.issues.map(renderIssue).join('\n')}`);
  return result.scenarios;
}

const only = (text: string): Scenario => {
  const all = scenariosOf(text);
  expect(all).toHaveLength(1);
  return all[0];
};

/** The issues the text has (none when it loads). */
function issuesOf(text: string): Issue[] {
  const result = loadScenarioText(text, 's.yaml');
  return result.ok ? [] : result.issues;
}

const linesOf = (text: string) => issuesOf(text).map(renderIssue);

describe('defaults', () => {
  const s = only(aScenario().text());
  const vm = s.vms[0];

  it('fills the scenario-wide defaults', () => {
    expect(s).toMatchObject({ name: 'test', description: '', variant: 'base', seed: 1 });
    expect(s.start).toBe(Date.UTC(2026, 0, 1, 0, 0, 0));
    expect(s.duration).toBe(30 * DAY);
    expect(s.objectives).toEqual({ rpo: null, rto: null, scoped: [] });
    expect(s.links).toEqual([]);
  });

  it('gives regions three zones and vaults GRS with 14 days of soft delete', () => {
    expect(s.regions).toEqual([
      { name: 'eastus', pair: 'westus', zones: 3, cores: null },
      { name: 'westus', pair: 'eastus', zones: 3, cores: null },
    ]);
    expect(s.vaults[0]).toEqual({
      name: 'rsv',
      region: 'eastus',
      redundancy: 'GRS',
      crossRegionRestore: false,
      softDelete: 14 * DAY,
      softDeleteAlwaysOn: false,
      immutability: 'disabled',
      resourceGuard: null,
      link: null,
      maxConcurrentTransfers: 100,
    });
  });

  it('gives a VM linux, the VM agent, no zone, no tags and protection from the start', () => {
    expect(vm).toMatchObject({
      id: 'web-001',
      group: 'web',
      os: 'linux',
      vmAgent: true,
      zone: null,
      tags: {},
    });
    expect(vm.backup).toMatchObject({ vault: 'rsv', policy: 'daily-30', from: 0 });
  });

  it('names the first disk os, makes it premium, uses all of it and gives it no churn or growth', () => {
    expect(vm.disks).toEqual([
      {
        name: 'os',
        size: 128 * GIB,
        type: 'premium',
        used: 128 * GIB,
        churn: { kind: 'constant', value: 0 },
        growth: 0,
      },
    ]);
  });

  it('gives a policy the standard type, UTC and 2 days of instant restore', () => {
    expect(s.policies[0]).toMatchObject({
      type: 'standard',
      instantRestore: 2 * DAY,
      schedule: { frequency: 'daily', at: 22 * 60 + 30, days: [], every: null, window: DAY, timeZone: 'UTC' },
    });
  });

  it.each([
    ['standard daily', { schedule: { frequency: 'daily', at: '01:00' }, retention: { daily: 7 } }, 2],
    [
      'standard weekly',
      { schedule: { frequency: 'weekly', at: '01:00', days: 'Sunday' }, retention: { weekly: { count: 4 } } },
      5,
    ],
    [
      'enhanced daily',
      { type: 'enhanced', schedule: { frequency: 'daily', at: '01:00' }, retention: { daily: 7 } },
      7,
    ],
    [
      'enhanced every 4h',
      { type: 'enhanced', schedule: { frequency: 'hourly', every: '4h' }, retention: { daily: 7 } },
      7,
    ],
    [
      'enhanced every 12h',
      { type: 'enhanced', schedule: { frequency: 'hourly', every: '12h' }, retention: { daily: 7 } },
      7,
    ],
  ])('instant restore defaults to the documented days for a %s policy', (_, policy, days) => {
    const s = only(
      aScenario()
        .withPolicy({ name: 'p', ...policy })
        .text(),
    );
    expect(s.policies[0].instantRestore).toBe(days * DAY);
  });

  it.each([
    ['4h', 17],
    ['6h', 22],
    ['8h', 30],
    ['12h', 30],
  ])('an enhanced policy every %s keeps instant-restore snapshots at most %i days', (every, max) => {
    const policy = (days: number) => ({
      name: 'p',
      type: 'enhanced',
      schedule: { frequency: 'hourly', every },
      instantRestore: `${days}d`,
      retention: { daily: 7 },
    });
    expect(only(aScenario().withPolicy(policy(max)).text()).policies[0].instantRestore).toBe(max * DAY);
    const issues = issuesOf(
      aScenario()
        .withPolicy(policy(max + 1))
        .text(),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([['policy-limit', 'policies[0].instantRestore']]);
    expect(issues[0].message).toContain(`from 1d to ${max}d, got ${max + 1}d`);
  });

  it('starts an hourly window at 08:00 and lets it last 24 hours', () => {
    const s = only(
      aScenario()
        .withPolicy({
          name: 'p',
          type: 'enhanced',
          schedule: { frequency: 'hourly', every: '6h' },
          retention: { daily: 7 },
        })
        .text(),
    );
    expect(s.policies[0].schedule).toEqual({
      frequency: 'hourly',
      at: 8 * 60,
      days: [],
      every: 6 * HOUR,
      window: 24 * HOUR,
      timeZone: 'UTC',
    });
  });
});

describe('fleet expansion', () => {
  it('names VMs after their group with three-digit numbers', () => {
    const s = only(aScenario().set('fleet.0.count', 3).text());
    expect(s.vms.map((v) => v.id)).toEqual(['web-001', 'web-002', 'web-003']);
    expect(new Set(s.vms.map((v) => v.group))).toEqual(new Set(['web']));
  });

  it('keeps three digits up to 999 VMs', () => {
    const s = only(aScenario().set('fleet.0.count', 999).without('fleet.0.backup').text());
    expect([s.vms[0].id, s.vms[998].id]).toEqual(['web-001', 'web-999']);
  });

  it('widens the number for 1000 VMs or more, so ids sort in order', () => {
    const s = only(aScenario().set('fleet.0.count', 1000).without('fleet.0.backup').text());
    expect(s.vms).toHaveLength(1000);
    expect([s.vms[0].id, s.vms[9].id, s.vms[999].id]).toEqual(['web-0001', 'web-0010', 'web-1000']);
    const ids = s.vms.map((v) => v.id);
    expect([...ids].sort()).toEqual(ids);
  });

  it('lists groups in file order and keeps ids stable when another group grows', () => {
    const small = only(aScenario().withGroup({ name: 'db', count: 2 }).text());
    const grown = only(aScenario().set('fleet.0.count', 5).withGroup({ name: 'db', count: 2 }).text());
    expect(small.vms.map((v) => v.id)).toEqual(['web-001', 'db-001', 'db-002']);
    expect(grown.vms.filter((v) => v.group === 'db').map((v) => v.id)).toEqual(['db-001', 'db-002']);
  });

  it('sorts tags by key', () => {
    const s = only(aScenario().set('fleet.0.tags', { tier: 'web', app: 'shop', Owner: 'ops' }).text());
    expect(Object.keys(s.vms[0].tags)).toEqual(['Owner', 'app', 'tier']);
    expect(s.vms[0].tags).toEqual({ app: 'shop', Owner: 'ops', tier: 'web' });
  });

  it('names disks os, data-1, data-2 unless they are named', () => {
    const disks = [{ size: '128GiB' }, { size: '1TiB' }, { name: 'logs', size: '64GiB' }, { size: '64GiB' }];
    const s = only(aScenario().set('fleet.0.disks', disks).text());
    expect(s.vms[0].disks.map((d) => d.name)).toEqual(['os', 'data-1', 'logs', 'data-3']);
  });

  it('carries zone, os, the VM agent and backup.from through', () => {
    const s = only(
      aScenario()
        .set('fleet.0.zone', 2)
        .set('fleet.0.os', 'windows')
        .set('fleet.0.vmAgent', false)
        .set('fleet.0.backup.from', '7d')
        .text(),
    );
    expect(s.vms[0]).toMatchObject({ zone: 2, os: 'windows', vmAgent: false, backup: { from: 7 * DAY } });
  });
});

describe('units', () => {
  it('reads 128GiB as 137438953472 bytes and 60% used as a share of it', () => {
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '128GiB', used: '60%' }])
        .text(),
    );
    expect(s.vms[0].disks[0].size).toBe(137_438_953_472);
    expect(s.vms[0].disks[0].used).toBe(Math.round(137_438_953_472 * 0.6));
  });

  it('reads used as a size too', () => {
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '1TiB', used: '100GiB' }])
        .text(),
    );
    expect(s.vms[0].disks[0].used).toBe(100 * GIB);
  });

  it('reads a fixed daily churn as a constant fraction', () => {
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '128GiB', churn: { daily: '3%' } }])
        .text(),
    );
    expect(s.vms[0].disks[0].churn).toEqual({ kind: 'constant', value: 0.03 });
  });

  it('reads churn 3% with spread 1% as a lognormal with mean 0.03 and sd 0.01', () => {
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '128GiB', churn: { daily: '3%', spread: '1%' } }])
        .text(),
    );
    const churn = s.vms[0].disks[0].churn;
    expect(churn.kind).toBe('lognormal');
    expect(theoreticalMean(churn)).toBeCloseTo(0.03, 12);
    expect(Math.sqrt(theoreticalVariance(churn))).toBeCloseTo(0.01, 12);
  });

  it('reads a churn distribution in percent', () => {
    const daily = { distribution: 'uniform', min: '1%', max: '5%' };
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '128GiB', churn: { daily } }])
        .text(),
    );
    expect(s.vms[0].disks[0].churn).toEqual({ kind: 'uniform', min: 0.01, max: 0.05 });
  });

  it('reads growth above 100% a year', () => {
    const s = only(
      aScenario()
        .set('fleet.0.disks', [{ size: '128GiB', growth: '150%' }])
        .text(),
    );
    expect(s.vms[0].disks[0].growth).toBe(1.5);
  });

  it('reads durations, instants with offsets, bandwidths and times of day', () => {
    const s = only(
      aScenario()
        .set('duration', '2w')
        .set('start', '2026-03-01T02:00:00+02:00')
        .set('links', [{ name: 'backbone', capacity: '10Gbps', perTransfer: '60MB/s' }])
        .set('vaults.0.link', 'backbone')
        .set('vaults.0.softDelete', '30d')
        .set('objectives', { rpo: '24h', rto: '1h30m' })
        .text(),
    );
    expect(s.duration).toBe(14 * DAY);
    expect(s.start).toBe(Date.UTC(2026, 2, 1, 0, 0, 0));
    expect(s.links).toEqual([{ name: 'backbone', capacity: 1.25e9, perTransfer: 60e6 }]);
    expect(s.vaults[0]).toMatchObject({ link: 'backbone', softDelete: 30 * DAY });
    expect(s.objectives).toEqual({ rpo: 24 * HOUR, rto: 1.5 * HOUR, scoped: [] });
    expect(s.policies[0].schedule.at).toBe(22 * 60 + 30);
  });

  it('turns soft delete off with false', () => {
    expect(only(aScenario().set('vaults.0.softDelete', false).text()).vaults[0].softDelete).toBeNull();
  });

  it('refuses a bare number where a unit is needed', () => {
    const issues = issuesOf(
      aScenario()
        .set('fleet.0.disks', [{ size: 128 }])
        .text(),
    );
    expect(issues.map((i) => [i.code, i.path, i.message])).toEqual([
      [
        'invalid-unit',
        'fleet[0].disks[0].size',
        'expected a size like 128GiB, got 128 (a number needs its unit)',
      ],
    ]);
  });
});

describe('calendar rules', () => {
  const weekly = (days: unknown, retention: Plain) => ({
    name: 'p',
    schedule: { frequency: 'weekly', at: '01:00', days },
    retention,
  });

  it('turns weekdays into numbers, Sunday = 0, sorted and without repeats', () => {
    const s = only(
      aScenario()
        .withPolicy(weekly(['Saturday', 'Sunday'], { weekly: { count: 4, on: ['Saturday', 'Sunday'] } }))
        .text(),
    );
    expect(s.policies[0].schedule.days).toEqual([0, 6]);
    expect(s.policies[0].retention.weekly).toEqual({ count: 4, on: [0, 6] });
  });

  it('accepts one weekday written alone', () => {
    const s = only(
      aScenario()
        .withPolicy(weekly('Saturday', { weekly: { count: 4, on: 'Saturday' } }))
        .text(),
    );
    expect(s.policies[0].schedule.days).toEqual([6]);
    expect(s.policies[0].retention.weekly?.on).toEqual([6]);
  });

  it('keeps weekly points on Sunday, monthly on the first Sunday and yearly in January by default', () => {
    const s = only(
      aScenario()
        .withPolicy({
          name: 'p',
          schedule: { frequency: 'daily', at: '01:00' },
          retention: { daily: 7, weekly: { count: 4 }, monthly: { count: 12 }, yearly: { count: 3 } },
        })
        .text(),
    );
    expect(s.policies[0].retention).toEqual({
      daily: 7,
      weekly: { count: 4, on: [0] },
      monthly: { count: 12, on: { kind: 'weekday', n: 1, weekday: 0 } },
      yearly: { count: 3, in: [1], on: { kind: 'weekday', n: 1, weekday: 0 } },
    });
  });

  it.each([
    ['first Sunday', { kind: 'weekday', n: 1, weekday: 0 }],
    ['second Monday', { kind: 'weekday', n: 2, weekday: 1 }],
    ['fourth Thursday', { kind: 'weekday', n: 4, weekday: 4 }],
    ['last Friday', { kind: 'weekday', n: 'last', weekday: 5 }],
    [15, { kind: 'day', day: 15 }],
    ['last', { kind: 'day', day: 'last' }],
  ])('reads monthly on %j as %j', (on, rule) => {
    const s = only(
      aScenario()
        .withPolicy({
          name: 'p',
          schedule: { frequency: 'daily', at: '01:00' },
          retention: { daily: 7, monthly: { count: 12, on } },
        })
        .text(),
    );
    expect(s.policies[0].retention.monthly).toEqual({ count: 12, on: rule });
  });

  it('turns months into numbers, January = 1, sorted', () => {
    const s = only(
      aScenario()
        .withPolicy({
          name: 'p',
          schedule: { frequency: 'daily', at: '01:00' },
          retention: { daily: 7, yearly: { count: 3, in: ['July', 'January'], on: 'last Saturday' } },
        })
        .text(),
    );
    expect(s.policies[0].retention.yearly).toEqual({
      count: 3,
      in: [1, 7],
      on: { kind: 'weekday', n: 'last', weekday: 6 },
    });
  });

  // schema-check's collapse() keeps errors under an anyOf only when their schemaPath starts
  // with the anyOf's; errors inside a $ref'd branch have "#/$defs/…" paths, so the weekday
  // enum error survives and the uniqueItems error (and the anyOf) are dropped.
  it('reports a weekday listed twice as duplicate-item at the repeat (gives not-allowed on the list)', () => {
    const text = aScenario()
      .withPolicy(weekly(['Sunday', 'Sunday'], { weekly: { count: 4 } }))
      .text();
    expect(issuesOf(text).map((i) => [i.code, i.path, i.message])).toEqual([
      ['duplicate-item', 'policies[0].schedule.days[1]', '"Sunday" is listed twice'],
    ]);
  });

  it('reports one unknown weekday in a list once (gives a second issue on the whole list)', () => {
    const text = aScenario()
      .withPolicy(weekly(['Sunday', 'Funday'], { weekly: { count: 4 } }))
      .text();
    expect(issuesOf(text).map((i) => i.path)).toEqual(['policies[0].schedule.days[1]']);
  });
});

// A hand-written file, so positions can be checked exactly.
const WITH_VARIANTS = `name: test
seed: 42
duration: 30d
regions:
  - { name: eastus, pair: westus }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus }
policies:
  - name: daily-30
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
fleet:
  - name: web
    count: 2
    region: eastus
    disks: [{ size: 128GiB, churn: { daily: 3% } }]
    backup: { vault: rsv, policy: daily-30 }
variants:
  long-retention:
    policies.daily-30.retention.daily: 90
  bigger-disks:
    fleet[0].disks[0].size: 256GiB
    policies[0].schedule.at: "01:00"
  a-first:
    seed: 7
`;

describe('variants', () => {
  const runs = scenariosOf(WITH_VARIANTS);
  const byName = Object.fromEntries(runs.map((s) => [s.variant, s]));

  it('runs the base first, then each variant in file order', () => {
    expect(runs.map((s) => s.variant)).toEqual(['base', 'long-retention', 'bigger-disks', 'a-first']);
  });

  it('gives every variant the scenario seed unless it overrides it', () => {
    expect(runs.map((s) => s.seed)).toEqual([42, 42, 42, 7]);
  });

  it('overrides a list element by its name', () => {
    expect(byName['long-retention'].policies[0].retention.daily).toBe(90);
    expect(byName.base.policies[0].retention.daily).toBe(30);
  });

  it('overrides a list element by [index]', () => {
    expect(byName['bigger-disks'].vms.map((v) => v.disks[0].size)).toEqual([256 * GIB, 256 * GIB]);
    expect(byName['bigger-disks'].policies[0].schedule.at).toBe(60);
    expect(byName.base.vms[0].disks[0].size).toBe(128 * GIB);
  });

  it('changes only what it overrides', () => {
    const { variant: _a, policies: _b, ...base } = byName.base;
    const { variant: _c, policies: _d, ...long } = byName['long-retention'];
    expect(long).toEqual(base);
  });

  it('reports a path to a missing element with a did-you-mean, at the override key', () => {
    const text = WITH_VARIANTS.replace(
      'policies.daily-30.retention.daily: 90',
      'policies.daily-3.retention.daily: 90',
    );
    expect(linesOf(text)).toEqual([
      's.yaml:21:5 variants.long-retention.policies.daily-3.retention.daily: variant path "policies.daily-3.retention.daily": policies has no element named "daily-3"; did you mean "daily-30"?',
    ]);
    expect(issuesOf(text)[0].code).toBe('variant-path');
  });

  it.each([
    ['fleet[3].count: 2', 'fleet has 1 item, so [3] does not exist'],
    [
      'policies.daily-30.retension.daily: 2',
      'policies[0].retension is not set in the base scenario; did you mean "retention"?',
    ],
    [
      'policies.daily-30.retention[0]: 2',
      'policies[0].retention is not a list, so an [index] does not apply',
    ],
    [
      'policies.daily-30.retention.daily.x: 2',
      'policies[0].retention.daily is a single value, so the path cannot go further',
    ],
  ])('reports the bad path %s', (override, detail) => {
    const text = WITH_VARIANTS.replace('seed: 7', override);
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['variant-path']);
    expect(issues[0].message).toContain(detail);
    expect([issues[0].line, issues[0].column]).toEqual([26, 5]);
  });

  it('points an invalid overriding value at the override, naming the variant', () => {
    const text = WITH_VARIANTS.replace('retention.daily: 90', 'retention.daily: 3');
    const issues = issuesOf(text);
    expect(issues.map((i) => [i.line, i.column, i.code, i.path])).toEqual([
      [21, 40, 'policy-limit', 'policies[0].retention.daily'],
    ]);
    expect(issues[0].message).toMatch(
      /^in variant "long-retention": daily retention must be at least 7 days, got 3/,
    );
  });

  it('reports an issue in the base once, not again for each variant', () => {
    const text = WITH_VARIANTS.replace('size: 128GiB', 'size: 128GB, used: 200GB');
    expect(issuesOf(text).map((i) => i.path)).toEqual(['fleet[0].disks[0].used']);
  });

  it('refuses a variant named base, which is the scenario itself', () => {
    const result = loadScenarioText(`${WITH_VARIANTS}  base:\n    seed: 3\n`, 's.yaml');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.code)).toEqual(['duplicate-name']);
  });

  // The propertyNames error under a $ref'd name pattern reaches toIssue as a `pattern` error on the
  // whole variants mapping, so the message shows the whole object and points at `variants`.
  it('reports a variant name with capitals at the name (gives the whole mapping)', () => {
    const text = WITH_VARIANTS.replace('  a-first:', '  A-First:');
    expect(linesOf(text)).toEqual([
      's.yaml:25:3 variants.A-First: expected a name of lowercase letters, digits and hyphens (like web-tier), got "A-First"',
    ]);
  });
});

const WITH_SWEEP = `${WITH_VARIANTS.slice(0, WITH_VARIANTS.indexOf('variants:'))}sweep:
  fleet.web.disks[0].churn.daily: [1%, 5%]
  policies.daily-30.retention.daily: { from: 7, to: 21, step: 7 }
`;

describe('sweeps', () => {
  it('runs the cartesian product of a list and a range, first axis outermost', () => {
    const runs = scenariosOf(WITH_SWEEP);
    expect(runs.map((s) => s.variant)).toEqual([
      'base [churn.daily=1%, retention.daily=7]',
      'base [churn.daily=1%, retention.daily=14]',
      'base [churn.daily=1%, retention.daily=21]',
      'base [churn.daily=5%, retention.daily=7]',
      'base [churn.daily=5%, retention.daily=14]',
      'base [churn.daily=5%, retention.daily=21]',
    ]);
    expect(runs.map((s) => [s.vms[0].disks[0].churn, s.policies[0].retention.daily])).toEqual([
      [{ kind: 'constant', value: 0.01 }, 7],
      [{ kind: 'constant', value: 0.01 }, 14],
      [{ kind: 'constant', value: 0.01 }, 21],
      [{ kind: 'constant', value: 0.05 }, 7],
      [{ kind: 'constant', value: 0.05 }, 14],
      [{ kind: 'constant', value: 0.05 }, 21],
    ]);
    expect(new Set(runs.map((s) => s.seed))).toEqual(new Set([42]));
  });

  it('sweeps every variant: (1 + variants) × points runs', () => {
    const text = `${WITH_SWEEP}variants:\n  big:\n    fleet.web.count: 4\n  small:\n    fleet.web.count: 1\n`;
    const runs = scenariosOf(text);
    expect(runs).toHaveLength(3 * 6);
    expect(runs.map((s) => s.variant.split(' ')[0])).toEqual([
      ...Array(6).fill('base'),
      ...Array(6).fill('big'),
      ...Array(6).fill('small'),
    ]);
    expect(runs[6].vms).toHaveLength(4);
  });

  it('includes the end of a range reached by whole steps, without drift', () => {
    const text = WITH_SWEEP.replace('{ from: 7, to: 21, step: 7 }', '{ from: 7, to: 20, step: 7 }');
    expect(scenariosOf(text).map((s) => s.policies[0].retention.daily)).toEqual([7, 14, 7, 14]);
  });

  it('refuses a sweep of more than 10000 runs, at the sweep key', () => {
    const text = WITH_SWEEP.replace('{ from: 7, to: 21, step: 7 }', '{ from: 7, to: 5007, step: 1 }');
    expect(linesOf(text)).toEqual([
      's.yaml:19:1 sweep: the sweep expands to 10002 runs; at most 10000 are allowed (narrow a range or split the sweep)',
    ]);
  });

  it('reports an oversized sweep with the code sweep-too-large (gives variant-path)', () => {
    const text = WITH_SWEEP.replace('{ from: 7, to: 21, step: 7 }', '{ from: 7, to: 5007, step: 1 }');
    expect(issuesOf(text).map((i) => i.code)).toEqual(['sweep-too-large']);
  });

  it('reports a bad sweep path with a did-you-mean', () => {
    const text = WITH_SWEEP.replace('policies.daily-30.retention', 'policies.daily-3.retention');
    const issues = issuesOf(text);
    expect(issues.map((i) => i.code)).toEqual(['variant-path']);
    expect(issues[0].message).toContain('did you mean "daily-30"?');
  });

  it('refuses a range with no values (gives ok with zero scenarios)', () => {
    const text = WITH_SWEEP.replace('{ from: 7, to: 21, step: 7 }', '{ from: 21, to: 7, step: 7 }');
    expect(loadScenarioText(text, 's.yaml').ok).toBe(false);
  });
});

// Positions are 1-based line and column of the value (or of the key, for names that are wrong).
const POSITIONED = `name: test
duration: 30d
regions:
  - { name: eastus, pair: westus, zones: 2 }
  - { name: westus, pair: eastus }
vaults:
  - { name: rsv, region: eastus, softDelete: 7d }
policies:
  - name: daily-30
    schedule: { frequency: daily, at: "22:30" }
    retention: { daily: 30 }
fleet:
  - name: web
    region: eastus
    zone: 3
    disks:
      - { size: 128GiB, used: 200GiB }
    backup: { vault: rsv, policy: daily-3 }
`;

describe('positions', () => {
  it('places each issue at its value, sorted by line and column', () => {
    expect(issuesOf(POSITIONED).map((i) => [i.line, i.column, i.code, i.path])).toEqual([
      [7, 46, 'policy-limit', 'vaults[0].softDelete'],
      [15, 11, 'zone-not-in-region', 'fleet[0].zone'],
      [17, 31, 'out-of-range', 'fleet[0].disks[0].used'],
      [18, 35, 'unknown-reference', 'fleet[0].backup.policy'],
    ]);
  });

  it('places an unknown field at its key and a missing field at its mapping', () => {
    const text = POSITIONED.replace('    zone: 3\n', '    zonez: 3\n').replace('    region: eastus\n', '');
    expect(issuesOf(text).map((i) => [i.line, i.column, i.code, i.path])).toEqual([
      [13, 5, 'required', 'fleet[0]'],
      [14, 5, 'unknown-field', 'fleet[0].zonez'],
    ]);
  });

  it('places a syntax error where the parser stopped', () => {
    const text = POSITIONED.replace('retention: { daily: 30 }', 'retention: { daily: 30');
    const [issue] = issuesOf(text);
    expect([issue.code, issue.line]).toEqual(['yaml-syntax', 12]);
  });

  it('renders a file:line:column prefix', () => {
    expect(linesOf(POSITIONED)[3]).toBe(
      's.yaml:18:35 fleet[0].backup.policy: unknown policy "daily-3"; did you mean "daily-30"?',
    );
  });

  // The yaml library's LineCounter misses the newlines inside a multi-line plain scalar
  // read during error recovery, so later tokens stay on the earlier line.
  it('keeps columns inside their line after a stray } (gives columns past the end of line 4)', () => {
    const text = 'a:\n  - b\n    \n}x: 1\n    c: [d, e]\n';
    const lines = text.split('\n');
    for (const issue of issuesOf(text))
      expect(issue.column).toBeLessThanOrEqual(lines[issue.line - 1].length + 1);
  });
});

describe('issue order and determinism', () => {
  it('returns issues already sorted', () => {
    const issues = issuesOf(POSITIONED);
    expect(sortIssues(issues)).toEqual(issues);
  });

  it('gives deep-equal results for the same text, valid or not', () => {
    for (const text of [WITH_VARIANTS, WITH_SWEEP, POSITIONED]) {
      expect(loadScenarioText(text, 's.yaml')).toEqual(loadScenarioText(text, 's.yaml'));
    }
  });

  it('names the file it was given in every issue', () => {
    const result = loadScenarioText(POSITIONED, 'dir/other.yaml');
    expect(result.ok ? [] : result.issues.map((i) => i.file)).toEqual(Array(4).fill('dir/other.yaml'));
  });
});

// ---------------------------------------------------------------- properties

const VALID = aScenario()
  .set('fleet.0.disks', [{ size: '128GiB', churn: { daily: '3%', spread: '1%' } }])
  .set('variants', { longer: { 'policies.daily-30.retention.daily': 60 } })
  .text();

const TOKENS = [
  'name',
  'duration',
  'regions',
  'fleet',
  'disks',
  'size',
  'variants',
  'sweep',
  ':',
  ': ',
  '\n',
  '\n  ',
  '- ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&a ',
  '*a',
  '"',
  "'",
  '#',
  '!!str ',
  '|',
  '>',
  '---',
  '...',
  '\t',
  '\r\n',
  '128GiB',
  '3%',
  '30d',
  '.nan',
  '-.inf',
  '~',
  'null',
  '__proto__',
  'constructor',
  '<<',
  '%YAML 1.2\n',
  'é',
  '\uFEFF',
  '\u2028',
  '1e309',
  '-0',
];

/** Text built from YAML punctuation, scenario words and odd characters. */
const yamlish = fc
  .array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 60 })
  .map((parts) => parts.join(''));

/** A valid scenario with a slice replaced by YAML-ish text. */
const mutated = fc
  .tuple(fc.nat(VALID.length), fc.nat(20), yamlish)
  .map(([at, cut, insert]) => VALID.slice(0, at) + insert + VALID.slice(at + cut));

const anyText = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), yamlish, mutated);

describe('properties', () => {
  it('should never throw on arbitrary text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = loadScenarioText(text, 'p.yaml');
        if (result.ok) expect(result.scenarios.length).toBeGreaterThan(0);
        else {
          expect(result.issues.length).toBeGreaterThan(0);
          for (const issue of result.issues) expect(ISSUE_CODES).toContain(issue.code);
        }
      }),
    );
  });

  it('should always report positions inside the text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const lines = text.split('\n').length;
        for (const issue of issuesOf(text)) {
          expect(issue.line).toBeGreaterThanOrEqual(1);
          expect(issue.line).toBeLessThanOrEqual(lines);
          expect(issue.column).toBeGreaterThanOrEqual(1);
        }
      }),
    );
  });

  it('should always give the same result for the same text', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(loadScenarioText(text, 'p.yaml')).toEqual(loadScenarioText(text, 'p.yaml'));
      }),
    );
  });

  it('should always return issues in sorted order', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const issues = issuesOf(text);
        expect(sortIssues(issues)).toEqual(issues);
      }),
    );
  });
});
