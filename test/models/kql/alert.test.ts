// KQL as a log alert rule's condition (models/kql/alert.ts): the same rule written in KQL and in
// the `log:`/`where:` form fires and resolves at the same instants (worked by hand, then a
// property over random job streams), and a query the evaluator cannot run is refused.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { millis } from '../../../engine/units.js';
import { readAlertQuery } from '../../../models/kql/alert.js';
import type { RecordedSignal } from '../../../models/monitor/replay.js';
import { replay } from '../../../models/monitor/replay.js';
import type { LogRule } from '../../../models/monitor/types.js';
import { ALERT_SCHEMA } from '../../../models/signals.js';
import { aSpec, logRule, MIN, when } from '../../monitor/builders.js';

const JOBS = 'AddonAzureBackupJobs';
const HOUR = 60 * MIN;

// A KQL rule: the query's table, measure and split, everything else as `base`.
function kqlRule(query: string, base: Partial<LogRule>): LogRule {
  const { alert, problems } = readAlertQuery(query, ALERT_SCHEMA);
  if (alert === null) throw new Error(JSON.stringify(problems));
  return logRule({
    ...base,
    query: alert,
    table: alert.table,
    splitBy: alert.splitBy,
    filters: [],
    measure: { aggregation: 'count' },
  });
}

// A job row of the jobs table, as the monitor receives it (the columns the rules read).
const job = (minute: number, status: 'Failed' | 'Completed', item = 'web-001'): RecordedSignal => ({
  signal: 'log',
  name: JOBS,
  record: {
    JobStatus: status,
    BackupItemUniqueId: item,
    JobOperation: 'Backup',
    JobFailureCode: status === 'Failed' ? 'transient' : '',
  },
  t: minute * MIN,
});

const firings = (o: ReturnType<typeof replay>) =>
  o.firings.map((f) => ({
    instance: f.instance,
    fired: f.firedAt / MIN,
    resolved: f.resolvedAt === null ? null : f.resolvedAt / MIN,
  }));

