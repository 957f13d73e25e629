// The run-time monitor: ingestion latency, live notices and the DR hook, built-in alerts,
// faults, and the run result.
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../engine/random.js';
import { Simulation } from '../../engine/simulation.js';
import { millis } from '../../engine/units.js';
import { detectsFor, Monitor, type Notice } from '../../models/monitor/monitor.js';
import { replay } from '../../models/monitor/replay.js';
import { alertsResult } from '../../models/monitor/results.js';
import { SecurityAlerts } from '../../models/monitor/security.js';
import type { MonitorSpec } from '../../models/monitor/types.js';
import { aGroup, aSpec, logAt, logRule, MIN, metricRule, metricSeries } from './builders.js';

const JAN1 = Date.UTC(2026, 0, 1);

function aMonitor(spec: MonitorSpec, horizon: number, seed = 1) {
  const sim = new Simulation();
  const monitor = new Monitor(sim, spec, { streams: createStreams(seed), origin: JAN1, horizon });
  return { sim, monitor };
}

describe('ingestion latency (§7.6)', () => {
  it('a rule sees a sample only after its latency: a row at 00:00 seen 90 s late fires at 2 min, not 1', () => {
    const rule = logRule({ every: millis(MIN), lookback: millis(5 * MIN) });
    const spec = aSpec([rule], {
      latency: { metric: { kind: 'constant', value: 0 }, log: { kind: 'constant', value: 90_000 } },
    });
    expect(replay(spec, logAt([0]), 10 * MIN).firings[0].firedAt).toBe(2 * MIN);
  });

  it('draws latency from a named stream: the same seed gives the same timeline, and a sample too late for every window is never seen', () => {
    const rule = logRule({ every: millis(MIN), lookback: millis(MIN) });
    const spec = aSpec([rule], {
      latency: {
        metric: { kind: 'constant', value: 0 },
        log: { kind: 'uniform', min: 20_000, max: 180_000 },
      },
    });
    const a = replay(spec, logAt([0, 10, 20, 30]), 60 * MIN, { seed: 7 });
    const b = replay(spec, logAt([0, 10, 20, 30]), 60 * MIN, { seed: 7 });
    expect(a).toEqual(b);
    // A 1-minute lookback sees a row at minute m only at tick m+1, so a row later than 60 s is lost.
    expect(a.firings.length).toBeLessThanOrEqual(4);
  });
});

describe('live rules and the DR hook', () => {
  it('a rule with notify or failover:<plan> notifies at its simulated time, and whenNotified reports the first after a fault', () => {
    // Figures of figures.test.ts: the 5-minute average crosses 70 at 8 min.
    const values = [...Array(5).fill(50), ...Array(5).fill(90), ...Array(10).fill(50)];
    const spec = aSpec([metricRule({ actions: ['failover:plan-a'] })]);
    const { sim, monitor } = aMonitor(spec, 60 * MIN);
    values.forEach((v, i) => {
      sim.at(i * MIN, () => monitor.metric('m', {}, sim.now, v));
    });
    const heard: [number, number][] = [];
    monitor.markFault(6 * MIN);
    monitor.whenNotified(6 * MIN, detectsFor('plan-a'), (n: Notice) => heard.push([sim.now, n.t]));
    monitor.whenNotified(6 * MIN, detectsFor('plan-b'), () => heard.push([-1, -1]));
    sim.run(60 * MIN);
    // Called by the kernel at 8 min, the evaluation instant itself.
    expect(heard).toEqual([[8 * MIN, 8 * MIN]]);
    expect(monitor.firstNoticeAfter(0, detectsFor('plan-a'))?.t).toBe(8 * MIN);
    expect(monitor.firstNoticeAfter(9 * MIN, detectsFor('plan-a'))).toBeNull();
    const result = alertsResult(monitor.finish(), JAN1);
    // Fault at 6 min, first notification at 8 min: 120 s of detection.
    expect(result.rules[0]).toMatchObject({
      fired: 1,
      resolved: 1,
      notificationsSent: 0,
      firstNotificationAfterFaultSeconds: 120,
    });
    expect(result.timeline).toEqual([
      {
        rule: 'cpu',
        instance: {},
        severity: 3,
        firedAt: '2026-01-01T00:08:00.000Z',
        resolvedAt: '2026-01-01T00:15:00.000Z',
      },
    ]);
  });

  it('counts detection from the latest fault to the first notification', () => {
    const spec = aSpec([logRule({ every: millis(5 * MIN), lookback: millis(5 * MIN), actions: ['notify'] })]);
    const { sim, monitor } = aMonitor(spec, 60 * MIN);
    monitor.markFault(2 * MIN);
    sim.at(3 * MIN, () => monitor.log('T', {}, sim.now));
    sim.run(60 * MIN);
    // The row at 3 min is first evaluated at 5 min: 180 s after the fault.
    expect(alertsResult(monitor.finish(), JAN1).rules[0].firstNotificationAfterFaultSeconds).toBe(180);
  });

  it('a suppressed or muted firing is no notice; a rule without world actions schedules no evaluation events', () => {
    const spec = aSpec(
      [
        logRule({ name: 'quiet', every: millis(MIN), lookback: millis(MIN) }),
        logRule({ name: 'loud', every: millis(MIN), lookback: millis(MIN), actions: ['notify'] }),
      ],
      {
        processingRules: [
          {
            name: 'p',
            rules: ['loud'],
            windows: [{ from: millis(0), to: millis(3 * MIN) }],
            recurring: null,
          },
        ],
      },
    );
    const { sim, monitor } = aMonitor(spec, 30 * MIN);
    const tags: string[] = [];
    sim.onEvent((_, tag) => tags.push(tag));
    for (const m of [0, 1, 2, 3]) sim.at(m * MIN, () => monitor.log('T', {}, sim.now));
    const notices: number[] = [];
    monitor.subscribe((n) => notices.push(n.t / MIN));
    sim.run(30 * MIN);
    // Firings at 1–4; 1 and 2 fall in the window [0, 3); 3 and 4 notify.
    expect(notices).toEqual([3, 4]);
    // The quiet rule needs no wake-ups; the loud one wakes only at its transitions (and a look-ahead).
    expect(tags.filter((t) => t === 'monitor/evaluate').length).toBeLessThanOrEqual(4);
    expect(monitor.finish().rules.map((r) => r.fired)).toEqual([4, 4, 0, 0]);
  });
});

