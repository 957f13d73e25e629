import { describe, expect, it } from 'vitest';
import { BYTES_PER_GB, DEFAULT_PRICES, mergePrices, type Priced } from '../../../models/pricing/index.js';

/** Every cited number of a price table with its dotted path. */
function leaves(node: object, path = ''): [string, Priced][] {
  return Object.entries(node).flatMap(([key, value]): [string, Priced][] => {
    const at = path === '' ? key : `${path}.${key}`;
    if (typeof value !== 'object' || value === null) return [];
    return 'value' in value ? [[at, value as Priced]] : leaves(value, at);
  });
}

describe('DEFAULT_PRICES', () => {
  it('is in USD with the reference §8 list prices', () => {
    const p = DEFAULT_PRICES;
    expect(p.currency).toBe('USD');
    expect([p.protectedInstance.small.value, p.protectedInstance.perBlock.value]).toEqual([5, 10]);
    expect([p.protectedInstance.smallMaxGB.value, p.protectedInstance.blockGB.value]).toEqual([50, 500]);
    const storage = p.vaultStorage;
    expect([storage.LRS.value, storage.ZRS.value, storage.GRS.value, storage['RA-GRS'].value]).toEqual([
      0.028, 0.035, 0.056, 0.0711,
    ]);
    expect([p.instantRestoreSnapshot.value, p.diskSnapshot.value]).toEqual([0.05, 0.05]);
    expect([p.softDeleteFreeDays.value, p.archiveEarlyDeletionDays.value]).toEqual([14, 180]);
    expect([p.siteRecovery.perInstance.value, p.siteRecovery.freeDays.value]).toEqual([25, 31]);
    // §17: whether replication traffic is billed is unconfirmed, so it is 0 unless set.
    expect(p.siteRecovery.transfer.value).toBe(0);
    expect(p.regions).toEqual({});
  });

  it('cites a source, a date and a unit for every number', () => {
    const all = leaves(DEFAULT_PRICES);
    // 21 + the file-share snapshot price (issue 17).
    expect(all.length).toBe(22);
    for (const [path, p] of all) {
      expect(p.source.length, path).toBeGreaterThan(0);
      expect(p.date.length, path).toBeGreaterThan(0);
      expect(p.unit.length, path).toBeGreaterThan(0);
      expect(p.value, path).toBeGreaterThanOrEqual(0);
      // A number from outside the reference says so, with a reason.
      if (!p.source.includes('docs/reference.md §') || p.source.startsWith('assumption')) {
        expect(p.assumption, path).toBeTruthy();
      }
    }
  });

  it('labels the archive price, which the reference lacks, as an assumption', () => {
    expect(DEFAULT_PRICES.vaultArchive.source).toMatch(/^assumption/);
    expect(DEFAULT_PRICES.vaultArchive.assumption).toMatch(/Override/);
  });

  it('bills binary gigabytes', () => {
    expect(BYTES_PER_GB).toBe(1_073_741_824);
  });
});

