// test-alerts cases with table rows and KQL rules (issue 19): rows are read against the tables'
// columns and types, and a query's problem is an issue at its character in the cases file.
import { describe, expect, it } from 'vitest';
import { loadAlertCasesText } from '../../scenarios/alert-cases.js';
import { renderIssue } from '../../scenarios/issues.js';

const cases = (rows: string, query: string) => `cases:
  - name: c
    rows:
${rows}
    rule: { name: r, query: "${query}", when: "> 0" }
    expect: { firings: [] }
`;

const issues = (text: string) => {
  const r = loadAlertCasesText(text, 'c.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
};

describe('rows of a test-alerts case', () => {
  it('are rows of a known table, each column in its type', () => {
    const text = cases(
      `      - { table: AddonAzureBackupJobs, at: 5m, columns: { JobStatsu: Failed, JobDurationInSecs: slow } }`,
      'AddonAzureBackupJobs | count',
    );
    expect(issues(text)).toEqual([
      'c.yaml:4:59 cases[0].rows[0].columns.JobStatsu: KQL: no column "JobStatsu" here; did you mean "JobStatus"? (columns: "TimeGenerated", "OperationName", "SchemaVersion", "JobUniqueId", "JobOperation", "JobOperationSubType", "JobStatus", "JobFailureCode", "JobStartDateTime", "JobDurationInSecs", "DataTransferredInMB", "AdhocOrScheduledJob", "BackupItemUniqueId", "RecoveryJobDestination", "RecoveryJobRPDateTime", "RecoveryJobLocation", "RecoveryLocationType", "VaultUniqueId", "VaultName")',
      'c.yaml:4:97 cases[0].rows[0].columns.JobDurationInSecs: column "JobDurationInSecs" is a real, got "slow"',
      // The query's text starts at column 30, after its quote; "count" is its character 23.
      'c.yaml:5:53 cases[0].rule.query: KQL: an alert rule\'s query takes where, extend and project, then at most one summarize; "count" is not allowed there (when:, lookback and the split do its work) (query offset 23)',
    ]);
  });

  it('needs series: or rows:', () => {
    expect(
      issues('cases:\n  - { name: c, rule: { name: r, log: T, when: "> 0" }, expect: { firings: [] } }\n'),
    ).toEqual([
      'c.yaml:2:5 cases[0]: a case needs series: (metric samples, log counts) or rows: (table rows, issue 19)',
    ]);
  });
});
