// A user's restore judges the VM where it runs now: after disaster recovery restored it from
// zone 1 into zone 2 (cross-zonal, ZRS vault), a restore "to zone 2" is no longer cross-zonal.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

it('rejects a cross-zonal restore into the zone DR moved the VM to', () => {
  const loaded = loadScenarioText(readFileSync('test/models/restore/zone-after-dr.yaml', 'utf8'), 'z.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  const jobs = simulate(loaded.scenarios[0]).restores!.jobs;
  // Zone 1 is out at day 5 21:55 for 3 h: DR restores z-001 into zone 2, the lowest zone up.
  expect(jobs[0]).toMatchObject({ vm: 'z-001', origin: 'dr' });
  // At day 8 a user asks for a restore "to zone 2": it already runs there.
  expect(jobs[1]).toMatchObject({
    status: 'rejected',
    note: 'cross-zonal restore goes to another zone; z-001 is already in zone 2',
  });
});
