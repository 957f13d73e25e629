// Every example under scenarios/examples/ loads, validates against the published schema
// (the committed scenario.schema.json editors use) and describes the runs its comments promise.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Scenario } from '../../models/scenario/types.js';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioFile } from '../../scenarios/load.js';
import { checkSchema } from '../../scenarios/schema-check.js';
import { parseSource } from '../../scenarios/source.js';

const EXAMPLES = join(import.meta.dirname, '../../scenarios/examples');
const PUBLISHED = join(import.meta.dirname, '../../scenarios/scenario.schema.json');
const SCHEMA_LINE = '# yaml-language-server: $schema=../scenario.schema.json';
const DAY = 86_400_000;
const HOUR = 3_600_000;

const examples = readdirSync(EXAMPLES)
  .filter((name) => name.endsWith('.yaml'))
  .sort();

/** The scenarios an example describes, failing with its rendered issues otherwise. */
function load(name: string): Scenario[] {
  const result = loadScenarioFile(join(EXAMPLES, name));
  if (!result.ok) throw new Error(result.issues.map(renderIssue).join('\n'));
  return result.scenarios;
}

/** A validator compiled from the committed schema file, as an editor would use it. */
function publishedValidator() {
  const ajv = new Ajv2020({ strict: true, allErrors: true, allowMatchingProperties: true });
  ajv.addVocabulary(['x-expected']);
  return ajv.compile(JSON.parse(readFileSync(PUBLISHED, 'utf8')));
}

describe('example scenarios', () => {
  it('include the three documented examples', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['churn-sweep.yaml', 'enhanced-hourly.yaml', 'retention-comparison.yaml']),
    );
  });

  const validate = publishedValidator();

  for (const name of examples) {
    const text = readFileSync(join(EXAMPLES, name), 'utf8');

    it(`${name} points editors at the published schema on its first line`, () => {
      expect(text.split('\n')[0]).toBe(SCHEMA_LINE);
    });

    it(`${name} loads without issues`, () => {
      const result = loadScenarioFile(join(EXAMPLES, name));
      expect(result.ok ? [] : result.issues.map(renderIssue)).toEqual([]);
    });

    it(`${name} passes the loader's schema check`, () => {
      const { source, issues } = parseSource(text, name);
      expect(issues).toEqual([]);
      expect(checkSchema(source.value, source).map(renderIssue)).toEqual([]);
    });

    it(`${name} validates against the committed scenario.schema.json`, () => {
      expect(validate(parse(text)) ? [] : validate.errors).toEqual([]);
    });
  }
});

describe('what each example describes', () => {
  it('retention-comparison: 50 VMs, a GRS vault with Cross Region Restore, base and long-retention', () => {
    const [base, long] = load('retention-comparison.yaml');
    expect([base.variant, long.variant]).toEqual(['base', 'long-retention']);
    expect(base.vms).toHaveLength(50);
    expect(base.vms.every((vm) => vm.region === 'eastus' && vm.backup?.vault === 'rsv-prod')).toBe(true);
    expect(base.vaults[0]).toMatchObject({
      redundancy: 'GRS',
      crossRegionRestore: true,
      softDelete: 14 * DAY,
    });
    expect(base.policies[0].retention).toEqual({
      daily: 30,
      weekly: { count: 12, on: [0] },
      monthly: { count: 12, on: { kind: 'weekday', n: 1, weekday: 0 } },
      yearly: { count: 3, in: [1], on: { kind: 'weekday', n: 1, weekday: 0 } },
    });
    expect(long.policies[0].retention).toMatchObject({
      daily: 90,
      weekly: { count: 52 },
      monthly: { count: 60 },
      yearly: { count: 10 },
    });
    expect(long.seed).toBe(base.seed);
  });

  it('retention-comparison: the hand-worked used data, 10496 GiB', () => {
    const [base] = load('retention-comparison.yaml');
    const used = base.vms.flatMap((vm) => vm.disks).reduce((sum, d) => sum + d.used, 0);
    expect(used / 1024 ** 3).toBeCloseTo(10496, 6);
  });

  it('enhanced-hourly: every 4h with 17 days of instant restore; the variant every 12h with 30', () => {
    const [base, every12] = load('enhanced-hourly.yaml');
    expect(base.policies[0]).toMatchObject({
      type: 'enhanced',
      instantRestore: 17 * DAY,
      schedule: { frequency: 'hourly', every: 4 * HOUR, at: 0, window: 24 * HOUR },
    });
    expect(every12.variant).toBe('every-12h');
    expect(every12.policies[0]).toMatchObject({ instantRestore: 30 * DAY, schedule: { every: 12 * HOUR } });
  });

  it('churn-sweep: 4 churn values × 3 retentions = 12 labelled runs', () => {
    const runs = load('churn-sweep.yaml');
    expect(runs).toHaveLength(12);
    expect(runs[0].variant).toBe('base [churn.daily=1%, retention.daily=14]');
    expect(runs[11].variant).toBe('base [churn.daily=10%, retention.daily=42]');
    expect(runs.map((s) => s.policies[0].retention.daily)).toEqual([
      14, 28, 42, 14, 28, 42, 14, 28, 42, 14, 28, 42,
    ]);
    expect(runs.map((s) => s.vms[0].disks[1].churn)).toContainEqual({ kind: 'constant', value: 0.1 });
  });
});
