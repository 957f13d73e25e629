// The built-in security alerts (docs/reference.md §18.4, docs/reference.md §2.3, §7.5):
// when each fires, the Upcoming Purge an undelete cancels, and how the monitor lists them.

import { describe, expect, it } from 'vitest';
import { createStreams } from '../../engine/random.js';
import { Simulation } from '../../engine/simulation.js';
import { Monitor } from '../../models/monitor/monitor.js';
import { alertsResult } from '../../models/monitor/results.js';
import { SecurityAlerts } from '../../models/monitor/security.js';
import { aSpec } from './builders.js';

const DAY = 86_400_000;
const JAN1 = Date.UTC(2026, 0, 1);

function harness(withMonitor: boolean, security = false) {
  const sim = new Simulation();
  const monitor = withMonitor
    ? new Monitor(sim, aSpec([], { builtIn: { jobFailure: false, actions: [] } }), {
        streams: createStreams(1),
        origin: JAN1,
        horizon: 30 * DAY,
        security,
      })
    : null;
  return { sim, monitor, alerts: new SecurityAlerts(sim, monitor, 30 * DAY) };
}

describe('SecurityAlerts', () => {
  it('a deletion raises Delete Backup Data at once and Upcoming Purge two days before the purge', () => {
    const { sim, alerts } = harness(false);
    sim.at(DAY, () => alerts.deleted('vm-1', 'v', 15 * DAY, () => true));
    sim.run(30 * DAY);
    expect(alerts.firings().map((f) => [f.kind, f.t / DAY, f.instance])).toEqual([
      ['dataDeleted', 1, { datasourceId: 'vm-1', vault: 'v' }],
      ['upcomingPurge', 13, { datasourceId: 'vm-1', vault: 'v' }],
    ]);
  });

  it('no Delete Backup Data when soft delete is disabled (§18.2), no Upcoming Purge once undeleted', () => {
    const { sim, alerts } = harness(false);
    let held = true;
    sim.at(DAY, () => alerts.deleted('vm-1', 'v', null, () => false));
    sim.at(DAY, () => alerts.deleted('vm-2', 'v', 15 * DAY, () => held));
    sim.at(5 * DAY, () => {
      held = false;
    });
    sim.run(30 * DAY);
    expect(alerts.firings().map((f) => [f.kind, f.instance.datasourceId])).toEqual([['dataDeleted', 'vm-2']]);
  });

  it('an Upcoming Purge after the end of the run never fires', () => {
    const { sim, alerts } = harness(false);
    sim.at(DAY, () => alerts.deleted('vm-1', 'v', 40 * DAY, () => true));
    sim.run(30 * DAY);
    expect(alerts.firings().map((f) => f.kind)).toEqual(['dataDeleted']);
  });

  it('the monitor records each as a built-in Sev 0 alert; the new ones are listed once they fire', () => {
    const { sim, monitor, alerts } = harness(true);
    sim.at(2 * DAY, () => alerts.purged('vm-1', 'v'));
    sim.run(30 * DAY);
    const result = alertsResult(monitor!.finish(), JAN1);
    expect(result.rules.map((r) => [r.rule, r.severity, r.fired])).toEqual([
      ['backup-data-deleted', 0, 0],
      ['upcoming-purge', 0, 0],
      ['purge-complete', 0, 1],
    ]);
    expect(result.timeline).toEqual([
      {
        rule: 'purge-complete',
        instance: { datasourceId: 'vm-1', vault: 'v' },
        severity: 0,
        firedAt: '2026-01-03T00:00:00.000Z',
        resolvedAt: null,
      },
    ]);
  });

  it('with operations every security alert is listed, fired or not', () => {
    const { sim, monitor } = harness(true, true);
    sim.run(DAY);
    expect(monitor!.finish().rules.map((r) => r.name)).toEqual([
      'backup-data-deleted',
      'upcoming-purge',
      'purge-complete',
      'soft-delete-disabled',
      'policy-shorter-retention',
      'protection-shorter-retention',
      'mua-disabled',
    ]);
  });
});
