// An event time given as a distribution is checked by where its draws can fall, as a fixed
// one is (scenarios/normalise/events.ts readTime): none below 0, not all at or after the end
// (beyond-horizon), a warning when only some are (draw-beyond-horizon). And a distribution's
// parameter error quotes the parameters as written (scenarios/normalise/distribution.ts).
import { describe, expect, it } from 'vitest';
import { createStreams } from '../../engine/random.js';
import { resolveFaults } from '../../models/dr/faults.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

/** The scenario of the report: 3 VMs backed up daily for 60 days, one event at `at`. */
const scenario = (at: string, event = 'vmFailure: { vms: [app-001] }', churn = '3%') => `name: at-dist
duration: 60d
regions: [ { name: eastus } ]
vaults: [ { name: rsv, region: eastus } ]
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 30 } } ]
fleet:
  - { name: app, count: 3, region: eastus, disks: [ { size: 128GiB, used: 60%, churn: { daily: ${churn} } } ], backup: { vault: rsv, policy: p } }
events:
  - { at: ${at}, ${event} }
objectives: { rpo: 30h, rto: 4h }
`;

/** What validate prints for the scenario: errors, else warnings. */
function printed(text: string): string[] {
  const r = loadScenarioText(text, 's.yaml');
  return (r.ok ? r.warnings : r.issues).map(renderIssue);
}

describe('an event time drawn from a distribution', () => {
  it('is an error, as a fixed time is, when every draw is at or after the end of the run', () => {
    expect(printed(scenario('90d'))).toEqual([
      "s.yaml:9:11 events[0].at: events.at 90d is beyond the scenario's duration 60d",
    ]);
    expect(printed(scenario('{ distribution: constant, value: 90d }'))).toEqual([
      "s.yaml:9:11 events[0].at: events.at 90d is beyond the scenario's duration 60d",
    ]);
    expect(printed(scenario('{ distribution: uniform, min: 100d, max: 300d }'))).toEqual([
      "s.yaml:9:11 events[0].at: events.at draws from 100d to 300d, all at or beyond the scenario's duration 60d",
    ]);
    expect(printed(scenario('{ distribution: empirical, values: [60d, 70d] }'))[0]).toContain(
      'all at or beyond',
    );
    const r = loadScenarioText(scenario('{ distribution: constant, value: 60d }'), 's.yaml');
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['beyond-horizon']);
  });

  it('is an error when it can draw below 0: a draw is never moved to the start', () => {
    const lines = printed(scenario('{ distribution: normal, mean: 5d, sd: 30d }'));
    expect(lines).toEqual([
      's.yaml:9:11 events[0].at: invalid distribution: a normal can draw below 0, and events.at cannot be before the start of the run (a draw is not moved to 0); use a distribution that stays at 0 or above: uniform, triangular, lognormal, exponential, weibull or empirical',
    ]);
    // Durations too: an outage's length and a ransomware's detection delay.
    const outage = printed(
      scenario('5d', 'outage: { region: eastus, for: { distribution: normal, mean: 4h, sd: 1h } }'),
    );
    expect(outage).toHaveLength(1);
    expect(outage[0]).toMatch(
      /^s\.yaml:9:\d+ events\[0\]\.outage\.for: invalid distribution: a normal can draw below 0, and outage\.for cannot be negative/,
    );
    const ransomware = printed(
      scenario('5d', 'ransomware: { group: app, detectedAfter: { distribution: normal, mean: 1d, sd: 1h } }'),
    );
    expect(ransomware[0]).toContain('ransomware.detectedAfter cannot be negative');
    // A normal with no spread is a constant: accepted.
    expect(printed(scenario('{ distribution: normal, mean: 5d, sd: 0s }'))).toEqual([]);
  });

  it('warns when only some draws fall after the end, saying that run lacks the event', () => {
    expect(printed(scenario('{ distribution: uniform, min: 30d, max: 90d }'))).toEqual([
      "s.yaml:9:11 events[0].at: warning: events.at draws from 30d to 90d, which reaches past the scenario's duration 60d: in a run that draws 60d or later the event does not happen, and that run is judged without it",
    ]);
    expect(printed(scenario('{ distribution: weibull, shape: 2, scale: 10d }'))[0]).toContain(
      'draws from 0s up without limit, which reaches past',
    );
  });

  it('is silent when every draw falls inside the run', () => {
    expect(printed(scenario('{ distribution: uniform, min: 10d, max: 50d }'))).toEqual([]);
    expect(printed(scenario('{ distribution: triangular, min: 0s, mode: 5d, max: 59d }'))).toEqual([]);
  });

  it('applies to operations and restores, which read their times the same way', () => {
    const restore = printed(
      scenario('{ distribution: uniform, min: 70d, max: 80d }', 'restore: { vms: [app-001] }'),
    );
    expect(restore).toEqual([
      "s.yaml:9:11 events[0].at: events.at draws from 70d to 80d, all at or beyond the scenario's duration 60d",
    ]);
  });

  it('never moves a negative draw to the start of the run: a spec built in code that draws one is a bug', () => {
    const spec = {
      kind: 'vm-failure' as const,
      at: { draw: { kind: 'normal' as const, mean: -1e9, sd: 1 } },
      targets: { vms: ['app-001'], label: 'app-001' },
    };
    expect(() => resolveFaults([spec], createStreams(1))).toThrow(/drawn below 0/);
  });
});

describe('a distribution parameter error', () => {
  it('quotes the parameters as written, not in internal units', () => {
    expect(printed(scenario('20d', undefined, '{ distribution: uniform, min: 5%, max: 1% }'))).toEqual([
      's.yaml:7:96 fleet[0].disks[0].churn.daily: invalid distribution: uniform needs min <= max, got min 5% and max 1%',
    ]);
    expect(printed(scenario('{ distribution: uniform, min: 30d, max: 10d }'))).toEqual([
      's.yaml:9:11 events[0].at: invalid distribution: uniform needs min <= max, got min 30d and max 10d',
    ]);
    expect(printed(scenario('{ distribution: triangular, min: 30d, mode: 5d, max: 10d }'))).toEqual([
      's.yaml:9:11 events[0].at: invalid distribution: triangular needs min <= mode <= max and min < max, got min 30d, mode 5d, max 10d',
    ]);
    expect(printed(scenario('{ distribution: exponential, mean: 0s }'))).toEqual([
      's.yaml:9:11 events[0].at: invalid distribution: exponential mean must be > 0, got 0s',
    ]);
    expect(printed(scenario('{ distribution: weibull, shape: 0, scale: 0s }'))).toEqual([
      's.yaml:9:11 events[0].at: invalid distribution: weibull scale must be > 0, got 0s',
      's.yaml:9:11 events[0].at: invalid distribution: weibull shape must be > 0, got 0',
    ]);
  });
});
