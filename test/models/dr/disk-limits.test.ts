// §5.2's per-disk churn limits: a VM whose disk changes faster than the disk's supported
// churn is reported over the limit, though the VM as a whole is far below 54 MB/s.
import { describe, expect, it } from 'vitest';
import { diskChurnLimit, MB } from '../../../models/replication/limits.js';
import { simulate } from '../../../models/simulate.js';
import { loadScenarioText } from '../../../scenarios/load.js';

describe('per-disk churn limits', () => {
  it('follow the §5.2 table by type and size (16 KB writes assumed)', () => {
    const GiB = 2 ** 30;
    expect(diskChurnLimit('standard', 1024 * GiB, false)).toBe(2 * MB);
    expect(diskChurnLimit('premium', 128 * GiB, false)).toBe(4 * MB); // P10/P15
    expect(diskChurnLimit('premium', 1024 * GiB, false)).toBe(20 * MB); // P20 and larger
    expect(diskChurnLimit('premium', 512 * GiB, true)).toBe(20 * MB); // High Churn P20
    expect(diskChurnLimit('premium', 1024 * GiB, true)).toBe(35 * MB); // High Churn P30+
  });

  it('report a standard disk changing 204.8 GiB a day, not the same premium disk', () => {
    // 1 TiB used × 20% a day = 204.8 GiB / 86,400 s = 2.43 MiB/s: over the standard disk's
    // 2 MB/s (168 GB a day in the table), under a P30's 20 MB/s; the VM's 54 MB/s is far off.
    const loaded = loadScenarioText(
      `
name: disk-limits
duration: 3d
regions: [{ name: eastus, pair: westus }, { name: westus, pair: eastus }]
fleet:
  - { name: std, region: eastus, disks: [{ size: 2TiB, type: standard, used: 1TiB, churn: { daily: 20% } }], replicate: { to: westus } }
  - { name: prem, region: eastus, disks: [{ size: 2TiB, used: 1TiB, churn: { daily: 20% } }], replicate: { to: westus } }
`,
      'limits.yaml',
    );
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.issues));
    const r = simulate(loaded.scenarios[0]);
    const over = Object.fromEntries(r.dr!.replication.map((g) => [g.group, g.overLimit]));
    expect(over).toEqual({ prem: [], std: ['std-001'] });
  });
});
