// `explain points` shows a VM's items in other vaults too: after a region outage moves a
// backed-up VM (Cross Region Restore), its home item stops with its points retained and a new
// item `<vm>@<vault>` backs it up in the paired region's vault (backup.afterFailover).
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import type { HeldView } from '../../models/results/held.js';
import { simulate } from '../../models/simulate.js';
import { explainPoints, renderPointsExplanation } from '../../reports/explain-points.js';
import { loadScenarioText } from '../../scenarios/load.js';

it('lists the points a failed-over VM has in its new vault', () => {
  const text = readFileSync('scenarios/examples/region-outage.yaml', 'utf8');
  const loaded = loadScenarioText(text, 'region-outage.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
  let held: HeldView | null = null;
  const result = simulate(loaded.scenarios[0], {
    inspect: [{ at: 209 * 86_400_000, vm: 'web-001', sink: (v) => (held = v) }],
  });
  const h = held as HeldView | null;
  if (h === null) throw new Error('no inspection');
  // East US went down on day 200; web-001 was restored in West US and is backed up there since.
  expect(h.backup?.vault).toBe('rsv-grs');
  expect(h.backup?.protection).toBe('stopped');
  expect(h.elsewhere.map((e) => [e.item, e.vault, e.protection])).toEqual([
    ['web-001@rsv-westus', 'rsv-westus', 'protected'],
  ]);
  // A daily backup since it came back in West US on day 200: nine or ten points by day 209.
  expect(h.elsewhere[0].points.length).toBeGreaterThanOrEqual(9);
  expect(h.elsewhere[0].points.length).toBeLessThanOrEqual(10);
  const out = renderPointsExplanation(explainPoints(result, h));
  expect(out).toContain('vault rsv-westus as web-001@rsv-westus, since it ran in that vault');
});
