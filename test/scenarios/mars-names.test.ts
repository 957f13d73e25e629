// A MARS server and a VM of the fleet with the same name would be one protected item of the
// vault's ledger (both runs used to fail with "point 1 is already in the chain"): the loader
// says so, at the server's name.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const text = (server: string) => `name: mars-names
duration: 6d
regions: [{ name: eastus }]
vaults: [{ name: v, region: eastus }]
policies:
  - name: p
    schedule: { frequency: daily, at: "22:00" }
    retention: { daily: 7 }
fleet:
  - name: files
    region: eastus
    disks: [{ size: 32GiB, used: 50%, churn: { daily: 3% } }]
    backup: { vault: v, policy: p }
servers:
  - name: ${server}
    vault: v
    data: 10GB
    schedule: { times: ["22:30"] }
    retention: { daily: 7 }
`;

describe('MARS server names', () => {
  it('may not be those of VMs', () => {
    const loaded = loadScenarioText(text('files'), 'mars.yaml');
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.issues.map(renderIssue)).toEqual([
      'mars.yaml:15:11 servers[0].name: a MARS server would be named files-001, like a VM of the fleet (a vault keeps its protected items by name); rename the server group or the fleet group',
    ]);
  });

  it('load when they differ', () => {
    expect(loadScenarioText(text('file-server'), 'mars.yaml').ok).toBe(true);
  });
});
