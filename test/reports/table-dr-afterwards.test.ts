// The DR table's "afterwards" line names VMs back where they ran whose backup protection is
// stopped, instead of printing nothing for them (the ransomware template's undeleted VMs).
import { expect, it } from 'vitest';
import { simulate } from '../../models/simulate.js';
import { buildSummary } from '../../reports/summary.js';
import { renderTable } from '../../reports/table.js';
import { loadScenarioText } from '../../scenarios/load.js';
import { findTemplate } from '../../scenarios/templates/index.js';

it('says protection stopped for the VMs no vault backs up afterwards', () => {
  const loaded = loadScenarioText(findTemplate('ransomware')!.text, 'ransomware.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const runs = loaded.scenarios.map((s) => simulate(s));
  const text = renderTable(buildSummary(runs, { file: 'ransomware.yaml', version: '0' }));
  // soft-delete-always-on: 4 VMs undeleted and restored, their items stopped with data retained;
  // locked-mua: the attack fails and the 4 restored VMs are backed up to rsv.
  expect(text).toContain('    afterwards app: not backed up: protection stopped (4)');
  expect(text).toContain('    afterwards app: backed up to rsv (4)');
});