describe('mergePrices', () => {
  it('returns the defaults unchanged without overrides', () => {
    expect(mergePrices(DEFAULT_PRICES)).toEqual(DEFAULT_PRICES);
    expect(mergePrices(DEFAULT_PRICES, {})).toEqual(DEFAULT_PRICES);
  });

  it('replaces a bare number and its citation, leaving every other field', () => {
    const merged = mergePrices(DEFAULT_PRICES, { vaultStorage: { GRS: 0.06 }, vaultArchive: 0.002 });
    expect(merged.vaultStorage.GRS).toEqual({
      value: 0.06,
      unit: 'USD per GB-month',
      source: 'override',
      date: 'unspecified',
    });
    // The default's assumption note no longer describes the overridden value.
    expect(merged.vaultArchive.assumption).toBeUndefined();
    expect(merged.vaultArchive.value).toBe(0.002);
    expect(merged.vaultStorage.LRS).toEqual(DEFAULT_PRICES.vaultStorage.LRS);
    expect(merged.protectedInstance).toEqual(DEFAULT_PRICES.protectedInstance);
  });

  it('keeps a cited override with its source and date, and a new currency', () => {
    const merged = mergePrices(DEFAULT_PRICES, {
      currency: 'EUR',
      protectedInstance: { perBlock: { value: 8.433, source: 'pricing page, West Europe', date: '2018' } },
    });
    expect(merged.currency).toBe('EUR');
    expect(merged.protectedInstance.perBlock).toMatchObject({
      value: 8.433,
      source: 'pricing page, West Europe',
    });
    expect(merged.protectedInstance.perBlock.date).toBe('2018');
  });

  it('does not change the table it merges into', () => {
    const before = structuredClone(DEFAULT_PRICES);
    mergePrices(DEFAULT_PRICES, { vaultStorage: { GRS: 1 } });
    expect(DEFAULT_PRICES).toEqual(before);
  });

  it('rejects a negative, non-finite or mistyped number, naming the field', () => {
    expect(() => mergePrices(DEFAULT_PRICES, { vaultStorage: { GRS: -0.01 } })).toThrow(
      new RangeError('prices.vaultStorage.GRS: must be a finite number >= 0, got -0.01'),
    );
    expect(() => mergePrices(DEFAULT_PRICES, { diskSnapshot: Number.NaN })).toThrow(/prices\.diskSnapshot/);
    expect(() => mergePrices(DEFAULT_PRICES, { softDeleteFreeDays: Number.POSITIVE_INFINITY })).toThrow(
      /prices\.softDeleteFreeDays/,
    );
    expect(() =>
      mergePrices(DEFAULT_PRICES, { protectedInstance: { small: '5' as unknown as number } }),
    ).toThrow(/prices\.protectedInstance\.small: expected a number/);
  });

  it('rejects a zero block size, which every larger instance is divided by', () => {
    expect(() => mergePrices(DEFAULT_PRICES, { protectedInstance: { blockGB: 0 } })).toThrow(
      /prices\.protectedInstance\.blockGB: must be > 0/,
    );
  });

  it('gives a region the default table with its own entries applied, cited under regions.<name>', () => {
    const merged = mergePrices(DEFAULT_PRICES, {
      vaultStorage: { GRS: 0.05 },
      regions: { westus: { vaultStorage: { GRS: { value: 0.06, source: 'price sheet', date: '2026-11' } } } },
    });
    expect(merged.vaultStorage.GRS.value).toBe(0.05);
    expect(merged.regions.westus.vaultStorage.GRS).toEqual({
      value: 0.06,
      unit: 'USD per GB-month',
      source: 'price sheet',
      date: '2026-11',
    });
    // What the region does not give comes from the (overridden) default table.
    expect(merged.regions.westus.vaultStorage.LRS).toEqual(DEFAULT_PRICES.vaultStorage.LRS);
    expect(Object.keys(merged.regions)).toEqual(['westus']);
    expect(() => mergePrices(DEFAULT_PRICES, { regions: { westus: { vaultStorage: { GRS: -1 } } } })).toThrow(
      /prices\.regions\.westus\.vaultStorage\.GRS: must be a finite number >= 0/,
    );
  });

  it('prices VM sizes given by the scenario, per VM-hour', () => {
    const merged = mergePrices(DEFAULT_PRICES, { compute: { sizes: { Standard_D4s_v5: 0.192 } } });
    expect(merged.compute.sizes.Standard_D4s_v5).toEqual({
      value: 0.192,
      unit: 'USD per VM-hour',
      source: 'override',
      date: 'unspecified',
    });
    expect(merged.compute.perCoreHour).toEqual(DEFAULT_PRICES.compute.perCoreHour);
  });

  it('rejects an unknown field, naming it', () => {
    const typo = { vaultStorage: { GZRS: 0.07 } } as unknown as Parameters<typeof mergePrices>[1];
    expect(() => mergePrices(DEFAULT_PRICES, typo)).toThrow(
      /prices\.vaultStorage\.GZRS: not a price-table field/,
    );
  });
});
