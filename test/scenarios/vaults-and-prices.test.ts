// A vault's redundancy must be one its region can give (scenarios/normalise/topology.ts), and
// a price override must be one something in the scenario could bill (scenarios/normalise/
// pricing-uses.ts): otherwise the run would bill ZRS or GRS rates, or ignore a price, silently.
import { describe, expect, it } from 'vitest';
import { renderIssue } from '../../scenarios/issues.js';
import { loadScenarioText } from '../../scenarios/load.js';

const scenario = (regions: string, vaults: string, more = '') => `name: t
duration: 30d
regions: ${regions}
vaults: ${vaults}
policies: [ { name: p, schedule: { frequency: daily, at: "22:30" }, retention: { daily: 30 } } ]
fleet:
  - { name: app, region: eastus, disks: [ { size: 128GiB } ], backup: { vault: v1, policy: p } }
${more}`;

function printed(text: string): string[] {
  const r = loadScenarioText(text, 's.yaml');
  return r.ok ? [] : r.issues.map(renderIssue);
}

const paired = '[ { name: eastus, pair: westus }, { name: westus, pair: eastus } ]';

describe('vault redundancy', () => {
  it('rejects ZRS in a region without zones and GRS in a region without a pair, at the redundancy field', () => {
    const lines = printed(
      scenario(
        '[ { name: eastus, zones: 0 } ]',
        '[ { name: v1, region: eastus, redundancy: ZRS }, { name: v2, region: eastus, redundancy: GRS } ]',
      ),
    );
    expect(lines).toEqual([
      's.yaml:4:51 vaults[0].redundancy: vault v1 is ZRS, but region eastus has no availability zones (zones: 0); ZRS copies the data across availability zones (Azure Storage redundancy docs); use LRS, or a region with zones',
      "s.yaml:4:98 vaults[1].redundancy: vault v2 is GRS, but region eastus has no pair; GRS copies the data to the paired region (Azure Storage redundancy docs); declare the region's pair, or use LRS or ZRS",
    ]);
    const r = loadScenarioText(
      scenario('[ { name: eastus, zones: 0 } ]', '[ { name: v1, region: eastus, redundancy: ZRS } ]'),
      's.yaml',
    );
    expect(r.ok ? [] : r.issues.map((i) => i.code)).toEqual(['policy-limit']);
  });

  it('accepts ZRS where the region has zones (3 when not given) and GRS where it has a pair', () => {
    expect(
      printed(scenario('[ { name: eastus } ]', '[ { name: v1, region: eastus, redundancy: ZRS } ]')),
    ).toEqual([]);
    expect(printed(scenario(paired, '[ { name: v1, region: eastus, redundancy: GRS } ]'))).toEqual([]);
  });

  it('says a GRS vault with Cross Region Restore lacks its pair once, at the redundancy field', () => {
    const lines = printed(
      scenario(
        '[ { name: eastus } ]',
        '[ { name: v1, region: eastus, redundancy: GRS, crossRegionRestore: true } ]',
      ),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^s\.yaml:\d+:\d+ vaults\[0\]\.redundancy: vault v1 is GRS, but region eastus has no pair/,
    );
    // With the default GRS (not written), Cross Region Restore's own check says it.
    expect(
      printed(scenario('[ { name: eastus } ]', '[ { name: v1, region: eastus, crossRegionRestore: true } ]')),
    ).toEqual([expect.stringContaining('Cross Region Restore needs a paired region')]);
  });

  it('keeps the default GRS valid in a region without a pair (Azure creates vaults GRS)', () => {
    expect(printed(scenario('[ { name: eastus, zones: 0 } ]', '[ { name: v1, region: eastus } ]'))).toEqual(
      [],
    );
  });
});

describe('a price nothing in the scenario bills', () => {
  const lrs = '[ { name: v1, region: eastus, redundancy: LRS } ]';

  it('is a no-effect error for a vault-storage rate no vault is billed at', () => {
    expect(printed(scenario(paired, lrs, 'pricing: { vaultStorage: { GRS: 0.05 } }'))).toEqual([
      's.yaml:8:28 pricing.vaultStorage.GRS: no vault is billed at GRS (v1: LRS), so this price would change nothing',
    ]);
    expect(printed(scenario(paired, lrs, 'pricing: { vaultStorage: { LRS: 0.03 } }'))).toEqual([]);
  });

  it('counts Cross Region Restore as billing RA-GRS, not GRS', () => {
    const crr = '[ { name: v1, region: eastus, crossRegionRestore: true } ]';
    expect(printed(scenario(paired, crr, "pricing: { vaultStorage: { 'RA-GRS': 0.08 } }"))).toEqual([]);
    expect(printed(scenario(paired, crr, 'pricing: { vaultStorage: { GRS: 0.05 } }'))).toEqual([
      's.yaml:8:28 pricing.vaultStorage.GRS: no vault is billed at GRS (v1: RA-GRS), so this price would change nothing',
    ]);
    expect(printed(scenario(paired, lrs, "pricing: { vaultStorage: { 'RA-GRS': 0.08 } }"))[0]).toContain(
      'no vault is billed at RA-GRS (a GRS vault with crossRegionRestore: true) (v1: LRS)',
    );
  });

  it('judges a region block by the vaults in that region, and a default rate every vault prices itself', () => {
    const pricing = `pricing:
  vaultStorage: { LRS: 0.03 }
  regions:
    eastus: { vaultStorage: { LRS: 0.031, GRS: 0.05 } }
    westus: { vaultStorage: { LRS: 0.032 } }`;
    expect(printed(scenario(paired, lrs, pricing))).toEqual([
      "s.yaml:9:19 pricing.vaultStorage.LRS: no vault is billed at LRS (v1: LRS, at regions.eastus's own price), so this price would change nothing",
      's.yaml:11:43 pricing.regions.eastus.vaultStorage.GRS: no vault in eastus is billed at GRS (v1: LRS), so this price would change nothing',
      's.yaml:12:31 pricing.regions.westus.vaultStorage.LRS: no vault is in westus, so this price would change nothing',
    ]);
  });

  it('is a no-effect error for archive, disk snapshot, file share and Site Recovery prices nothing uses', () => {
    const pricing = `pricing:
  vaultArchive: 0.002
  archiveEarlyDeletionDays: 90
  diskSnapshot: 0.04
  fileShareSnapshot: 0.05
  siteRecovery: { perInstance: 20 }
  instantRestoreSnapshot: 0.04
  protectedInstance: { small: 4 }
  softDeleteFreeDays: 10
  currency: EUR`;
    const r = loadScenarioText(scenario(paired, lrs, pricing), 's.yaml');
    expect(r.ok ? [] : r.issues.map((i) => `${i.code} ${i.path}`)).toEqual([
      'no-effect pricing.vaultArchive',
      'no-effect pricing.archiveEarlyDeletionDays',
      'no-effect pricing.diskSnapshot',
      'no-effect pricing.fileShareSnapshot',
      'no-effect pricing.siteRecovery',
    ]);
    expect(printed(scenario(paired, lrs, pricing))[0]).toBe(
      's.yaml:9:3 pricing.vaultArchive: no policy or sqlPolicy moves points to the archive tier (archive:), so this price would change nothing',
    );
  });

  it('accepts those prices once something bills them', () => {
    const fleet = `  - { name: db, region: eastus, disks: [ { size: 128GiB } ], snapshots: { every: 1d, keep: 3 }, replicate: { to: westus } }
pricing: { diskSnapshot: 0.04, siteRecovery: { perInstance: 20 } }`;
    expect(printed(scenario(paired, lrs, fleet))).toEqual([]);
  });
});
