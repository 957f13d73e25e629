// The Workloads table's items cell of a SQL group says what it counts (docs/model.md Q1): its
// databases, each a backup item of Azure's (§16.3), not the model's protected items (a VM's
// databases under one policy).
import { describe, expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { summariseWorkloads } from '../../reports/summary-workloads.js';
import { workloadGrid } from '../../reports/table-workloads.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { findTemplate } from '../../scenarios/templates/index.js';

describe('the SQL group row of the Workloads table', () => {
  it('should say "8 databases" for the sql-in-vm template: 2 VMs × (1 erp + 3 reporting)', () => {
    // The template: sqlDatabases erp (count 1) and reporting (count 3) on each of 2 sqlvm VMs,
    // all under policy sql-weekly: 2 × (1 + 3) = 8 databases in 2 protected items
    // (sqlvm-001/sql/sql-weekly, sqlvm-002/sql/sql-weekly).
    const text = findTemplate('sql-in-vm')!
      .text.replace(/^duration: .*$/m, 'duration: 2d')
      .replace(/^events:[\s\S]*$/m, '');
    const loaded = loadScenarioText(text, 'sql-in-vm.yaml');
    if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
    const w = summariseWorkloads(simulate(loaded.scenarios[0]).workloads!);
    // summary.json keeps its field: items, the databases.
    expect(w.groups[0].items).toBe(8);
    const row = workloadGrid(w, 'text').find((l) => l.startsWith('sql:sql-weekly'));
    expect(row).toMatch(/^sql:sql-weekly +8 databases$/);
  });
});
