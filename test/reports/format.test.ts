// Report formatting: locale-free rounding, grouping, bytes, money, durations and deltas.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatDelta,
  formatMoney,
  formatSeconds,
  groupThousands,
  round,
} from '../../reports/format.js';

describe('format', () => {
  it('rounds half away from zero without binary noise, never to -0', () => {
    expect(round(1.005, 2)).toBe(1.01);
    expect(round(2.675, 2)).toBe(2.68);
    expect(round(-1.005, 2)).toBe(-1.01);
    expect(Object.is(round(-0.001, 2), 0)).toBe(true);
    expect(round(123456789012345.6)).toBe(123456789012346);
    expect(round(0.1234567, 3)).toBe(0.123);
  });

  it('groups thousands by hand', () => {
    expect(groupThousands(0)).toBe('0');
    expect(groupThousands(999)).toBe('999');
    expect(groupThousands(1000)).toBe('1,000');
    expect(groupThousands(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupThousands(-1234.5, 1)).toBe('-1,234.5');
    expect(groupThousands(-0.001, 2)).toBe('0.00');
    expect(formatCount(44165)).toBe('44,165');
  });

  it('formats bytes in binary units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1024)).toBe('1.00 KiB');
    expect(formatBytes(1352399302164)).toBe('1.23 TiB');
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.00 MiB');
    expect(formatBytes(-2048)).toBe('-2.00 KiB');
  });

  it('formats money with a symbol or the currency code', () => {
    expect(formatMoney(1234.5, 'USD')).toBe('$1,234.50');
    expect(formatMoney(0, 'USD')).toBe('$0.00');
    expect(formatMoney(-12.345, 'EUR')).toBe('-€12.35');
    expect(formatMoney(1e6, 'CHF')).toBe('1,000,000.00 CHF');
  });

  it('formats durations in seconds', () => {
    expect(formatSeconds(0)).toBe('0.0s');
    expect(formatSeconds(12.34)).toBe('12.3s');
    expect(formatSeconds(95.166)).toBe('1m 35s');
    expect(formatSeconds(41918.881)).toBe('11h 39m');
    expect(formatSeconds(90000)).toBe('1d 1h');
  });

  it('formats a change against the base', () => {
    expect(formatDelta(112.3, 100)).toBe('+12.3%');
    expect(formatDelta(96, 100)).toBe('-4.0%');
    expect(formatDelta(5, 5)).toBe('=');
    expect(formatDelta(5, 0)).toBe('new');
    expect(formatDelta(0, 4)).toBe('-100.0%');
  });

  it('should always give back the digits of toFixed once the commas are removed', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), fc.integer({ min: 0, max: 3 }), (n, d) => {
        const text = groupThousands(n, d);
        expect(text.replaceAll(',', '')).toBe(n.toFixed(d));
        expect(text).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$/);
      }),
    );
  });

  it('should never print more than 1023.99 of a byte unit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2 ** 62, noNaN: true }), (b) => {
        const [value, unit] = formatBytes(b).split(' ');
        expect(Number(value)).toBeLessThan(1024);
        expect(['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']).toContain(unit);
      }),
    );
  });

  it('should always be idempotent when rounding', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
        expect(round(round(x, d), d)).toBe(round(x, d));
      }),
    );
  });
});
