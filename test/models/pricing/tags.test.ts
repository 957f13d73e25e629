// FOCUS Tags on cost lines: a line charging one tagged VM carries its tags, a group-level line
// its group's, a vault-level or untagged line none; keys in code-unit order; amounts untouched.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineTags, tagIndex, tagLines } from '../../../models/pricing/tags.js';
import type { CostLine } from '../../../models/pricing/types.js';
import { aLine } from '../../reports/cost-fixture.js';

const vms: { id: string; group: string; tags: Record<string, string> }[] = [
  { id: 'web-001', group: 'web', tags: { env: 'prod', app: 'shop', Zone: 'a' } },
  { id: 'web-002', group: 'web', tags: { app: 'shop', env: 'prod', Zone: 'a' } },
  { id: 'db-001', group: 'db', tags: { env: 'prod,eu', team: 'data "core"' } },
  { id: 'batch-001', group: 'batch', tags: {} },
];

describe('tagIndex', () => {
  it('sorts keys by code unit (upper case first) and shares one object per group', () => {
    const index = tagIndex(vms);
    expect(Object.keys(index.items.get('web-001') ?? {})).toEqual(['Zone', 'app', 'env']);
    expect(index.items.get('web-002')).toBe(index.items.get('web-001'));
    expect(index.groups.get('web')).toBe(index.items.get('web-001'));
    expect(index.items.has('batch-001')).toBe(false);
    expect(index.groups.has('batch')).toBe(false);
  });

  it('tags no group-level line of a group whose VMs disagree', () => {
    const index = tagIndex([
      { id: 'x-001', group: 'x', tags: { env: 'prod' } },
      { id: 'x-002', group: 'x', tags: { env: 'test' } },
    ]);
    expect(index.groups.has('x')).toBe(false);
    expect(index.items.get('x-002')).toEqual({ env: 'test' });
  });
});

describe('lineTags', () => {
  const index = tagIndex(vms);
  it("gives an item line its VM's tags and a disk-snapshot line its group's", () => {
    const pi = aLine({ meter: 'protectedInstances', item: 'db-001' });
    expect(lineTags(pi, index)).toEqual({ env: 'prod,eu', team: 'data "core"' });
    const asr = aLine({ meter: 'asrInstances', vault: null, policy: 'asr:web', item: 'web-002' });
    expect(lineTags(asr, index)).toEqual({ Zone: 'a', app: 'shop', env: 'prod' });
    const snaps = aLine({ meter: 'diskSnapshots', vault: null, policy: 'snapshots:web' });
    expect(lineTags(snaps, index)).toEqual({ Zone: 'a', app: 'shop', env: 'prod' });
  });

  it('gives none to vault-level lines, untagged VMs, other items and untagged groups', () => {
    expect(lineTags(aLine(), index)).toBeNull();
    expect(lineTags(aLine({ meter: 'protectedInstances', item: 'batch-001' }), index)).toBeNull();
    expect(lineTags(aLine({ meter: 'protectedInstances', item: 'mars-001' }), index)).toBeNull();
    expect(
      lineTags(aLine({ meter: 'diskSnapshots', vault: null, policy: 'snapshots:batch' }), index),
    ).toBeNull();
  });
});

describe('tagLines', () => {
  const lineArb = fc
    .record({
      meter: fc.constantFrom('protectedInstances', 'vaultStandard', 'asrInstances', 'diskSnapshots' as const),
      item: fc.option(fc.constantFrom('web-001', 'db-001', 'batch-001', 'srv-001'), { nil: null }),
      policy: fc.constantFrom('daily', 'snapshots:web', 'snapshots:batch'),
      quantity: fc.double({ min: 0, max: 1e4, noNaN: true }),
    })
    .map((l) => aLine(l));

  it('should never change a line but for adding its tags', () => {
    const index = tagIndex(vms);
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 30 }), (lines: CostLine[]) => {
        const tagged = tagLines(lines, index);
        expect(tagged).toHaveLength(lines.length);
        tagged.forEach((t, i) => {
          const { tags, ...rest } = t;
          expect(rest).toEqual(lines[i]);
          expect(tags ?? null).toEqual(lineTags(lines[i], index));
        });
      }),
    );
  });
});
