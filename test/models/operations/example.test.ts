// The shipped ransomware example end to end: the same attack against each protection, and the
// outcome its comments promise (what survives, how recovery goes, which alerts fire); its
// summary validates against the published summary schema and the table shows the operations.

import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../../models/results/types.js';
import { simulate } from '../../../models/simulate.js';
import { figuresOf } from '../../../reports/figures.js';
import { buildSummary } from '../../../reports/summary.js';
import { SUMMARY_SCHEMA } from '../../../reports/summary.schema.js';
import { renderTable } from '../../../reports/table.js';
import { loadScenarioFile } from '../../../scenarios/load.js';

const FILE = new URL('../../../scenarios/examples/ransomware-deletes-backups.yaml', import.meta.url).pathname;

describe('scenarios/examples/ransomware-deletes-backups.yaml', () => {
  const loaded = loadScenarioFile(FILE);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const runs = new Map<string, RunResult>(loaded.scenarios.map((s) => [s.variant, simulate(s)]));
  const get = (variant: string) => runs.get(variant)!;
  const outcomes = (variant: string) =>
    get(variant)
      .operations!.log.filter((o) => o.index > 0)
      .map((o) => o.blockedBy ?? o.outcome);
  const paths = (variant: string) => [
    ...new Set(get(variant).dr!.incidents.flatMap((i) => i.vms.map((v) => v.path))),
  ];

  it('has the base and the five protections as variants', () => {
    expect([...runs.keys()]).toEqual([
      'base',
      'soft-delete',
      'soft-delete-always-on',
      'immutable',
      'immutable-locked',
      'locked-mua',
    ]);
  });

  it('without protection, or with one the attacker can switch off, nothing survives', () => {
    // Playbook: disable soft delete, disable immutability, shorten retention, delete web, delete db.
    expect(outcomes('base')).toEqual(['failed', 'failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(outcomes('soft-delete')).toEqual(['succeeded', 'failed', 'succeeded', 'succeeded', 'succeeded']);
    expect(outcomes('immutable')).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded', 'succeeded']);
    for (const v of ['base', 'soft-delete', 'immutable']) {
      expect(get(v).operations!.attack).toMatchObject({ points: 0, bytes: 0, lost: 10 });
      expect(paths(v)).toEqual(['unrecovered']);
      expect(get(v).objectives.find((o) => o.scope === 'all' && o.metric === 'rto')!.pass).toBe(false);
    }
  });

  it('always-on soft delete: the data waits in soft delete, recovery undeletes it and restores from the vault', () => {
    expect(outcomes('soft-delete-always-on')).toEqual([
      'soft-delete-always-on',
      'failed',
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    const r = get('soft-delete-always-on');
    expect(r.operations!.attack).toMatchObject({ lost: 0, needUndelete: 10 });
    expect(paths('soft-delete-always-on')).toEqual(['restore-vault']);
    const vms = r.dr!.incidents.flatMap((i) => i.vms);
    expect(vms.every((v) => v.note === 'undeleted from soft delete first')).toBe(true);
    // The 5-minute undelete is part of every RTO's recovery phase.
    for (const v of vms) expect(v.phases.recovery).toBeGreaterThan(300);
    expect(r.operations!.log.filter((o) => o.index === 0)).toHaveLength(10);
    expect(r.objectives.find((o) => o.scope === 'all' && o.metric === 'rto')!.pass).toBe(true);
  });

  it('a locked vault keeps every point; with MUA soft delete is not even switched off', () => {
    expect(outcomes('immutable-locked')).toEqual([
      'succeeded',
      'immutability',
      'immutability',
      'immutability',
      'immutability',
    ]);
    expect(outcomes('locked-mua')).toEqual([
      'mua',
      'immutability',
      'immutability',
      'immutability',
      'immutability',
    ]);
    for (const v of ['immutable-locked', 'locked-mua']) {
      expect(get(v).operations!.attack).toMatchObject({ lost: 0, needUndelete: 0 });
      // The same points survive as in the always-on run, only not in soft delete.
      expect(get(v).operations!.attack!.points).toBe(get('soft-delete-always-on').operations!.attack!.points);
      expect(paths(v)).toEqual(['restore-snapshot']);
    }
  });

  it('raises the security alerts of each attempt, blocked ones marked', () => {
    const counts = (variant: string) => {
      const out: Record<string, number> = {};
      for (const a of get(variant).operations!.alerts)
        out[`${a.rule}${a.instance.outcome === 'blocked' ? ' (blocked)' : ''}`] =
          (out[`${a.rule}${a.instance.outcome === 'blocked' ? ' (blocked)' : ''}`] ?? 0) + 1;
      return out;
    };
    // Soft delete off: the deletions raise no Delete Backup Data (§18.2).
    expect(counts('base')).toEqual({ 'policy-shorter-retention': 1 });
    expect(counts('soft-delete-always-on')).toEqual({
      'soft-delete-disabled (blocked)': 1,
      'policy-shorter-retention': 1,
      'backup-data-deleted': 10,
    });
    expect(counts('locked-mua')).toEqual({
      'soft-delete-disabled (blocked)': 1,
      'policy-shorter-retention (blocked)': 1,
      'backup-data-deleted (blocked)': 10,
    });
  });

  it('gives compare the figures of what each protection saves', () => {
    const figure = (variant: string, name: string) =>
      figuresOf(get(variant)).find((f) => f.name === name)?.value ?? null;
    expect(figure('base', 'attack.points')).toBe(0);
    expect(figure('locked-mua', 'attack.points')).toBeGreaterThan(300);
    expect(figure('soft-delete-always-on', 'attack.needUndelete')).toBe(10);
    expect(figure('locked-mua', 'operations.blocked')).toBe(5);
    expect(figure('soft-delete-always-on', 'security.backup-data-deleted.fired')).toBe(10);
  });

  it('has a summary that validates against the published schema, and a table with the operations', () => {
    const summary = buildSummary([...runs.values()], {
      file: 'ransomware-deletes-backups.yaml',
      version: '0.0.0',
    });
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(SUMMARY_SCHEMA);
    validate(JSON.parse(JSON.stringify(summary)));
    expect(validate.errors ?? []).toEqual([]);
    const text = renderTable(summary);
    expect(text).toContain('Operations (locked-mua)');
    expect(text).toMatch(/attacker {2}vault rsv-prod {2}soft delete → disabled {8}BLOCKED \(mua\)/);
    expect(text).toContain(
      'What survived the attack (base), after 2026-03-02 02:15: 0 points (0 B); 10 VMs with none left',
    );
    expect(text).toMatch(/admin {5}10 VMs \(web-001 … db-002\) {2}undelete, to restore/);
  });
});
