// Fixtures for the sweep tests: a RunResult with disaster recovery, alerts and objectives
// filled in (the models that fill them may not exist yet), and synthetic replications.
import type { ObjectiveResult, RunResult, Summary5 } from '../../models/results/types.js';
import type { Figure } from '../../reports/figures.js';
import type { Replication } from '../../reports/sweep-part.js';
import { tinyResults } from '../reports/fixture.js';

const s5 = (p95: number): Summary5 => ({ count: 3, mean: p95 / 2, p50: p95 / 2, p95, p99: p95, max: p95 });

/** An objective result; pass follows `failed`. */
export function anObjective(over: Partial<ObjectiveResult> = {}): ObjectiveResult {
  const failed = over.failed ?? 0;
  return {
    scope: 'all',
    metric: 'rpo',
    targetSeconds: 3600,
    worstSeconds: failed > 0 ? 7200 : 1800,
    judged: 10,
    failed,
    failedVms: failed,
    pass: failed === 0,
    status: failed === 0 ? 'pass' : 'fail',
    schedule: {
      judged: 10,
      failed: 0,
      worstSeconds: 1800,
      worstVm: 'web-001',
      failing: [],
      evidence: 'within',
    },
    failing: failed > 0 ? ['web-001'] : [],
    evidence:
      failed > 0 ? `${failed} of 10 VMs lost more than 1h of data (worst 2h, web-001)` : 'worst RPO 30m ≤ 1h',
    ...over,
  };
}

let tiny: RunResult | undefined;

/** The tiny base run with DR, alerts and objectives added. */
export function richResult(objectives: ObjectiveResult[] = [anObjective()]): RunResult {
  tiny ??= tinyResults()[0];
  const base = structuredClone(tiny);
  return {
    ...base,
    dr: {
      incidents: [],
      pastEnd: [],
      drills: [],
      replication: [
        {
          group: 'app',
          vms: 2,
          peakRpoSeconds: s5(900),
          overLimit: [],
          rpoTargetSeconds: 900,
          bandwidthForTarget: null,
          daysOverTarget: 0,
          daily: { day: [], maxRpoSeconds: [] },
        },
      ],
      byGroup: [
        { group: 'app', recoveries: 2, unrecovered: 0, rpoSeconds: s5(600), rtoSeconds: s5(5400) },
        {
          group: 'db',
          recoveries: 0,
          unrecovered: 0,
          rpoSeconds: { ...s5(0), count: 0 },
          rtoSeconds: { ...s5(0), count: 0 },
        },
      ],
      worst: [],
      points: [],
    },
    objectives,
    alerts: {
      rules: [
        {
          rule: 'backup-failures',
          kind: 'metric',
          severity: 2,
          fired: 3,
          resolved: 3,
          notificationsSent: 2,
          suppressedByRateLimit: 0,
          suppressedByProcessingRule: 1,
          firstNotificationAfterFaultSeconds: null,
        },
      ],
      timeline: [],
    },
  };
}

/** Replications r = 0 … n−1 of runs `variants`, each with figures from `make`. */
export function replications(
  n: number,
  variants: string[],
  make: (r: number, run: number) => Figure[],
): Replication[] {
  return Array.from({ length: n }, (_, r) => ({
    index: r,
    seed: 1000 + r,
    runs: variants.map((variant, i) => ({ variant, figures: make(r, i) })),
  }));
}
