// Backup job outcomes → Health Status, log rows and the built-in job failure alert (§7.5).
import { describe, expect, it } from 'vitest';
import { BackupHealth, failureStatus } from '../../models/monitor/backup-health.js';
import type { Fields } from '../../models/monitor/signals.js';

describe('failureStatus', () => {
  it('service errors are Unhealthy, user errors Degraded; the same cause again is Persistent', () => {
    expect(failureStatus('transient', null)).toBe('Transient Unhealthy');
    expect(failureStatus('transient', 'transient')).toBe('Persistent Unhealthy');
    expect(failureStatus('region-outage', 'transient')).toBe('Transient Unhealthy');
    expect(failureStatus('vm-agent-missing', null)).toBe('Transient Degraded');
    expect(failureStatus('vm-agent-missing', 'vm-agent-missing')).toBe('Persistent Degraded');
  });
});

describe('BackupHealth', () => {
  function harness(jobFailure = true) {
    const metrics: [string, Fields, number][] = [];
    const logs: Fields[] = [];
    const alerts: [string, number, Record<string, string>][] = [];
    const health = new BackupHealth(
      {
        metric: (name, dims, t) => metrics.push([name, dims, t]),
        log: (_table, record) => logs.push(record),
      },
      (kind, t, instance) => alerts.push([kind, t, instance]),
      jobFailure,
    );
    return { health, metrics, logs, alerts };
  }

  it('emits a health event per job and turns repeated failures persistent until a success', () => {
    const { health, metrics, logs } = harness();
    health.jobFailed('vm-1', 'v', 10, 'transient');
    health.jobFailed('vm-1', 'v', 20, 'transient');
    health.jobCompleted('vm-1', 'v', 30, 5000);
    health.jobFailed('vm-1', 'v', 40, 'transient');
    expect(metrics.map(([, d]) => d.healthStatus)).toEqual([
      'Transient Unhealthy',
      'Persistent Unhealthy',
      'Healthy',
      'Transient Unhealthy',
    ]);
    expect(metrics[0][1]).toMatchObject({ datasourceId: 'vm-1', vault: 'v' });
    expect(logs.map((r) => r.JobStatus)).toEqual(['Failed', 'Failed', 'Completed', 'Failed']);
    expect(logs[2].JobDurationInSecs).toBe(5);
  });

  it('raises a Sev 1 job failure alert per failure, none for a job already in progress, none when turned off', () => {
    const on = harness();
    on.health.jobFailed('vm-1', 'v', 10, 'transient');
    on.health.jobFailed('vm-1', 'v', 20, 'job-in-progress');
    expect(on.alerts).toEqual([['jobFailure', 10, { datasourceId: 'vm-1', vault: 'v' }]]);
    const off = harness(false);
    off.health.jobFailed('vm-1', 'v', 10, 'transient');
    expect(off.alerts).toEqual([]);
  });
});
