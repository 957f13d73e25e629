// Objectives as CI verdicts: JUnit cases per objective per scope, failure lines, and the XML.
import { describe, expect, it } from 'vitest';
import { junitXml } from '../../reports/junit.js';
import { failedObjectives, objectiveSuites } from '../../reports/verdicts.js';
import { anObjective, richResult } from './fixtures.js';

describe('objectiveSuites', () => {
  const results = [
    richResult([
      anObjective(),
      anObjective({ metric: 'rto', scope: 'group:web', targetSeconds: 14_400, failed: 2 }),
    ]),
  ];

  it('gives one suite per run and one case per objective and scope; a failure carries the evidence', () => {
    const [suite] = objectiveSuites(results);
    expect(suite.name).toBe('tiny [base]');
    expect(suite.cases.map((c) => c.name)).toEqual(['RPO ≤ 1h (all)', 'RTO ≤ 4h (group:web)']);
    expect(suite.cases[0].failure).toBeUndefined();
    expect(suite.cases[1].classname).toBe('vaultsim.tiny.base');
    expect(suite.cases[1].failure?.message).toBe('2 of 10 VMs lost more than 1h of data (worst 2h, web-001)');
    expect(suite.cases[1].failure?.body).toContain('failing: web-001');
  });

  it('lists the objectives not met, one line each', () => {
    expect(failedObjectives(results)).toEqual([
      'base: RTO ≤ 4h (group:web): 2 of 10 VMs lost more than 1h of data (worst 2h, web-001)',
    ]);
    expect(failedObjectives([richResult()])).toEqual([]);
  });

  it('writes JUnit XML with totals, escaped text and a failure element', () => {
    const xml = junitXml(objectiveSuites(results));
    expect(xml).toMatch(
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites tests="2" failures="1" errors="0">/,
    );
    expect(xml).toContain('<testcase name="RPO ≤ 1h (all)" classname="vaultsim.tiny.base"/>');
    expect(xml).toContain(
      '<failure message="2 of 10 VMs lost more than 1h of data (worst 2h, web-001)" type="failure">',
    );
    expect(
      junitXml([{ name: 'a<b & "c"', cases: [{ name: 'x\u0001', classname: 'k', time: 1.23456 }] }]),
    ).toContain(
      '<testsuite name="a&lt;b &amp; &quot;c&quot;" tests="1" failures="0" errors="0" skipped="0">\n    <testcase name="x" classname="k" time="1.235"/>',
    );
  });
});
