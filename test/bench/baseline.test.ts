// Bench baselines compare only deterministic figures, so a noisy runner never fails CI.
import { describe, expect, it } from 'vitest';
import { compareToBaseline, deterministicFigures } from '../../bench/baseline.js';

const results = [
  { name: 'dr.wall', value: 1.5, unit: 's' },
  { name: 'dr.events', value: 5022, unit: 'events' },
  { name: 'dr.events_per_s', value: 3348, unit: 'events/s' },
  { name: 'dr.fingerprint.d540d59b1aa277e0', value: 1, unit: 'fingerprint' },
];

describe('bench baselines', () => {
  it('keep events and fingerprints, never times or rates', () => {
    expect(deterministicFigures(results)).toEqual({
      'dr.events': 5022,
      'dr.fingerprint.d540d59b1aa277e0': 1,
    });
  });

  it('report every difference, a changed fingerprint as one missing and one new figure', () => {
    const figures = { 'dr.events': 5023, 'dr.fingerprint.0000000000000000': 1 };
    const baseline = { dr: { 'dr.events': 5022, 'dr.fingerprint.d540d59b1aa277e0': 1 } };
    expect(compareToBaseline('dr', figures, baseline)).toEqual([
      'dr: dr.events = 5023, baseline 5022',
      'dr: dr.fingerprint.0000000000000000 = 1 is new (not in the baseline)',
      'dr: dr.fingerprint.d540d59b1aa277e0 is in the baseline but was not produced',
    ]);
    expect(compareToBaseline('dr', deterministicFigures(results), baseline)).toEqual([]);
    expect(compareToBaseline('fleet', {}, baseline)).toEqual([
      'fleet: no baseline for this suite (record one with --write-baseline)',
    ]);
  });
});