describe('built-in backup alerts (§7.5)', () => {
  it('job failures (Sev 1) and security alerts (Sev 0) fire per item and route to the built-in actions', () => {
    const spec = aSpec([], {
      builtIn: { jobFailure: true, actions: ['g'] },
      actionGroups: [aGroup('g', { email: ['ops@x'] })],
    });
    const day = 86_400_000;
    const { sim, monitor } = aMonitor(spec, 30 * day);
    sim.at(day, () => monitor.backup.jobFailed('vm-1', 'v', sim.now, 'transient'));
    const security = new SecurityAlerts(sim, monitor, 30 * day);
    sim.at(2 * day, () => security.deleted('vm-1', 'v', 16 * day, () => true));
    sim.run(30 * day);
    const result = alertsResult(monitor.finish(), JAN1);
    expect(result.rules.map((r) => [r.rule, r.kind, r.severity, r.fired, r.notificationsSent])).toEqual([
      ['backup-failure', 'built-in', 1, 1, 1],
      ['backup-data-deleted', 'built-in', 0, 1, 1],
      ['upcoming-purge', 'built-in', 0, 1, 1],
    ]);
    expect(result.timeline.map((f) => [f.rule, f.firedAt])).toEqual([
      ['backup-failure', '2026-01-02T00:00:00.000Z'],
      ['backup-data-deleted', '2026-01-03T00:00:00.000Z'],
      ['upcoming-purge', '2026-01-15T00:00:00.000Z'],
    ]);
  });

  it('health events feed metric rules: "> 0 unhealthy events in 5 minutes, per datasource" fires per failed VM', () => {
    // §7.5's documented sample rule.
    const rule = metricRule({
      name: 'failed-backups',
      splitBy: ['datasourceId'],
      conditions: [
        {
          metric: 'Backup Health Events',
          aggregation: 'count',
          threshold: { operator: '>', value: 0 },
          filters: [{ name: 'healthStatus', include: false, values: ['Healthy'] }],
        },
      ],
    });
    const { sim, monitor } = aMonitor(aSpec([rule]), 60 * MIN);
    sim.at(10 * MIN, () => {
      monitor.backup.jobFailed('vm-1', 'v', sim.now, 'transient');
      monitor.backup.jobCompleted('vm-2', 'v', sim.now, 1000);
    });
    sim.run(60 * MIN);
    const out = monitor.finish();
    // Counted at 11–15 min, healthy from 16 → resolved at 18.
    expect(out.firings).toEqual([
      {
        rule: 'failed-backups',
        instance: { datasourceId: 'vm-1' },
        severity: 3,
        firedAt: 11 * MIN,
        resolvedAt: 18 * MIN,
      },
    ]);
    expect(monitor.consumes('metric', 'Backup Health Events')).toBe(true);
    expect(monitor.consumes('log', 'AddonAzureBackupJobs')).toBe(false);
  });
});

describe('splitting', () => {
  it('one instance per series, each with its own timeline', () => {
    const signals = [...metricSeries([90, 90], { vm: 'a' }), ...metricSeries([10, 10, 90], { vm: 'b' })];
    const rule = metricRule({ window: millis(MIN), splitBy: ['vm'] });
    const out = replay(aSpec([rule]), signals, 20 * MIN);
    expect(out.firings.map((f) => [f.instance.vm, f.firedAt / MIN, f.resolvedAt! / MIN])).toEqual([
      ['a', 1, 5],
      ['b', 3, 6],
    ]);
  });

  it('multiple conditions: fires when all hold, resolves when one fails three checks in a row', () => {
    // a > 70 at minutes 0–5, b > 70 at minutes 2–9 (1-minute windows): both at ticks 3–6.
    const a = metricSeries([90, 90, 90, 90, 90, 90, 10, 10, 10, 10], {}, 'a');
    const b = metricSeries([10, 10, 90, 90, 90, 90, 90, 90, 90, 90], {}, 'b');
    const rule = metricRule({ window: millis(MIN), conditions: [{ metric: 'a' }, { metric: 'b' }] });
    const out = replay(aSpec([rule]), [...a, ...b], 20 * MIN);
    // Holds at 3–6; healthy at 7, 8, 9 → resolved at 9.
    expect(out.firings.map((f) => [f.firedAt / MIN, f.resolvedAt! / MIN])).toEqual([[3, 9]]);
  });
});
