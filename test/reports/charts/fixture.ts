// Results for chart and report tests: the tiny scenario's runs (base and daily-7), and the
// same runs with hand-made disaster-recovery, objective and alert sections, so every chart
// has data before the models that will fill those sections exist.
import type {
  AlertsResult,
  DrResult,
  Incident,
  ObjectiveResult,
  RunResult,
  VmRecovery,
} from '../../../models/results/types.js';
import { tinyResults } from '../fixture.js';

let cached: RunResult[] | null = null;

/** The tiny scenario's runs, simulated once per test file (tests must not mutate them). */
export function tiny(): RunResult[] {
  cached ??= tinyResults();
  return cached;
}

const HOUR = 3600;

function recovery(vm: string, rpoHours: number | null, rtoHours: number | null): VmRecovery {
  return {
    vm,
    group: 'app',
    app: 'app',
    path: rtoHours === null ? 'unrecovered' : 'restore-vault',
    point: rpoHours === null ? null : { at: '2026-03-05T22:40:00.000Z', source: 'vault', region: 'eastus' },
    rpoSeconds: rpoHours === null ? null : rpoHours * HOUR,
    rtoSeconds: rtoHours === null ? null : rtoHours * HOUR,
    phases: { detection: 900, waiting: 0, recovery: (rtoHours ?? 0) * HOUR - 1200, boot: 300 },
    dataLostBytes: 1024 ** 3,
    recoveredAt: rtoHours === null ? null : '2026-03-06T08:00:00.000Z',
    region: 'eastus',
    note: rtoHours === null ? 'no recovery point' : 'restored from the vault',
    reprotect: null,
    afterwards: null,
  };
}

/** A disaster-recovery section: one region outage, replication of group app. */
export function drSection(scale = 1): DrResult {
  const incident: Incident = {
    id: 'inc-1',
    kind: 'region-outage',
    at: '2026-03-06T02:00:00.000Z',
    end: '2026-03-06T20:00:00.000Z',
    scope: 'eastus',
    detectedAt: '2026-03-06T02:15:00.000Z',
    detectedBy: 'the detection delay',
    vms: [recovery('app-001', 3.3 * scale, 5.5 * scale), recovery('app-002', 27 * scale, 3 * scale)],
  };
  const days = Array.from({ length: 10 }, (_, i) => i + 1);
  return {
    incidents: [incident],
    pastEnd: [],
    drills: [],
    replication: [
      {
        group: 'app',
        vms: 2,
        peakRpoSeconds: { count: 2, mean: 900, p50: 900, p95: 1500, p99: 1500, max: 1500 },
        overLimit: [],
        rpoTargetSeconds: 900,
        bandwidthForTarget: null,
        daysOverTarget: 0,
        daily: { day: days, maxRpoSeconds: days.map((d) => (d === 6 ? 5400 : 300 + 60 * d) * scale) },
      },
    ],
    byGroup: [],
    worst: [{ vm: 'app-002', incident: 'inc-1', rpoSeconds: 27 * HOUR, rtoSeconds: 3 * HOUR }],
    points: [],
  };
}

/** Objectives of 24 h RPO and 4 h RTO over all VMs, judged against drSection(). */
export function objectivesSection(): ObjectiveResult[] {
  return [
    {
      scope: 'all',
      metric: 'rpo',
      targetSeconds: 24 * HOUR,
      worstSeconds: 27 * HOUR,
      judged: 2,
      failed: 1,
      failedVms: 1,
      pass: false,
      status: 'fail',
      schedule: {
        judged: 2,
        failed: 0,
        worstSeconds: 24 * HOUR,
        worstVm: 'app-001',
        failing: [],
        evidence: 'within',
      },
      failing: ['app-002'],
      evidence: 'app-002 lost 27h of data in inc-1 (objective 24h).',
    },
    {
      scope: 'all',
      metric: 'rto',
      targetSeconds: 4 * HOUR,
      worstSeconds: 5.5 * HOUR,
      judged: 2,
      failed: 1,
      failedVms: 1,
      pass: false,
      status: 'fail',
      schedule: {
        judged: 2,
        failed: 0,
        worstSeconds: HOUR,
        worstVm: 'app-001',
        failing: [],
        evidence: 'within',
      },
      failing: ['app-001'],
      evidence: 'app-001 was back after 5h 30m in inc-1 (objective 4h).',
    },
  ];
}

/** An alerts section: one rule firing twice (the second still open), one with dimensions. */
export function alertsSection(): AlertsResult {
  return {
    rules: [
      {
        rule: 'backup-failures',
        kind: 'metric',
        severity: 2,
        fired: 2,
        resolved: 1,
        notificationsSent: 2,
        suppressedByRateLimit: 0,
        suppressedByProcessingRule: 0,
        firstNotificationAfterFaultSeconds: null,
      },
      {
        rule: 'vm-down',
        kind: 'built-in',
        severity: 0,
        fired: 1,
        resolved: 1,
        notificationsSent: 1,
        suppressedByRateLimit: 0,
        suppressedByProcessingRule: 0,
        firstNotificationAfterFaultSeconds: 300,
      },
    ],
    timeline: [
      {
        rule: 'backup-failures',
        instance: {},
        severity: 2,
        firedAt: '2026-03-02T23:15:00.000Z',
        resolvedAt: '2026-03-03T00:15:00.000Z',
      },
      {
        rule: 'vm-down',
        instance: { vm: 'app-001' },
        severity: 0,
        firedAt: '2026-03-06T02:05:00.000Z',
        resolvedAt: '2026-03-06T07:30:00.000Z',
      },
      {
        rule: 'backup-failures',
        instance: {},
        severity: 2,
        firedAt: '2026-03-10T23:30:00.000Z',
        resolvedAt: null,
      },
    ],
  };
}

/** The tiny runs with DR, objectives and alerts filled in (the variant's figures a little better). */
export function fullResults(): RunResult[] {
  return tiny().map((r, i) => ({
    ...r,
    dr: drSection(i === 0 ? 1 : 0.8),
    objectives: objectivesSection(),
    alerts: alertsSection(),
  }));
}