describe('a KQL log alert rule', () => {
  it('fires and resolves by hand, as the same rule in the log:/where: form does', () => {
    // Failed jobs at 10:05 and 10:40; every 15 min, lookback 1h (the bin), stateful.
    // 10:15: [9:15, 10:15) holds the 10:05 row → fires. The 10:40 row stays in the window up
    // to the evaluation at 11:30 ([10:30, 11:30)); 11:45 is the first without either, 12:00
    // and 12:15 the next: §7.1 resolves a 15-minute log rule at the third → 12:15.
    // 11:10, a completed job, changes nothing (the where drops it).
    const signals = [job(605, 'Failed'), job(640, 'Failed'), job(670, 'Completed')];
    const base: Partial<LogRule> = {
      every: millis(15 * MIN),
      lookback: millis(HOUR),
      autoResolve: true,
      threshold: when('> 0'),
    };
    const kql = kqlRule(
      `${JOBS} | where JobStatus == "Failed" | summarize count() by bin(TimeGenerated, 1h)`,
      base,
    );
    const plain = logRule({
      ...base,
      table: JOBS,
      filters: [{ name: 'JobStatus', include: true, values: ['Failed'] }],
    });
    const a = firings(replay(aSpec([kql]), signals, 16 * HOUR));
    const b = firings(replay(aSpec([plain]), signals, 16 * HOUR));
    expect(a).toEqual([{ instance: {}, fired: 10 * 60 + 15, resolved: 12 * 60 + 15 }]);
    expect(b).toEqual(a);
  });

  it('splits by the summarize by columns', () => {
    const base: Partial<LogRule> = { every: millis(15 * MIN), lookback: millis(HOUR), autoResolve: true };
    const kql = kqlRule(
      `${JOBS} | where JobStatus == "Failed" | summarize count() by BackupItemUniqueId, bin(TimeGenerated, 1h)`,
      base,
    );
    const out = firings(replay(aSpec([kql]), [job(5, 'Failed', 'a'), job(65, 'Failed', 'b')], 6 * HOUR));
    // a: 00:05 → fires 00:15, window clear from 01:15 → resolved 01:45; b: 01:05 → 01:15 and 02:45.
    expect(out).toEqual([
      { instance: { BackupItemUniqueId: 'a' }, fired: 15, resolved: 105 },
      { instance: { BackupItemUniqueId: 'b' }, fired: 75, resolved: 165 },
    ]);
  });

  it('countif counts the matching rows of every series, as Kusto does', () => {
    // "< 1 successful job in 1h": a series exists from its first row, so countif sees item a's
    // failed job as a 0 while where would drop it.
    const base: Partial<LogRule> = {
      every: millis(HOUR),
      lookback: millis(HOUR),
      autoResolve: false,
      threshold: when('< 1'),
    };
    const kql = kqlRule(`${JOBS} | summarize countif(JobStatus == "Completed") by BackupItemUniqueId`, base);
    const out = firings(replay(aSpec([kql]), [job(5, 'Failed', 'a')], 3 * HOUR));
    // Evaluations at 01:00 (the row in [0:00, 1:00), 0 completed → fires), 02:00, 03:00 (empty → 0 → fires).
    expect(out.map((f) => f.fired)).toEqual([60, 120, 180]);
  });

  it('should always fire exactly as the same rule in the log:/where: form, over random job streams', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            minute: fc.integer({ min: 0, max: 600 }),
            failed: fc.boolean(),
            item: fc.constantFrom('a', 'b', 'c'),
          }),
          {
            maxLength: 40,
          },
        ),
        fc.constantFrom(1, 5, 15, 30, 60),
        fc.constantFrom(15, 30, 60, 120),
        fc.record({ of: fc.integer({ min: 1, max: 3 }), min: fc.integer({ min: 1, max: 3 }) }),
        fc.boolean(),
        fc.boolean(),
        (jobs, everyMin, periodMin, v, stateful, split) => {
          const violations = { of: v.of, min: Math.min(v.min, v.of) };
          const base: Partial<LogRule> = {
            every: millis(everyMin * MIN),
            lookback: millis(periodMin * violations.of * MIN),
            violations,
            autoResolve: stateful,
            threshold: when('> 0'),
          };
          const by = split ? 'BackupItemUniqueId, ' : '';
          const kql = kqlRule(
            `${JOBS} | where JobStatus == "Failed" | summarize count() by ${by}bin(TimeGenerated, ${periodMin}m)`,
            base,
          );
          const plain = logRule({
            ...base,
            table: JOBS,
            splitBy: split ? ['BackupItemUniqueId'] : [],
            filters: [{ name: 'JobStatus', include: true, values: ['Failed'] }],
          });
          const signals = jobs
            .sort((x, y) => x.minute - y.minute)
            .map((j) => job(j.minute, j.failed ? 'Failed' : 'Completed', j.item));
          const until = 14 * HOUR;
          expect(firings(replay(aSpec([kql]), signals, until))).toEqual(
            firings(replay(aSpec([plain]), signals, until)),
          );
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('what an alert rule query may not do', () => {
  const problem = (q: string) => readAlertQuery(q, ALERT_SCHEMA).problems;

  it('refuses what the evaluator cannot run, naming it at its offset', () => {
    const top = `${JOBS} | summarize count() | top 3 by count_`;
    expect(problem(top)).toEqual([
      { code: 'alert', at: top.indexOf('top'), reason: 'after-summarize', name: 'top' },
    ]);
    const dcount = `${JOBS} | summarize dcount(BackupItemUniqueId)`;
    expect(problem(dcount)).toEqual([
      { code: 'alert', at: dcount.indexOf('dcount'), reason: 'aggregate', name: 'dcount' },
    ]);
    const clock = `${JOBS} | where TimeGenerated > ago(1h) | summarize count()`;
    expect(problem(clock)).toEqual([
      { code: 'alert', at: clock.indexOf('ago'), reason: 'time-function', name: '' },
    ]);
    expect(problem(`${JOBS} | summarize count(), sum(DataTransferredInMB)`)[0]).toMatchObject({
      reason: 'measures',
      name: '2',
    });
    expect(problem(`${JOBS} | summarize count() by bin(JobStartDateTime, 1h)`)[0]).toMatchObject({
      reason: 'bin-column',
    });
  });

  it('refuses join like any query, with its position', () => {
    // "AddonAzureBackupJobs | " is 23 characters: join starts at offset 23.
    expect(problem(`${JOBS} | join (CoreAzureBackup) on BackupItemUniqueId`)).toEqual([
      { code: 'unsupported-operator', at: 23, name: 'join' },
    ]);
  });

  it('knows only the tables models emit for rules, with their columns', () => {
    expect(problem('ASRJobs | count')[0]).toMatchObject({ code: 'unknown-table', name: 'ASRJobs' });
    expect(problem(`${JOBS} | where JobStatu == "Failed"`)[0]).toMatchObject({
      code: 'unknown-column',
      name: 'JobStatu',
    });
  });
});
